"""Field types and validators the article models share: web addresses, article slugs and tag
names."""

from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from taggit.models import Tag

from articles.crosspost.origins import has_user_info

HTTP_URL_MESSAGE = "Enter a full web address starting with https://."


class WebURLValidator(URLValidator):
    """An http or https address that names no user before its host: read at a glance,
    "https://www.linkedin.com@evil.example/" is LinkedIn's, and it leads to evil.example.

    A port no browser could reach (0, past 65535, not a number) is named: the stock check lets
    the first two through and calls the third no web address at all."""

    def __call__(self, value):
        if (port := impossible_port(value)) is not None:
            raise ValidationError(
                "The port “%(port)s” in this address is not one: ports run from 1 to 65535. "
                "Leave it out unless the site's own address has one.",
                code="port",
                params={"port": port},
            )
        super().__call__(value)
        if has_user_info(value):
            raise ValidationError(
                "Leave out the part before “@”: this address leads to %(host)s.",
                code="user_info",
                params={"host": urlsplit(value).hostname},
            )


def impossible_port(url: str) -> str | None:
    """The port an http(s) `url` gives after its host when no browser could reach it, else None."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"}:
        return None
    host_and_port = parts.netloc.rpartition("@")[2]
    if host_and_port.startswith("["):  # an IPv6 address, whose colons are its own
        host_and_port = host_and_port.partition("]")[2]
    _, colon, port = host_and_port.rpartition(":")
    if not colon or not port:
        return None
    if port.isascii() and port.isdigit() and len(port) <= 5 and 0 < int(port) <= 65535:
        return None
    return port


validate_http_url = WebURLValidator(schemes=["http", "https"], message=HTTP_URL_MESSAGE)


class WebURLFormField(forms.URLField):
    """A form's web address: http or https only, typed without a scheme means https.

    Its one check replaces the stock field's, which allows ftp and, beside ours, would report
    the same mistake twice.
    """

    default_validators = [validate_http_url]
    default_error_messages = {"invalid": HTTP_URL_MESSAGE}

    def __init__(self, **kwargs):
        super().__init__(**{"assume_scheme": "https", **kwargs})


class WebURLField(models.URLField):
    """A URL readers can follow: http or https only, typed without a scheme means https."""

    default_validators = [validate_http_url]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": WebURLFormField, **kwargs})


# Addresses under /news/ that belong to the section itself, not to an article.
RESERVED_ARTICLE_SLUGS = {"alerts", "atom", "authors", "feed", "search", "tags"}


def validate_article_slug(value: str) -> None:
    if value.lower() in RESERVED_ARTICLE_SLUGS:
        raise ValidationError(
            "“%(slug)s” is an address the news section uses itself; choose another slug.",
            code="reserved_slug",
            params={"slug": value},
        )


# Room below taggit's 100 characters for the "_1" it appends when two names share a slug.
MAX_TAG_LENGTH = 80
# Far more than a piece needs; each new one is a row, an address and a revision line, and a
# save of 10,000 took minutes, past any server's timeout, and lost the form.
MAX_TAGS = 100


def tag_name_problems(names: list[str]) -> list[str]:
    """Why `names` are too many for one piece, or why each cannot be a topic, for the admin and
    the import alike: every topic has an address of its own (/news/tags/<slug>/), linked
    wherever the topic is shown, so a name with no letter or digit to make one from would break
    every page that shows it."""
    if len(names) > MAX_TAGS:
        return [
            f"A piece takes at most {MAX_TAGS} tags; this one has {len(names)}. Keep those "
            "readers would follow."
        ]
    problems = []
    for name in names:
        if len(name) > MAX_TAG_LENGTH:
            problems.append(
                f"“{name[:30]}…” is too long for a tag: keep it under {MAX_TAG_LENGTH} characters."
            )
        elif not Tag().slugify(name):
            problems.append(f"“{name}” cannot be a tag: use at least one letter or digit.")
    return problems
