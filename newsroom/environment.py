"""Reading settings from the environment: switches, lists and origins, and the numbers and rates,
which stop the site from starting, naming the variable, when a value is not one. A variable set
to an empty value takes its default, as `.env.example` says."""

import math
import os
import re
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUTHY = {"1", "true", "yes", "on"}


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in TRUTHY


def debug() -> bool:
    """DEBUG, which every settings module that differs in development reads the same way."""
    return env_bool("DEBUG")


def development_key(path: Path) -> str:
    """The SECRET_KEY of a development machine that sets none: made at the first start and kept
    in `path`, readable by its owner only, so that a restart (the development server reloads
    after every edit) keeps sessions and every signed link. Never called with DEBUG off."""
    try:
        return _kept_key(path)
    except FileNotFoundError:
        pass
    key = "django-insecure-" + secrets.token_urlsafe(50)
    # Written whole under another name, then linked into place: a process starting at the same
    # moment (the server and its reloader) finds either no file or the whole key, and the one
    # that links second reads the first one's key.
    written = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with open(os.open(written, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as file:
            file.write(key + "\n")
        try:
            os.link(written, path)
        except FileExistsError:
            return _kept_key(path)
        finally:
            written.unlink()
    except OSError as error:
        raise ImproperlyConfigured(
            f"SECRET_KEY is not set, and {path} could not be written to keep a development key "
            f"({error.strerror}). Set SECRET_KEY, or DEVELOPMENT_KEY_FILE to a file that can be."
        ) from None
    return key


def _kept_key(path: Path) -> str:
    """The key kept in `path`; FileNotFoundError when there is none yet."""
    try:
        key = path.read_text().strip()
    except FileNotFoundError:
        raise
    except OSError as error:
        raise ImproperlyConfigured(
            f"SECRET_KEY is not set, and {path} could not be read for a development key "
            f"({error.strerror}). Set SECRET_KEY, or DEVELOPMENT_KEY_FILE to a file that can be."
        ) from None
    if len(key) < 50:
        raise ImproperlyConfigured(
            f"{path} holds no key: delete it, and a new one is made at the next start "
            "(every session and signed link made with the old one ends), or set SECRET_KEY."
        )
    return key


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _given(name: str) -> str:
    return os.environ.get(name, "").strip()


def env_int(name: str, default: int, unit: str = "") -> int:
    """A whole number, e.g. `CONN_MAX_AGE`; `unit` names what it counts, for the message."""
    value = _given(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        counted = f" of {unit}" if unit else ""
        raise ImproperlyConfigured(
            f"{name} is {value!r}: give a whole number{counted}, e.g. {default}."
        ) from None


def env_float(name: str, default: float) -> float:
    """A number of seconds, whole or not, e.g. `WEBHOOK_TIMEOUT`."""
    value = _given(name)
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise ImproperlyConfigured(
            f"{name} is {value!r}: give a number of seconds, e.g. {default:g} or 0.5."
        )
    return number


def env_ints(name: str, default: str) -> list[int]:
    """Whole numbers separated by commas, e.g. `WEBHOOK_RETRY_DELAYS`."""
    value = _given(name) or default
    try:
        return [int(item) for item in value.split(",") if item.strip()]
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} is {value!r}: give whole numbers separated by commas, e.g. {default}."
        ) from None


def _scheme_named(url: str) -> str:
    """The scheme `url` starts with, for an error (`('postgress' is none)`), and nothing else of
    it: an address may hold a password."""
    scheme = url.partition("://")[0] if "://" in url else ""
    return f" ({scheme!r} is none)" if scheme else ""


def database(url: str, **options) -> dict:
    """`DATABASE_URL` as Django's DATABASES reads it."""
    try:
        return dj_database_url.parse(url, **options)
    except dj_database_url.UnknownSchemeError:
        raise ImproperlyConfigured(
            "DATABASE_URL does not start with a database's scheme (postgres://, sqlite://…)"
            f"{_scheme_named(url)}: give e.g. postgres://user:password@host:5432/newsroom."
        ) from None


def redis_url(url: str) -> str:
    """`REDIS_URL`, refused when Redis's client could not connect by it: every cache read and
    write would fail, and the site would carry on with none."""
    if url and not url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            "REDIS_URL does not start with redis://, rediss:// or unix://"
            f"{_scheme_named(url)}: give e.g. redis://127.0.0.1:6379/0."
        )
    return url


def origin_of(url: str) -> str:
    """The scheme and host of `url`, or "" when it has neither."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def api_rate(value: str, name: str = "API_RATE") -> str | None:
    """A rate setting (`API_RATE`, or the one `name` says) as Django REST framework's throttles
    read it ("600/min"), or None for "off"."""
    value = value.strip().lower()
    if value == "off":
        return None
    if not re.fullmatch(r"[1-9]\d*/(s|sec|second|m|min|minute|h|hour|d|day)", value):
        raise ImproperlyConfigured(
            f"{name} is {value!r}: give requests per period, e.g. 600/min or 20/s, or off."
        )
    return value


def _positive(name: str, value: str, *, give: str) -> float:
    """The setting `name`'s `value`, a number above 0 ("8", "0.5"); `give` says what to give
    instead, for the message."""
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not 0 < number < float("inf"):
        raise ImproperlyConfigured(f"{name} is {value!r}: give {give}.")
    return number


def alerts_rate(value: str) -> float:
    """`ALERTS_RATE`: alert emails sent per second at most, e.g. 10 or 0.5."""
    return _positive("ALERTS_RATE", value, give="the emails to send per second, e.g. 10 or 0.5")


def session_idle_seconds(default_hours: float) -> int:
    """`SESSION_IDLE_HOURS`: how long a sign-in lasts without a request, e.g. 8 or 0.5, in
    seconds."""
    value = _given("SESSION_IDLE_HOURS") or f"{default_hours:g}"
    hours = _positive(
        "SESSION_IDLE_HOURS", value, give="the hours a sign-in lasts idle, e.g. 8 or 0.5"
    )
    return max(1, round(hours * 3600))
