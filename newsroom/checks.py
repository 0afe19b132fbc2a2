"""System checks for deployments (`manage.py check --deploy`), and the start-up warning about
the demo login."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError, router
from django.db.backends.signals import connection_created

logger = logging.getLogger(__name__)

# The superuser `seed_demo` creates on a DEBUG machine. Printed on screen and in the README, so
# anyone can sign in with it wherever it survives: the checks below look for it.
DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "newsroom-demo"  # noqa: S105 - published on purpose, not a secret
DEMO_ADMIN_PROBLEM = (
    f"The demo login made by seed_demo (user “{DEMO_ADMIN_USERNAME}”, with the password the "
    "README prints) still works: anyone can sign in to the admin with it."
)
DEMO_ADMIN_HINT = (
    f"Give it a password of its own (python manage.py changepassword {DEMO_ADMIN_USERNAME}) "
    "or deactivate the account."
)


@register(Tags.caches, deploy=True)
def page_cache_is_shared(app_configs, **kwargs):
    """Pages are invalidated through the cache itself, so every server process must share it."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.PAGE_CACHE_SECONDS and backend.endswith("LocMemCache"):
        return [
            Warning(
                "Reader pages are cached in each process's own memory, so a change made through "
                "one gunicorn worker is not seen by the others until PAGE_CACHE_SECONDS pass.",
                hint="Set REDIS_URL so every process shares one cache, or run a single process.",
                id="newsroom.W001",
            )
        ]
    return []


@register("newsroom-site-url", deploy=True)
def site_url_is_set(app_configs, **kwargs):
    """Alert emails and webhook payloads are made outside any request: they need the site's
    address from the settings."""
    scheme, _, rest = settings.SITE_URL.partition("://")
    if scheme == "https" and rest and "/" not in rest:
        return []
    if scheme == "http" and rest and "/" not in rest:
        return plain_http_site_url()
    return [
        Error(
            f"SITE_URL is {settings.SITE_URL!r}: links in alert emails and webhook payloads "
            "need the site's own address.",
            hint="Set SITE_URL to the scheme and host readers use, e.g. https://news.example.com.",
            id="newsroom.E006",
        )
    ]


@register("newsroom-hosts", deploy=True)
def allowed_hosts_are_host_names(app_configs, **kwargs):
    """Django compares the Host a request names, without its port, with each entry: one written
    as an address (`https://…`, a path, a port) matches none, and requests for it get a 400."""
    return [
        Error(
            f"ALLOWED_HOSTS names {host!r}, which is not a host name: requests for that host are "
            "refused (400).",
            hint="Give host names alone, comma-separated, e.g. news.example.com (no scheme, path "
            "or port; an IPv6 address in brackets).",
            id="newsroom.E009",
        )
        for host in settings.ALLOWED_HOSTS
        if "/" in host or (":" in host and not host.startswith("["))
    ]


@register("newsroom-hosts", deploy=True)
def allowed_hosts_are_named(app_configs, **kwargs):
    """With DEBUG off, Django answers only the hosts ALLOWED_HOSTS names: none named, every
    request gets a 400. Django's own check (security.W020) only warns of it."""
    if settings.DEBUG or settings.ALLOWED_HOSTS:
        return []
    return [
        Error(
            "ALLOWED_HOSTS is empty and DEBUG is off: every page is refused (400), whatever "
            "host it is asked for, while /healthz tells load balancers that all is well.",
            hint="Set ALLOWED_HOSTS to the host names readers and editors use, comma-separated, "
            "e.g. news.example.com.",
            id="newsroom.E011",
        )
    ]


@register("newsroom-static", deploy=True)
def static_files_are_collected(app_configs, **kwargs):
    """With DEBUG off, pages name static files by the hashed names `collectstatic` records in
    its manifest: without it every page fails ("Missing staticfiles manifest entry")."""
    from django.contrib.staticfiles.storage import ManifestFilesMixin
    from django.core.files.storage import storages

    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin) or storage.read_manifest() is not None:
        return []
    return [
        Error(
            f"collectstatic has not been run: {settings.STATIC_ROOT} holds no manifest, and every "
            'page fails with "Missing staticfiles manifest entry".',
            hint="Run manage.py collectstatic --noinput (docs/deploying.md's release steps).",
            id="newsroom.E010",
        )
    ]


