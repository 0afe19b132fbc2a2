from django.utils.functional import SimpleLazyObject

from newsroom import pagecache
from newsroom.models import SITE_TAG, SitePage, SiteSettings


def site(request):
    """The site's settings and header navigation, loaded only by templates that use them.

    Both are kept in the cache until they change, so a page pays no query for them.
    """
    return {
        "site_settings": SimpleLazyObject(SiteSettings.current),
        "navigation_pages": SimpleLazyObject(
            lambda: pagecache.remember("navigation", SitePage.objects.navigation, tags=[SITE_TAG])
        ),
    }
