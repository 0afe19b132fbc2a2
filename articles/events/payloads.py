"""What channels send about a piece: the API's representation, with the site's own address.

Work outside a request still needs one to build absolute links the way pages and the API do;
`site_request` is a request for `SITE_URL`, so an email or a webhook names the same addresses
as the page and the API.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest

from articles.api.serializers import ArticleSerializer
from articles.api.views import public_articles
from articles.models import prefetch_parts
from newsroom.models import SiteSettings


class SiteRequest(HttpRequest):
    """A GET of `path` on `SITE_URL`, for code that builds links from a request."""

    def __init__(self, path: str = "/"):
        super().__init__()
        site = urlsplit(settings.SITE_URL)
        self._site_scheme, self._site_host = site.scheme or "https", site.netloc
        self.method = "GET"
        self.path = self.path_info = path
        self.META = {"HTTP_HOST": self._site_host, "SERVER_NAME": site.hostname or ""}

    def _get_scheme(self) -> str:
        return self._site_scheme

    def get_host(self) -> str:
        return self._site_host


def site_request() -> SiteRequest:
    return SiteRequest()


def absolute(location: str) -> str:
    return site_request().build_absolute_uri(location)


def article_payload(article_id: int) -> dict | None:
    """The public piece as `/api/v1/articles/<slug>/` shows it, or None if it is not public."""
    article = public_articles().filter(pk=article_id).first()
    if article is None:
        return None
    prefetch_parts([article])
    context = {"request": site_request(), "site_name": SiteSettings.current().site_name}
    return dict(ArticleSerializer(article, context=context).data)
