"""Settings for the test suite: the real settings with test-only keys and fast hashing.

The database still comes from DATABASE_URL, so the same suite runs on SQLite and PostgreSQL.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-any-deployment")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SITE_URL", "http://testserver")
# Tasks run after the commit in the process that made them; tests of the worker say otherwise.
os.environ.setdefault("TASKS_BACKEND", "immediate")
# An email provider's tracking webhooks (django-anymail), as a deployment using one serves them.
os.environ.setdefault("ANYMAIL_WEBHOOK_SECRET", "postmark:test-only-webhook-secret")

from newsroom.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Pages are not held in the test process's memory (`newsroom.pagecache.nearby`): a test that
# empties the shared cache expects the next request to miss. Its own tests turn it on.
PAGE_CACHE_LOCAL_SECONDS = 0
# Static files come from the source folders; the suite never runs collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
