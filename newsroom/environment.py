"""Reading settings from the environment: switches, lists and origins, and the rates, which stop
the site from starting, naming the variable, when a value is not one."""

import os
import re
from urllib.parse import urlsplit

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


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


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


def alerts_rate(value: str) -> float:
    """`ALERTS_RATE`: alert emails sent per second at most, e.g. 10 or 0.5."""
    try:
        rate = float(value)
    except ValueError:
        rate = 0.0
    if not 0 < rate < float("inf"):
        raise ImproperlyConfigured(
            f"ALERTS_RATE is {value!r}: give the emails to send per second, e.g. 10 or 0.5."
        )
    return rate


def session_idle_seconds(value: str) -> int:
    """`SESSION_IDLE_HOURS`: how long a sign-in lasts without a request, e.g. 8 or 0.5, in
    seconds."""
    try:
        hours = float(value)
    except ValueError:
        hours = 0.0
    if not 0 < hours < float("inf"):
        raise ImproperlyConfigured(
            f"SESSION_IDLE_HOURS is {value!r}: give the hours a sign-in lasts idle, e.g. 8 or 0.5."
        )
    return max(1, round(hours * 3600))
