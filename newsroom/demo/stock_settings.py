"""Settings for the benchmark's stock floor: what a fresh `django-admin startproject` costs.

Only the benchmark uses these (`make bench` serves them with a gunicorn of their own). The
middleware are exactly startproject's; the apps are the ones those middleware need; the one URL
returns the article page's bytes (`stock_urls`). The database is the benchmark's, though the
floor makes no query and touches no session. The secret key is a throwaway, as in
`bench_settings`.
"""

import os

import dj_database_url

from newsroom.demo.bench_env import bench_database_url

DEBUG = False
SECRET_KEY = "bench-only-throwaway-key-for-the-stock-floor-never-used-elsewhere-0123"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsroom.demo.stock_urls"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("BENCH_DATABASE_URL")
        or bench_database_url(os.environ.get("DATABASE_URL", ""))
    )
}

USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
