from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "News"

    def ready(self):
        """Tell the shared sub-apps what this app needs of them."""
        from taggit.models import Tag, TaggedItem

        from articles import filters, search, sitemaps
        from articles.models import (
            Article,
            Author,
            Byline,
            ContentWarning,
            Correction,
            SlugRedirect,
        )
        from articles.workflow.publishing import next_scheduled_publication
        from newsroom import pagecache, revisions
        from newsroom.photos import making

        # Everything public pages show. Preview links are not: a reviewer's visit retires nothing.
        pagecache.watch(
            Article, Author, Byline, ContentWarning, Correction, SlugRedirect, Tag, TaggedItem
        )
        pagecache.on_schedule(next_scheduled_publication)
        filters.vary_listings()
        sitemaps.register_sitemaps()

        making.keep_renditions(
            Article,
            field="featured_image",
            record_field="featured_image_renditions",
            plan=making.PHOTO,
        )
        making.keep_renditions(
            Author, field="headshot", record_field="headshot_renditions", plan=making.HEADSHOT
        )
        search.keep_index(Article)

        # Comparisons of revisions leave out bookkeeping and what is derived from other fields.
        revisions.ignore_fields(
            Article,
            "version",
            "corrected_at",
            "created_by",
            "search_text",
            "search_vector",
            "featured_image_renditions",
        )
        revisions.ignore_fields(Author, "headshot_renditions")
