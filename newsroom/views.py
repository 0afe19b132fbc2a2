import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from newsroom import former_addresses, pagecache, sitemaps
from newsroom.models import SITE_TAG, SitePage
from newsroom.pagecache import edge, is_private, reader_page
from newsroom.pagecache.tags import collecting
from newsroom.site import site_of
from newsroom.social import SocialCard, default_picture

logger = logging.getLogger(__name__)
# What Django refuses to read of a request's body, past the limits the settings give.
TOO_LARGE = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


@require_safe
@reader_page
def page(request, slug):
    """Render a published site page (About, Media contacts…) at /<slug>/; an address a
    published page had before its slug changed redirects (301) to it."""
    try:
        site_page = get_object_or_404(SitePage.objects.published(), slug=slug)
    except Http404:
        moved = former_addresses.find_redirect(slug=slug, public=SitePage.objects.published())
        if moved is None:
            raise
        return former_addresses.moved(request, moved.get_absolute_url())
    pagecache.shows(SITE_TAG)
    site_settings = site_of(request).settings
    image, image_alt = default_picture(site_settings, request=request)
    card = SocialCard(
        title=f"{site_page.seo_title or site_page.title} · {site_settings.site_name}",
        description=site_page.seo_description,
        url=request.build_absolute_uri(site_page.get_absolute_url()),
        image=image,
        image_alt=image_alt,
    )
    context = {"page": site_page, "site_settings": site_settings, "social": card}
    return render(request, "newsroom/page.html", context)


@never_cache
@require_safe
def healthz(request):
    """Tell a load balancer whether this server can reach its database: 200 `ok` or 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check failed: the database is unreachable")
        return HttpResponse(
            "database unavailable\n", status=503, content_type="text/plain; charset=utf-8"
        )
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """/favicon.ico, which browsers ask for on pages that name no icon (the admin, the API): a
    permanent redirect to the site's icon. Public for as long as a reader page rather than for
    ever, as browsers keep a 301 that says nothing: the icon's address changes with the icon
    (its static file's name carries a hash of its content)."""
    response = HttpResponsePermanentRedirect(static("img/favicon.svg"))
    patch_cache_control(response, public=True, max_age=settings.PAGE_MAX_AGE)
    return response


@require_safe
def robots_txt(request):
    """/robots.txt: keep crawlers out of the admin and search results; name the sitemaps."""
    pagecache.shows(SITE_TAG)
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Disallow: {reverse('articles:search')}",
        "",
        *(f"Sitemap: {request.build_absolute_uri(path)}" for path in sitemaps.robots_txt_paths()),
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def login_locked_out(request, original_response=None, credentials=None):
    """The page django-axes shows when a username is locked out: 429, saying for how long."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "admin/locked_out.html",
        {"username": username, "minutes": minutes, "title": "Sign-in paused"},
        status=429,
    )


# Error pages say how long they may be kept, or a shared cache decides for itself.


def page_not_found(request, exception):
    """The 404 page, public for as long as a reader page is (`PAGE_MAX_AGE`), and never past
    the next scheduled publication or embargo, which may be the piece at this address.

    A CDN then answers a scanner's stream of misses itself. The edge is told the 404's tags:
    what it shows (the site's name and navigation) and `pagecache.ADDRESSES`, which every change
    that makes something public at a new address retires, so a piece published (or moved, or
    back from withdrawal) at an address someone was told is empty replaces the 404 at the edge
    at once; browsers that kept it ask again within `PAGE_MAX_AGE`. The 404 is not given a
    longer `s-maxage`: what becomes public outside the watched rows (see docs/deploying.md)
    would otherwise stay missing at the edge past `PAGE_MAX_AGE`. An editor's is private, like
    their pages, and so is a miss that may end any moment (`pagecache.NotFoundForNow`).
    """
    with collecting() as shown:
        response = defaults.page_not_found(request, exception)
    if is_private(request) or isinstance(exception, pagecache.NotFoundForNow):
        pagecache.not_kept(response)
        return response
    seconds = pagecache.kept_until(settings.PAGE_MAX_AGE, pagecache.next_publication())
    patch_cache_control(response, public=True, max_age=seconds)
    named = edge.header({*shown, pagecache.ADDRESSES})
    if named is not None:
        response[named[0]] = named[1]
    return response


def bad_request(request, exception):
    """The 400 page (a bad Host header), or the 413 page for a form too large to read (an
    article's text past `DATA_UPLOAD_MAX_MEMORY_SIZE`, more fields than
    `DATA_UPLOAD_MAX_NUMBER_FIELDS`), which says so and that nothing was saved, where Django's
    bare "Bad Request" left an editor guessing. Never kept, since it is about this one request;
    a cache keying without the Host would serve it to everyone."""
    if isinstance(exception, TOO_LARGE):
        response = render(
            request,
            "413.html",
            {
                "megabytes": f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1_048_576:g}",
                "fields": f"{settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:,}",
            },
            status=413,
        )
    else:
        response = defaults.bad_request(request, exception)
    patch_cache_control(response, no_store=True)
    return response


def server_error(request):
    """The 500 page: never kept, so a passing fault ends for every reader once it is fixed."""
    response = defaults.server_error(request)
    patch_cache_control(response, no_store=True)
    return response
