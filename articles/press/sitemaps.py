"""The press room in the sitemap's pages, dated by its latest change."""

from datetime import datetime

from django.db.models import Max

from articles.cache_tags import PRESS_CONTACTS, kind_tag
from articles.models import Article, ArticleKind, PressContact
from articles.sitemaps import latest_change
from newsroom import pagecache
from newsroom.addresses import address


def press_room() -> tuple[str, datetime] | None:
    """/press/ and when what it shows last changed, a release or a contact; None while it has
    neither."""
    pagecache.shows(kind_tag(ArticleKind.PRESS_RELEASE), PRESS_CONTACTS)
    releases = Article.objects.published().filter(kind=ArticleKind.PRESS_RELEASE)
    moments = [
        latest_change(releases),
        PressContact.objects.aggregate(latest=Max("updated_at"))["latest"],
    ]
    known = [moment for moment in moments if moment is not None]
    return (address("press:room"), max(known)) if known else None
