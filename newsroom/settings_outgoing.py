"""The settings of what leaves the site outside a request, imported by `newsroom.settings`:
email, the site's own address for links in it, background tasks, email alerts and webhooks.
Each comes from an environment variable (see docs/configuration.md).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from newsroom.environment import (
    alerts_rate,
    api_rate,
    debug,
    env_bool,
    env_float,
    env_int,
    env_ints,
)

# Email (journalists' pre-access links). SMTP in production; with DEBUG on and no EMAIL_HOST,
# messages are printed to the console instead of sent.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if debug() and not EMAIL_HOST
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=EMAIL_PORT == 587)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, "seconds")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# An email provider through django-anymail (the `anymail` extra): its EMAIL_BACKEND, and each
# ANYMAIL_<NAME> variable as anymail's <NAME> setting (ANYMAIL_POSTMARK_SERVER_TOKEN). With
# ANYMAIL_WEBHOOK_SECRET ("user:password", HTTP basic auth) its tracking webhooks are served at
# /anymail/<provider>/tracking/, and its reports stop alerts (`articles.alerts.bounces`);
# without it they are not served at all, as anyone could post to them.
ANYMAIL = {
    name.removeprefix("ANYMAIL_"): value
    for name, value in os.environ.items()
    if name.startswith("ANYMAIL_") and value
}
ANYMAIL_USED = bool(ANYMAIL) or EMAIL_BACKEND.startswith("anymail.")
if ANYMAIL_USED:
    try:
        import anymail  # noqa: F401
    except ImportError:
        raise ImproperlyConfigured(
            "An ANYMAIL_ variable or an anymail EMAIL_BACKEND is set, but django-anymail is not "
            "installed: pip install 'newsroom[anymail]'."
        ) from None
if ANYMAIL.get("WEBHOOK_SECRET") and ":" not in ANYMAIL["WEBHOOK_SECRET"]:
    raise ImproperlyConfigured(
        "ANYMAIL_WEBHOOK_SECRET is the webhooks' HTTP basic auth as user:password, e.g. "
        "postmark:<a long random string>."
    )

# The site's own address, for links in what leaves it outside a request (alert emails, webhook
# payloads): scheme and host, no path, e.g. https://news.example.com.
SITE_URL = (os.environ.get("SITE_URL") or ("http://localhost:8000" if debug() else "")).rstrip("/")

# Background work (alerts, webhooks). "database": tasks wait in the database, in the transaction
# that made them, for `manage.py worker` beside the site, the one extra process production runs.
# "immediate": each task runs in the process that made it, once its transaction commits; for
# development (`make serve`), where no worker runs.
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS_BACKEND = os.environ.get("TASKS_BACKEND") or ("immediate" if debug() else "database")
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND is {TASKS_BACKEND!r}: use database (production) or immediate."
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}


# Email alerts (articles/alerts/): sent in batches of ALERTS_BATCH messages (one SMTP
# connection each), ALERTS_RATE messages per second at most. The subscribe form takes
# ALERTS_CLIENT_RATE requests per client address and sends ALERTS_ADDRESS_RATE emails per
# address ("off" for no limit); a confirmation link works for ALERTS_CONFIRM_DAYS days.
ALERTS_RATE = alerts_rate(os.environ.get("ALERTS_RATE") or "10")
ALERTS_BATCH = max(1, env_int("ALERTS_BATCH", 50, "emails"))
ALERTS_CLIENT_RATE = api_rate(
    os.environ.get("ALERTS_CLIENT_RATE") or "20/hour", "ALERTS_CLIENT_RATE"
)
ALERTS_ADDRESS_RATE = api_rate(
    os.environ.get("ALERTS_ADDRESS_RATE") or "3/hour", "ALERTS_ADDRESS_RATE"
)
ALERTS_CONFIRM_DAYS = env_int("ALERTS_CONFIRM_DAYS", 7, "days")
ALERTS_FROM_EMAIL = os.environ.get("ALERTS_FROM_EMAIL") or DEFAULT_FROM_EMAIL

# Webhooks (see docs/webhooks.md). A failed attempt is retried after each of these delays in
# turn, in seconds; after the last the delivery is given up. An endpoint with this many
# deliveries in a row given up is disabled until an editor enables it again.
WEBHOOK_RETRY_DELAYS = env_ints("WEBHOOK_RETRY_DELAYS", "30,120,600,3600,21600")
WEBHOOK_DISABLE_AFTER = env_int("WEBHOOK_DISABLE_AFTER", 3, "deliveries")
WEBHOOK_TIMEOUT = env_float("WEBHOOK_TIMEOUT", 5.0)
# Send to private and loopback addresses too, for receivers on the site's own network.
WEBHOOKS_ALLOW_PRIVATE = env_bool("WEBHOOKS_ALLOW_PRIVATE")
