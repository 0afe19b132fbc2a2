"""/news/<slug>/embargoed/<token>/: a piece under embargo, read by the journalist the link is for,
and its media kit's downloads under the same link (…/media-kit/<pk>/<variant>/, …/media-kit.zip).

The page is the article as it will run, under a banner naming the embargo, never cached and
never indexed; so are the downloads, and every other answer at these addresses, a 404 included
(`links.private_view`). Altered, unknown and revoked links answer 404, whatever the slug in the
address; an active one whose slug is not its piece's (an editor changed it) sends its
reader to the link's address now. One that expired, or whose piece is no longer under embargo,
sends its reader to the public address once the piece is out (a redirect no cache keeps and no
search engine indexes, as the page), and is 404 otherwise (a withdrawn piece).
"""

from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_safe

from articles.embargo import access
from articles.models import SEARCH_FIELDS, Article
from articles.press.downloads import release_file_response, release_zip_response
from articles.views.detail import ArticleDetailView
from articles.workflow import links


def _opened(slug: str, token: str, name: str, public_name: str, **kwargs):
    """(the journalist's link, None) when it opens its piece at this address, or (None, where
    to send its reader instead): the link's address now (`name`), or, once the link has ended
    and the piece is out, the public address of the same page or download (`public_name`).
    404 for a bad link."""
    try:
        found = access.find(token=token)
    except links.InvalidLink:
        raise Http404("This link is not valid.") from None
    if found.revoked_at is not None:
        raise Http404("This link was withdrawn.")
    if not found.is_active:
        public = Article.objects.published().filter(pk=found.article_id).only("slug").first()
        if public is None:
            raise Http404("This link has expired.")
        # Private like the link's own page: its address is the journalist's token.
        return None, links.private(
            HttpResponseRedirect(reverse(public_name, kwargs={"slug": public.slug, **kwargs}))
        )
    moved = links.follow(
        slug,
        article=found.article,
        address=lambda: access.url_for(found, name, **kwargs),
    )
    return (None, moved) if moved is not None else (found, None)


@method_decorator(links.private_view, name="dispatch")
class EmbargoedArticleView(ArticleDetailView):
    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        self.access, moved = _opened(
            kwargs["slug"], kwargs["token"], "articles:embargoed", "articles:detail"
        )
        if moved is not None:
            return moved
        response = super(ArticleDetailView, self).get(request, *args, **kwargs)
        if request.method == "GET":
            access.record_view(self.access)
        return links.private(response)

    def get_object(self, queryset=None):
        article = Article.objects.defer(*SEARCH_FIELDS).get(pk=self.access.article_id)
        self.preview = {"embargo": self.access}
        return self.load_page_rows(article)


@links.private_view
@require_safe
def embargoed_kit_file(request, slug: str, token: str, pk: int, variant: str):
    """A file of the kit of the piece the journalist's link opens."""
    found, moved = _opened(
        slug, token, "articles:embargoed-kit-file", "articles:kit-file", pk=pk, variant=variant
    )
    if moved is not None:
        return moved
    return links.private(release_file_response(found.article_id, pk, variant))


@links.private_view
@require_safe
def embargoed_kit_zip(request, slug: str, token: str):
    """The whole kit of the piece the journalist's link opens, as one ZIP."""
    found, moved = _opened(slug, token, "articles:embargoed-kit-zip", "articles:kit-zip")
    if moved is not None:
        return moved
    return links.private(release_zip_response(found.article))
