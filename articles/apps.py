from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "News"

    def ready(self):
        """Tell the shared sub-apps what this app needs of them."""
        from django.apps import apps
        from django.contrib import admin
        from django.db.models.signals import (
            m2m_changed,
            post_delete,
            post_save,
            pre_delete,
            pre_save,
        )
        from reversion.models import Version
        from taggit.models import Tag, TaggedItem

        from articles import caching, events, filters, search_folding, search_index, sitemaps
        from articles.alerts import channel as alerts_channel
        from articles.api import parameters
        from articles.crosspost import origins
        from articles.desk import urls as desk
        from articles.embargo import access
        from articles.events import dispatch, recording, renaming
        from articles.events.dispatch import hand_on
        from articles.models import (
            Article,
            Author,
            Byline,
            ContentWarning,
            Correction,
            MediaKitItem,
            PressContact,
            topics,
        )
        from articles.press import sitemaps as press_sitemaps
        from articles.seo import title_cards
        from articles.topics import unfollowed_on_delete
        from articles.webhooks import channel as webhooks
        from articles.workflow import versions
        from newsroom import pagecache, revisions, tagged_json, text, tracking
        from newsroom import sitemaps as site_sitemaps
        from newsroom.photos import making

        # Everything public pages show, and what a change to each retires (see `caching`).
        # Preview links are not watched: a reviewer's visit retires nothing.
        pagecache.watch(
            Article,
            retires=caching.article_retires,
            scheduled=lambda row: row.is_scheduled,
            reads=caching.ARTICLE_READS,
            addresses=caching.article_addresses,
        )
        pagecache.watch(Byline, retires=caching.part_retires, addresses=caching.byline_addresses)
        for part in (ContentWarning, Correction):
            pagecache.watch(part, retires=caching.part_retires)
        pagecache.watch(
            TaggedItem,
            retires=caching.tagged_item_retires,
            addresses=caching.tagged_item_addresses,
        )
        pagecache.watch(Author, retires=caching.author_retires, addresses=caching.author_addresses)
        pagecache.watch(Tag, retires=caching.topic_retires, addresses=caching.topic_addresses)
        pagecache.watch(PressContact, retires=caching.contact_retires)
        pagecache.watch(MediaKitItem, retires=caching.kit_item_retires)
        release_contacts = Article.press_contacts.through
        pagecache.watch(release_contacts, retires=caching.part_retires)
        m2m_changed.connect(
            caching.releases_relinked,
            sender=release_contacts,
            dispatch_uid="articles:releases-relinked",
        )
        pagecache.on_schedule(caching.next_change_after, caching.went_public)
        # Journalists' links end when their piece leaves the embargo (see `embargo.access`).
        post_save.connect(
            access.end_with_the_embargo, sender=Article, dispatch_uid="articles:embargo-ends"
        )
        # A recovered piece's version continues from the one it was deleted at (`versions`),
        # noted until a recovery carries it or the piece's revisions are pruned; so do its
        # former addresses, noted before they are deleted with it.
        pre_delete.connect(
            versions.keep_deleted, sender=Article, dispatch_uid="articles:version-deleted"
        )
        post_delete.connect(
            versions.forget_pruned, sender=Version, dispatch_uid="articles:revisions-pruned"
        )
        # Topic names are cleaned like every other line of text (`newsroom.text`), before the
        # slug is made from them; and a public topic's slug it moves from keeps working
        # (`former_addresses`); taggit saves the topics, so its saves are followed.
        text.strip_on_save(Tag)
        pre_save.connect(topics.slug_saving, sender=Tag, dispatch_uid="articles:topic-slug")
        post_save.connect(topics.slug_saved, sender=Tag, dispatch_uid="articles:topic-slug")
        # A topic deleted, by the admin or in a shell, leaves no reader following nothing.
        pre_delete.connect(
            unfollowed_on_delete, sender=Tag, dispatch_uid="articles:topic-unfollowed"
        )
        # What happened to public pieces, for alerts, webhooks and title cards (see `events`).
        recording.connect()
        renaming.connect()
        events.register(alerts_channel.ALERTS)
        events.register(webhooks.WEBHOOKS)
        events.register(title_cards.TITLE_CARDS)
        title_cards.watch_site_name()
        # An email provider's later reports of bounces and complaints (django-anymail).
        if apps.is_installed("anymail"):
            from anymail.signals import tracking as provider_reports

            from articles.alerts import bounces

            provider_reports.connect(bounces.tracked, dispatch_uid="articles:alert-bounces")
        if not hand_on.get_backend().supports_defer:
            pagecache.on_schedule(dispatch.nothing_of_its_own, dispatch.went_public)
        filters.vary_listings()
        parameters.vary_on_parameters()
        sitemaps.register_sitemaps()
        site_sitemaps.register_page(press_sitemaps.press_room)

        making.keep_renditions(
            Article,
            field="featured_image",
            record_field="featured_image_renditions",
            plan=making.PHOTO,
        )
        making.keep_renditions(
            Author, field="headshot", record_field="headshot_renditions", plan=making.HEADSHOT
        )
        making.keep_renditions(
            PressContact, field="photo", record_field="photo_renditions", plan=making.HEADSHOT
        )
        making.keep_renditions(
            MediaKitItem, field="image", record_field="image_renditions", plan=making.DOWNLOAD
        )
        search_index.keep_index(Article)
        # Links in rich text lose what an original URL loses (`newsroom.tracking`).
        tracking.clean_links_with(origins.clean_url)
        search_folding.fold_case_on_sqlite()
        # The editor's desk: the admin's home page for editors and contributors, and its pages.
        desk.register(admin.site)

        # Comparisons of revisions leave out bookkeeping and what is derived from other fields.
        revisions.ignore_fields(
            Article,
            "version",
            "corrected_at",
            "created_by",
            "search_text",
            "search_vector",
            "featured_image_renditions",
            "origin_key",
            # Who returned the piece and when: the revision recording the return names both.
            "returned_by",
            "returned_at",
        )
        # Topics set by the admin form after the piece are recorded in its revision too.
        tagged_json.follow_tag_changes(Article)
        revisions.ignore_fields(Author, "headshot_renditions")
        revisions.ignore_fields(PressContact, "photo_renditions")