@register("newsroom-https", deploy=True)
def https_is_seen_behind_proxies(app_configs, **kwargs):
    """Behind a TLS proxy the app is sent plain http: without trusting the proxy's
    X-Forwarded-Proto it takes every request for http, and redirects it to https without end."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if not settings.SECURE_SSL_REDIRECT or not proxies:
        return []
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        return []
    return [
        Warning(
            f"TRUSTED_PROXY_COUNT says {proxies} proxies stand in front and SECURE_SSL_REDIRECT "
            "is on, but SECURE_PROXY_SSL_HEADER is off: every request a TLS proxy forwards "
            "looks like plain http and is redirected to https again, without end.",
            hint="Set SECURE_PROXY_SSL_HEADER=true, the proxy setting X-Forwarded-Proto "
            "(docs/deploying.md), or SECURE_SSL_REDIRECT=false if the proxy redirects itself.",
            id="newsroom.W004",
        )
    ]


@register("newsroom-email", deploy=True)
def smtp_has_a_server(app_configs, **kwargs):
    """Alerts, their confirmations and journalists' links go by SMTP unless another backend is
    named; with no server, each fails to send with smtplib's "please run connect() first"."""
    if settings.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend" and not (
        settings.EMAIL_HOST
    ):
        return [
            Warning(
                "EMAIL_HOST is not set: email alerts, their confirmations and journalists' "
                "pre-access links cannot be sent.",
                hint="Set EMAIL_HOST and its credentials, or an EMAIL_BACKEND for a provider's "
                "API (docs/configuration.md).",
                id="newsroom.W005",
            )
        ]
    return []


@register("newsroom-email", deploy=True)
def provider_reports_are_read(app_configs, **kwargs):
    """Through a provider's API (django-anymail) a bounce or a complaint reported after a
    message left arrives by the provider's webhook alone, served only behind its secret;
    without it alerts keep going to dead and complaining addresses."""
    if settings.EMAIL_BACKEND.startswith("anymail.") and not settings.ANYMAIL.get("WEBHOOK_SECRET"):
        return [
            Warning(
                "ANYMAIL_WEBHOOK_SECRET is not set: bounces and spam complaints the email "
                "provider reports are read by nothing, and alerts keep going to those addresses.",
                hint="Set ANYMAIL_WEBHOOK_SECRET and point the provider's tracking webhook at "
                "/anymail/<provider>/tracking/ (docs/deploying.md).",
                id="newsroom.W006",
            )
        ]
    return []


def plain_http_site_url() -> list:
    """An http `SITE_URL`: a site that redirects to https loses every one-click unsubscribe (a
    mail app's POST, which follows no redirect); any other still has mail apps ignore it."""
    hint = "Set SITE_URL to the https address readers use, e.g. https://news.example.com."
    if settings.SECURE_SSL_REDIRECT:
        message = (
            f"SITE_URL is {settings.SITE_URL!r}, and the site redirects it to https: the "
            "one-click unsubscribe of alert emails, a POST to it, is redirected and lost."
        )
        return [Error(message, hint=hint, id="newsroom.E007")]
    message = (
        f"SITE_URL is {settings.SITE_URL!r}: mail apps offer the one-click unsubscribe of "
        "alert emails (RFC 8058) only at an https address, and their links go unencrypted."
    )
    return [Warning(message, hint=hint, id="newsroom.W002")]


def demo_admin_can_log_in(*, using: str | None = None) -> bool:
    """True while an active account named as seed_demo names it has the demo password.

    False when the database cannot tell: not created, not reachable or not migrated yet.
    """
    user_model = get_user_model()
    try:
        user = (
            user_model._default_manager.db_manager(using)
            .filter(**{user_model.USERNAME_FIELD: DEMO_ADMIN_USERNAME, "is_active": True})
            .only("password")
            .first()
        )
    except DatabaseError:
        return False
    # The bare hasher: `User.check_password` would also save an upgraded hash.
    return user is not None and check_password(DEMO_ADMIN_PASSWORD, user.password)


@register(Tags.security, deploy=True)
def demo_admin_is_gone(app_configs, **kwargs):
    """The only deploy check that reads the database: a known superuser login is not a setting
    but a row, and nothing else makes the site so easy to take over."""
    if demo_admin_can_log_in():
        return [Error(DEMO_ADMIN_PROBLEM, hint=DEMO_ADMIN_HINT, id="newsroom.E001")]
    return []


# Start-up. gunicorn runs no checks, and `ready()` may not query the database, so each process
# looks once, when it first connects to its database: at start for runserver and commands, on
# the first request for a server's worker. Later connections and requests pay nothing.

_FIRST_CONNECTION = "newsroom.checks.demo_admin"


def warn_on_first_connection() -> None:
    """Log a warning when this process first connects while the demo login works (DEBUG off)."""
    connection_created.connect(_on_first_connection, dispatch_uid=_FIRST_CONNECTION)


def _on_first_connection(sender, connection, **kwargs):
    # Connections to other databases (a test run's server-wide one, a replica) are not the
    # one holding the accounts.
    if connection.alias != router.db_for_read(get_user_model()):
        return
    connection_created.disconnect(dispatch_uid=_FIRST_CONNECTION)
    if not settings.DEBUG and demo_admin_can_log_in(using=connection.alias):
        logger.warning("%s %s", DEMO_ADMIN_PROBLEM, DEMO_ADMIN_HINT)
