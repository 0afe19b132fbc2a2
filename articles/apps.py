from collections.abc import Callable

from django import forms
from django.apps import AppConfig
from django.core.exceptions import ValidationError


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "News"

    def ready(self):
        from taggit.models import Tag, TaggedItem

        from articles.filters import (
            HIDE_SPOILERS_COOKIE,
            SHOW_ALL,
            ArticleFilterForm,
            spoiler_choice,
        )
        from articles.models import (
            Article,
            Author,
            Byline,
            ContentWarning,
            Correction,
            SlugRedirect,
        )
        from articles.publishing import next_scheduled_publication
        from newsroom import pagecache

        # Everything public pages show. Preview links are not: a reviewer's visit retires nothing.
        pagecache.watch(
            Article, Author, Byline, ContentWarning, Correction, SlugRedirect, Tag, TaggedItem
        )
        pagecache.on_schedule(next_scheduled_publication)

        # What reader pages read from the request; nothing else reaches them from the page cache.
        listings = ("articles:index", "articles:author", "articles:tag")
        pagecache.vary_on_query(
            *listings,
            page=pagecache.page_number,
            # Any value given, even a bogus one, is a choice to remember (or forget): never blank.
            **{HIDE_SPOILERS_COOKIE: lambda value: spoiler_choice(value) or SHOW_ALL},
        )
        pagecache.vary_on_query(
            "articles:index",
            **{name: as_cleaned_by(field) for name, field in ArticleFilterForm.base_fields.items()},
        )
        pagecache.vary_on_cookies(*listings, **{HIDE_SPOILERS_COOKIE: spoiler_choice})


def as_cleaned_by(field: forms.Field) -> Callable[[str], str]:
    """A normaliser giving a filter's value as the index reads it: cleaned by its form field,
    or "" for a value the form drops."""

    def normalise(value: str) -> str:
        try:
            return field.clean(value)
        except ValidationError:
            return ""

    return normalise
