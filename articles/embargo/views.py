"""/news/<slug>/embargoed/<token>/: a piece under embargo, read by the journalist the link is for.

The page is the article as it will run, under a banner naming the embargo, never cached and
never indexed. Altered, unknown and revoked links answer 404, as does a link to another piece;
an expired one sends its reader to the public page once the piece is out, and is 404 before.
"""

from django.http import Http404, HttpResponseRedirect
from django.utils.functional import cached_property

from articles.embargo import access
from articles.models import SEARCH_FIELDS, Article
from articles.views.detail import ArticleDetailView
from articles.workflow import links


class EmbargoedArticleView(ArticleDetailView):
    http_method_names = ["get", "head", "options"]

    @cached_property
    def access(self):
        try:
            return access.find(token=self.kwargs["token"], slug=self.kwargs["slug"])
        except links.InvalidLink:
            raise Http404("This link is not valid.") from None

    def get(self, request, *args, **kwargs):
        found = self.access
        if found.revoked_at is not None:
            raise Http404("This link was withdrawn.")
        if not found.is_active:
            public = Article.objects.published().filter(pk=found.article_id).first()
            if public is None:
                raise Http404("This link has expired.")
            return HttpResponseRedirect(public.get_absolute_url())
        response = super(ArticleDetailView, self).get(request, *args, **kwargs)
        if request.method == "GET":
            access.record_view(found)
        for header, value in access.PRIVATE_HEADERS.items():
            response[header] = value
        return response

    def get_object(self, queryset=None):
        article = Article.objects.defer(*SEARCH_FIELDS).get(pk=self.access.article_id)
        self.preview = {"embargo": self.access}
        return self.load_page_rows(article)
