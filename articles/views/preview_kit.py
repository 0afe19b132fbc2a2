"""A release's media kit under a reviewer's preview link (…/preview/<token>/media-kit.zip and
…/preview/<token>/media-kit/<pk>/<variant>/): the files the preview page offers, to the reviewer
without an account who signs the release off.

Checked as the preview page is: unknown, altered, expired and revoked links answer 404 alike,
whatever the slug; an active one whose slug is out of date sends its reader to the download's
address now. Never cached, never indexed, a 404 included.
"""

from django.http import Http404
from django.urls import reverse
from django.views.decorators.http import require_safe

from articles.press.downloads import release_file_response, release_zip_response
from articles.workflow import links, previews


def _opened(slug: str, token: str, name: str, **kwargs):
    """(the preview link, None) when it opens its piece at this address, or (None, a redirect to
    the download named `name` at the link's address now); 404 for a bad link."""
    try:
        link = previews.find_link(token=token)
    except previews.InvalidPreview:
        raise Http404("This preview link is not valid.") from None
    moved = links.follow(
        slug,
        article=link.article,
        address=lambda: reverse(name, kwargs={"slug": link.article.slug, "token": token, **kwargs}),
    )
    return (None, moved) if moved is not None else (link, None)


@links.private_view
@require_safe
def preview_kit_file(request, slug: str, token: str, pk: int, variant: str):
    """A file of the kit of the piece the reviewer's link opens."""
    link, moved = _opened(slug, token, "articles:preview-kit-file", pk=pk, variant=variant)
    if moved is not None:
        return moved
    return links.private(release_file_response(link.article_id, pk, variant))


@links.private_view
@require_safe
def preview_kit_zip(request, slug: str, token: str):
    """The whole kit of the piece the reviewer's link opens, as one ZIP."""
    link, moved = _opened(slug, token, "articles:preview-kit-zip")
    if moved is not None:
        return moved
    return links.private(release_zip_response(link.article))
