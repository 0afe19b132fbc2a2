"""/news/<slug>/embargoed/<token>/: a piece under embargo, read by the journalist the link is for,
and its media kit's downloads under the same link (…/media-kit/<pk>/<variant>/, …/media-kit.zip).

The page is the article as it will run, under a banner naming the embargo, never cached and
never indexed; so are the downloads. Altered, unknown and revoked links answer 404, as does a
link to another piece; one that expired, or whose piece is no longer under embargo, sends its
reader to the public address once the piece is out, and is 404 otherwise (a withdrawn piece).
"""

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe

from articles.embargo import access
from articles.models import SEARCH_FIELDS, Article, MediaKitItem
from articles.press.downloads import file_response, zip_name, zip_response
from articles.press.media_kit import release_items
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


def _shared_release(slug: str, token: str, public_name: str, **kwargs):
    """The piece the journalist's link opens, or the public address to send them to once their
    link expired and the piece is out (404 otherwise, as for the page)."""
    try:
        found = access.find(token=token, slug=slug)
    except links.InvalidLink:
        raise Http404("This link is not valid.") from None
    if found.revoked_at is not None:
        raise Http404("This link was withdrawn.")
    if not found.is_active:
        if not Article.objects.published().filter(pk=found.article_id).exists():
            raise Http404("This link has expired.")
        return None, HttpResponseRedirect(reverse(public_name, kwargs={"slug": slug, **kwargs}))
    return found.article, None


def _private(response):
    for header, value in access.PRIVATE_HEADERS.items():
        response[header] = value
    return response


@require_safe
def embargoed_kit_file(request, slug: str, token: str, pk: int, variant: str):
    """A file of the kit of the piece the journalist's link opens."""
    kwargs = {"pk": pk, "variant": variant}
    article, moved = _shared_release(slug, token, "articles:kit-file", **kwargs)
    if moved is not None:
        return moved
    item = get_object_or_404(MediaKitItem, pk=pk, article=article)
    return _private(file_response(item, variant))


@require_safe
def embargoed_kit_zip(request, slug: str, token: str):
    """The whole kit of the piece the journalist's link opens, as one ZIP."""
    article, moved = _shared_release(slug, token, "articles:kit-zip")
    if moved is not None:
        return moved
    return _private(zip_response(release_items(article), name=zip_name(article.slug)))
