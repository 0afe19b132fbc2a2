"""Search results of the News section."""

from django.utils.functional import cached_property
from django.views.generic import ListView

from articles import search_as_typed as as_typed
from articles.cards import note_cards
from articles.search import ArticleSearch
from articles.views.mixins import PublishedArticlesMixin
from newsroom import pagecache


class SearchView(PublishedArticlesMixin, ListView):
    """/news/search/?q=: public articles matching the query, best first (or newest first, with
    `sort=newest`), with snippets; at most the newest `search.RESULT_WINDOW` matches.

    A blank query shows the search form alone; an overlong one is cut and control characters
    are dropped, so any query string gets a normal page.
    """

    template_name = "articles/search.html"

    @cached_property
    def search(self) -> ArticleSearch:
        return ArticleSearch(self.request.GET.get("q"), order=self.request.GET.get("sort"))

    def listing_name(self) -> str:
        search = self.search
        return f"{super().listing_name()}:{search.query}:{search.order}:{search.window}"

    def listing_params(self) -> dict[str, str]:
        search = self.search
        params = {"q": search.query} if search else {}
        if search and search.order != "relevance":
            params["sort"] = search.order
        return params

    def get_paginator(self, *args, **kwargs):
        # Ranked, not newest first: pages are slices of the results' kept keys.
        return super().get_paginator(*args, by_time=False, **kwargs)

    def listing_rows(self, queryset):
        # Each result carries a snippet of its own query, so its card is rendered every time.
        return queryset.for_listing()

    def listing_queryset(self):
        return self.search.results(super().listing_queryset(), name=self.listing_name())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        note_cards(list(context["articles"]))
        self.search.highlight(context["articles"])
        context["query"] = self.search.query
        context["search"] = self.search
        context["results"] = self.object_list
        # Stop words alone are looked for in the newest pieces only: the page says so.
        context["as_typed_rows"] = f"{as_typed.ROWS:,}" if self.search.found_as_typed else ""
        return context

    def render_to_response(self, context, **response_kwargs):
        # Each query is rendered afresh (see urls.py), and a CDN keeping a long tail of one-off
        # queries would only push reader pages out; the answer may also set the spoiler cookie.
        response = super().render_to_response(context, **response_kwargs)
        pagecache.not_kept(response)
        return response
