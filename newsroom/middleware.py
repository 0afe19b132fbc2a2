"""Site-wide request handling that keeps the newsroom safe under hostile or heavy traffic."""

import ipaddress
import re
from urllib.parse import unquote

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.http import ConditionalGetMiddleware as DjangoConditionalGetMiddleware
from django.middleware.security import SecurityMiddleware as DjangoSecurityMiddleware
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import parse_http_date_safe

_NUL = re.compile(r"%00|\x00")


class RefusedHostHeadersMiddleware:
    """Django's SecurityMiddleware reads the Host to redirect plain HTTP to HTTPS, and a Host not
    in `ALLOWED_HOSTS` is refused (400) right there, on the way in, so that 400 never gets the
    headers the middleware adds on the way back. Outside it, this adds them to an answer that
    went past it without them (nosniff, Referrer-Policy, HSTS), each only where it is missing;
    every other answer is left alone, at the cost of one header lookup."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.security = DjangoSecurityMiddleware(get_response)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "X-Content-Type-Options" not in response:
            self.security.process_response(request, response)
        return response


class HealthCheckMiddleware:
    """`/healthz` for a load balancer, which checks each app server at its own address over
    plain http: answered before the Host is checked against `ALLOWED_HOSTS` and before plain
    http is redirected to https, either of which would mark every server down. It says only
    whether the database answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == "/healthz" and request.method in ("GET", "HEAD"):
            # Here, not at the top: the views read the models, and this module is imported
            # before they are ready (django-axes' client_ip).
            from newsroom.views import healthz

            return healthz(request)
        return self.get_response(request)


class RequestLimitsMiddleware:
    """Take the edge off requests no browser sends, before any view sees them.

    - A body over `REQUEST_MAX_BYTES` is refused (413) before any of it is read. Django streams
      large uploads to disk, so memory is safe either way; this also spares the disk and the
      worker's time when someone sends a gigabyte. A body without a length is never read at all.
    - NUL characters are dropped from the query string: no real parameter holds one, and
      PostgreSQL refuses them in any query a filter or search would build from it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in unquote(query):
            # Before anything reads request.GET, which is parsed from this on first use.
            request.META["QUERY_STRING"] = _NUL.sub("", query)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_MAX_BYTES:
            megabytes = settings.REQUEST_MAX_BYTES // (1024 * 1024)
            response = HttpResponse(
                f"This upload is too large: the limit is {megabytes} MB. "
                "Make the file smaller and try again.\n",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
            response["Connection"] = "close"
            # About this one request's body: no cache may keep it for another.
            patch_cache_control(response, no_store=True)
            return response
        return self.get_response(request)


class ConditionalGetMiddleware(DjangoConditionalGetMiddleware):
    """Django's ETags and 304s, for HEAD as well as GET.

    Django answers HEAD in full because it cannot hash an empty body into an ETag. The reader
    pages set their own (`newsroom.pagecache`), the same for HEAD as for GET, so a HEAD that
    names it is answered 304 as the standard says; a HEAD without one is left as Django leaves it.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if request.method != "HEAD":
            return super().process_response(request, response)
        etag = response.get("ETag")
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        if not (etag or last_modified):
            return response
        return get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )


class PrivateAdminMiddleware:
    """Mark every admin response `private, no-store`: it is one signed-in person's view.

    Django's admin views already send `never_cache`, but a few (the JavaScript catalogue, the
    lock-out page) do not; this covers them all, so no cache or CDN ever keeps a copy.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.prefix is None:
            self.prefix = reverse("admin:index")
        if request.path_info.startswith(self.prefix):
            patch_cache_control(response, private=True, no_store=True)
        return response


class SiteDefaultsMiddleware:
    """Make the site's time zone and language (`TIME_ZONE`, `LANGUAGE_CODE`) the active ones
    while a request is answered, and none once it is.

    Django uses them when none is active, so nothing reads differently. But asking which one is
    active when none is costs several times what it costs when one is (each ask raises and
    catches an exception inside asgiref's `Local`), and a page made afresh asks for every date
    it writes. After the page cache, so a kept page pays nothing for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timezone.activate(timezone.get_default_timezone())
        translation.activate(settings.LANGUAGE_CODE)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
            translation.deactivate()


def client_ip(request: HttpRequest) -> str:
    """The address a request came from, for login throttling and the API's and alerts' rates.

    With `TRUSTED_PROXY_COUNT` proxies in front, each appends the address it received the request
    from to X-Forwarded-For, so the client is that many entries from the right; anything further
    left was written by the client itself and cannot be trusted. An IPv6 client is known by its
    /64 network (see `network_of`).
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return network_of(remote)
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    return network_of(forwarded[-count] if len(forwarded) >= count else remote)


def network_of(address: str) -> str:
    """An IPv6 address as the first address of its /64 network: one host is given a whole /64,
    and could otherwise guess on from each of its addresses in turn. An IPv4 address (an
    IPv4-mapped IPv6 one as IPv4), or anything that is not an address, as it is."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return address
    if parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    return str(ipaddress.IPv6Network((parsed, 64), strict=False).network_address)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, building the policy once per process for the answers that can
    share it: those whose page used no nonce and whose view set no policy of its own, which is
    every reader page. The admin's pages, which use nonces, get theirs built as before.
    """

    # Attributes a view's decorators set on a response to change its policy.
    PER_VIEW = (
        "_csp_config",
        "_csp_update",
        "_csp_replace",
        "_csp_config_ro",
        "_csp_update_ro",
        "_csp_replace_ro",
    )

    def __init__(self, get_response):
        super().__init__(get_response)
        self.shared: dict[tuple[int, int], tuple[str, str]] = {}

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in self.PER_VIEW
        ):
            return super().process_response(request, response)
        for header, policy, exempt, setting in zip(
            (HEADER, HEADER_REPORT_ONLY),
            self.shared_policies(),
            ("_csp_exempt", "_csp_exempt_ro"),
            ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
            strict=True,
        ):
            excluded = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if (
                policy
                and header not in response
                and not getattr(response, exempt, False)
                and not request.path_info.startswith(tuple(excluded))
                and not (settings.DEBUG and response.status_code in (404, 500))
            ):
                response[header] = policy
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def shared_policies(self) -> tuple[str, str]:
        """The policy and report-only policy from the settings, built once (again if the settings
        are replaced, as tests do)."""
        key = (
            id(getattr(settings, "CONTENT_SECURITY_POLICY", None)),
            id(getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)),
        )
        if key not in self.shared:
            self.shared = {key: (build_policy(), build_policy(report_only=True))}
        return self.shared[key]
