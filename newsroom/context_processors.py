from django.utils.functional import SimpleLazyObject

from newsroom.models import SitePage, SiteSettings


def site(request):
    """The site's settings and header navigation, loaded only by templates that use them."""
    return {
        "site_settings": SimpleLazyObject(SiteSettings.load),
        "navigation_pages": SimpleLazyObject(lambda: list(SitePage.objects.in_navigation())),
    }
