from django.utils.functional import SimpleLazyObject

from newsroom.site import site_of


def site(request):
    """The site's settings and header navigation, loaded only by templates that use them, once
    per request (`newsroom.site`)."""
    return {
        "site_settings": SimpleLazyObject(lambda: site_of(request).settings),
        "navigation_pages": SimpleLazyObject(lambda: site_of(request).navigation),
    }
