"""Settings for the newsroom.

One module for every environment: each difference comes from an environment variable (see
`.env.example` and docs/configuration.md). With DEBUG off, a missing SECRET_KEY stops
the site from starting rather than falling back to a key anyone can read; with DEBUG on, one is
made once and kept in `.secret_key` (git-ignored).
"""

import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django_prose_editor.config import html_tags
from js_asset import static_lazy

from newsroom.environment import (
    api_rate,
    database,
    debug,
    development_key,
    env_bool,
    env_int,
    env_list,
    origin_of,
    session_idle_seconds,
)

# The caches: Redis or memory, the page cache and the edge cache in front.
from newsroom.settings_caching import (  # noqa: F401 (settings, read by Django)
    CACHES,
    EDGE_MAX_AGE,
    EDGE_PURGE_ATTEMPTS,
    EDGE_PURGE_BACKEND,
    EDGE_PURGE_TIMEOUT,
    EDGE_PURGE_URLS,
    PAGE_CACHE_LOCAL_SECONDS,
    PAGE_CACHE_SECONDS,
    PAGE_MAX_AGE,
    PAGE_STALE_WHILE_REVALIDATE,
    REDIS_URL,
    SURROGATE_KEY_HEADER,
)

# What leaves the site outside a request: email, background tasks, email alerts and webhooks.
from newsroom.settings_outgoing import (  # noqa: F401 (settings, read by Django)
    ALERTS_ADDRESS_RATE,
    ALERTS_BATCH,
    ALERTS_CLIENT_RATE,
    ALERTS_CONFIRM_DAYS,
    ALERTS_FROM_EMAIL,
    ALERTS_RATE,
    ANYMAIL,
    ANYMAIL_USED,
    DEFAULT_FROM_EMAIL,
    EMAIL_BACKEND,
    EMAIL_HOST,
    EMAIL_HOST_PASSWORD,
    EMAIL_HOST_USER,
    EMAIL_PORT,
    EMAIL_TIMEOUT,
    EMAIL_USE_TLS,
    SERVER_EMAIL,
    SITE_URL,
    TASK_BACKENDS,
    TASKS,
    TASKS_BACKEND,
    WEBHOOK_DISABLE_AFTER,
    WEBHOOK_RETRY_DELAYS,
    WEBHOOK_TIMEOUT,
    WEBHOOKS_ALLOW_PRIVATE,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = debug()

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "string (python -c 'import secrets; print(secrets.token_urlsafe(50))'), or set "
            "DEBUG=true for local development."
        )
    # Development only: a random key of this checkout's own, kept from one start to the next.
    SECRET_KEY = development_key(
        Path(os.environ.get("DEVELOPMENT_KEY_FILE") or BASE_DIR / ".secret_key")
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "taggit",
    "django_prose_editor",
    "reversion",
    "csp",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "newsroom",
    "newsroom.pagecache",
    "newsroom.photos",
    "newsroom.demo",
    "articles",
]
if ANYMAIL_USED:
    INSTALLED_APPS.append("anymail")

MIDDLEWARE = [
    # Outermost, so that every response says DENY: static files, a refused upload (413) and a bad
    # Host (400) included, which the middleware below answer without going further in.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Outside SecurityMiddleware, so that its redirect to HTTPS carries the policy too, and
    # its headers reach the 400 it gives a Host not allowed.
    "newsroom.middleware.ContentSecurityPolicyMiddleware",
    "newsroom.middleware.RefusedHostHeadersMiddleware",
    # Before the Host is checked and plain http redirected: load balancers ask by address.
    "newsroom.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "newsroom.middleware.RequestLimitsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The read API's answers, kept or not, 304s included, may be read from any origin.
    "articles.api.clients.CrossOriginMiddleware",
    # ETags and 304s for every page, to HEAD as to GET; cached reader pages arrive with their
    # ETag already set.
    "newsroom.middleware.ConditionalGetMiddleware",
    # Kept reader pages are answered here, before the middleware only editors need.
    "newsroom.pagecache.middleware.PageCacheMiddleware",
    "newsroom.middleware.SiteDefaultsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "newsroom.sessions.SessionIdleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "newsroom.middleware.PrivateAdminMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses a login attempt while its username and address are locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"
ASGI_APPLICATION = "newsroom.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

# Database: DATABASE_URL, else an SQLite file beside manage.py.
DATABASES = {
    "default": database(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60, "seconds"),
        conn_health_checks=True,
    )
}
# PostgreSQL keeps the hottest queries (`newsroom.compiled`) prepared from their third run on a
# connection: parsed and planned once per connection rather than once per request. Django's other
# queries are not prepared. `DATABASE_PREPARED=false` turns it off, for a pooler that cannot keep
# prepared statements (PgBouncer in transaction mode without `max_prepared_statements`).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_PREPARED", default=True
):
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "prepare_threshold": 2,
    }

