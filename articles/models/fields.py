"""Field types and validators the article models share: web addresses and article slugs."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models

HTTP_URL_MESSAGE = "Enter a full web address starting with https://."
validate_http_url = URLValidator(schemes=["http", "https"], message=HTTP_URL_MESSAGE)


class WebURLField(models.URLField):
    """A URL readers can follow: http or https only, typed without a scheme means https."""

    default_validators = [validate_http_url]

    def formfield(self, **kwargs):
        defaults = {"assume_scheme": "https", "error_messages": {"invalid": HTTP_URL_MESSAGE}}
        return super().formfield(**{**defaults, **kwargs})


# Addresses under /news/ that belong to the section itself, not to an article.
RESERVED_ARTICLE_SLUGS = {"alerts", "atom", "authors", "feed", "search", "tags"}


def validate_article_slug(value: str) -> None:
    if value.lower() in RESERVED_ARTICLE_SLUGS:
        raise ValidationError(
            "“%(slug)s” is an address the news section uses itself; choose another slug.",
            code="reserved_slug",
            params={"slug": value},
        )
