from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "News"

    def ready(self):
        from taggit.models import Tag, TaggedItem

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