# The admin is the only place anyone signs in; an unsafe or missing `?next=` lands there.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")

# Uploaded media: S3-compatible object storage when a bucket is named, else MEDIA_ROOT.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "file_overwrite": False,
            "querystring_auth": False,
        },
    }
else:
    default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": default_storage,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Uploads: large files go to a temporary file, never wholly into memory, and a request body
# larger than REQUEST_MAX_BYTES is refused before it is read (newsroom/middleware.py).
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 5_242_880
REQUEST_MAX_BYTES = 20 * 1024 * 1024

# Behind a TLS-terminating proxy or CDN in production.
if env_bool("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
# A sign-in ends after SESSION_IDLE_HOURS without a request (newsroom/sessions.py), not Django's
# two weeks from signing in: a browser left signed in on a shared or lost machine soon is not.
SESSION_COOKIE_AGE = session_idle_seconds(8)
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, "seconds")
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
# The `preload` token only takes effect once the domain is submitted to the browsers' list.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"


def _media_sources() -> list[str]:
    """Where uploaded images are served from, when that is not this site."""
    if AWS_STORAGE_BUCKET_NAME:
        if domain := os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
            return [f"https://{domain}"]
        if endpoint := os.environ.get("AWS_S3_ENDPOINT_URL"):
            return [origin_of(endpoint)]
        return [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"] + (
            [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{region}.amazonaws.com"]
            if (region := os.environ.get("AWS_S3_REGION_NAME"))
            else []
        )
    return [origin] if (origin := origin_of(MEDIA_URL)) else []


# The base stylesheet the admin's rich-text editor (Tiptap, inside django-prose-editor 0.28)
# injects as a <style> element. tests/browser/test_admin_editor.py fails if an upgrade changes it.
EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"

# Content-Security-Policy (django-csp): only this site's own files run or style a page. Pages
# carry no inline script or style; the one inline script, the admin editor's import map, carries
# the request's nonce (newsroom/admin_base.py), and the editor's own stylesheet is allowed by
# its hash.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, EDITOR_STYLE_HASH],
        "img-src": [SELF, *_media_sources()],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "upgrade-insecure-requests": SECURE_SSL_REDIRECT,
    }
}

# Admin login throttling (django-axes): five wrong passwords for one username from one address
# lock that pair out for 15 minutes. Locking by username alone would let anyone lock an editor out.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsroom.views.login_locked_out"
AXES_CLIENT_IP_CALLABLE = "newsroom.middleware.client_ip"
# No banner at every start (every command's output is its own), and its log lines name only the
# username and address it locks out by, not the browser.
AXES_VERBOSE = False
# Proxies in front of the app that append the client's address to X-Forwarded-For.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, "proxies")

TAGGIT_CASE_INSENSITIVE = True


# The read API at /api/v1/ (articles/api/): public, read-only, JSON only, each client address
# (found as for login throttling) held to API_RATE requests by the API's own views; pages the
# page cache answers before any view runs are not counted.
API_RATE = api_rate(os.environ.get("API_RATE") or "600/min")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["articles.api.clients.ScriptSafeJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "articles.api.clients.JsonOnly",
    "DEFAULT_THROTTLE_CLASSES": ["articles.api.clients.ClientRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # The API reads only the parameters it documents: no `?format=` switch.
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Newsroom API",
    "DESCRIPTION": "Published articles, their authors and topics, read-only. See docs/api.md.",
    "VERSION": "1.0.0",
    # 3.1: a field that may be null is JSON Schema's `oneOf [object, null]`, which validators
    # read alike (3.0's `nullable` beside a `$ref` they do not).
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "ArticleKindEnum": "articles.models.ArticleKind",
        "WarningKindEnum": "articles.models.WarningKind",
    },
}

# The rich-text editor's own extensions (see newsroom/richtext.py and static/js/).
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("js/editor-spoiler.js")],
        "extensions": {"Spoiler": html_tags(["span"], {"span": ["class"]})},
    },
]
DJANGO_PROSE_EDITOR_MENU_GROUPS = [
    {"group": "blockType -lists", "type": "dropdown", "minItems": 2},
    {"group": "lists"},
    {"group": "nodes -blockType -lists"},
    {"group": "marks"},
    {"group": "link"},
    {"group": "history"},
    {"group": "utility"},
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # A line as each task starts and ends is the worker's log (`manage.py worker` sets its own
    # level); where tasks run at once, in the site's processes and `seed_demo`, it is noise.
    # A task's failure is still logged, at ERROR.
    "loggers": {"django_tasks": {"level": "WARNING"}},
}

# The organisation that publishes the newsroom, for page titles and (later) structured data.
NEWSROOM_ORGANISATION = os.environ.get("NEWSROOM_ORGANISATION", "Northwind Labs")
