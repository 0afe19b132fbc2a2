"""Where a cross-posted piece first appeared: the origin record an article carries.

One record drives everything that credits the original: the attribution line, the canonical
address, `og:url` and JSON-LD `isBasedOn` (see `articles.seo.indexing`).
"""

from django.db import models

from articles.crosspost import credits, origins
from articles.models.fields import WebURLField
from articles.seo import indexing
from articles.seo.indexing import IndexingPolicy
from newsroom.rows import RowModel


class OriginRecord(RowModel):
    """The origin fields of an article, and what is worked out from them."""

    origin_url = WebURLField(
        "original URL",
        max_length=500,
        blank=True,
        help_text="For a cross-post: where the piece first appeared, e.g. the LinkedIn article. "
        "Tracking parameters (utm_…, trk, fbclid…) are removed on save.",
    )
    # Kept by `clean_origin` on every save: duplicates are found by it, not by the address as
    # typed. The original URL's 500 characters, and one more for http becoming https.
    origin_key = models.CharField(
        "original's identity",
        max_length=501,
        blank=True,
        editable=False,
        help_text="The original URL in one form for all its addresses (https, no www., no "
        "trailing slash, a LinkedIn post by its activity id), so the same original is found "
        "under any of them.",
    )
    origin_platform = models.CharField(
        "original platform",
        max_length=80,
        blank=True,
        help_text="Where it first appeared, e.g. LinkedIn, Medium or Forbes. Left empty, it is "
        "worked out from the original URL.",
    )
    origin_author = models.CharField(
        "author's name or handle there",
        max_length=120,
        blank=True,
        help_text="As the original shows it, e.g. “Dana Whitfield”, or “Northwind Labs” for a "
        "company page. Left empty, the first byline is credited.",
    )
    origin_published_on = models.DateField(
        "first published there on",
        null=True,
        blank=True,
        validators=[credits.refuse_future_date],
        help_text="Shown in the credit line: “…originally published on Dana Whitfield's LinkedIn "
        "on Jan 14, 2025.” Not after tomorrow.",
    )
    indexing = models.CharField(
        "search engines",
        max_length=10,
        choices=IndexingPolicy,
        default=IndexingPolicy.ORIGIN,
        help_text="Where the page's canonical link and link previews (og:url) send search "
        "engines and shares. For cross-posts the original is recommended: search engines credit "
        "it and do not treat ours as a copy. Choose “Canonical here” only for pieces the "
        "newsroom may republish as its own. Articles without an original URL are always their "
        "own canonical page unless kept out.",
    )

    class Meta:
        abstract = True

    def clean_origin(self) -> None:
        """Store the origin URL without tracking parameters and the platform as readers know it."""
        self.origin_url = origins.clean_url(self.origin_url)
        self.origin_key = origins.origin_key(self.origin_url)
        self.origin_platform = origins.normalise_platform(self.origin_platform)
        self.origin_author = " ".join(self.origin_author.split())
        if self.origin_url and not self.origin_platform:
            self.origin_platform = origins.detect_platform(self.origin_url)

    def keep_clear_of_taken_origin(self, *, raw: bool, using: str | None, update_fields) -> None:
        """Before the row is written (`StoredRow._save_table`): the database holds one article
        per original, and the identity belongs to the article that took it first.

        A raw save (a revision restored, a fixture loaded) calls no `save()` and, on the
        revision page, sends no signals: it would write the identity kept with the version, so
        it is worked out again. Any save leaves it empty when another article holds it, as
        migration 0030 left a second copy: the change form refuses such a copy and names the
        other, but the list's actions, the desk and scripts save the piece as it is."""
        if update_fields is not None and "origin_key" not in update_fields:
            return
        if raw:
            self.origin_key = origins.origin_key(self.origin_url)
        held = type(self)._base_manager.using(using).filter(origin_key=self.origin_key)
        if self.origin_key and held.exclude(pk=self.pk).exists():
            self.origin_key = ""

    @property
    def public_origin_url(self) -> str:
        """The original URL as the public is sent to it: every page, feed, email and API answer
        reads it here, never `origin_url`, so that a stored address naming a user before its
        host is shown nowhere (`origins.linkable`)."""
        return origins.linkable(self.origin_url)

    @property
    def is_cross_post(self) -> bool:
        return bool(self.origin_url or self.origin_platform)

    @property
    def credited_name(self) -> str:
        """Whom the credit line names: the author as the original shows them, else the first
        byline. A handle (`@dana`) gives way to the byline's name, which reads better."""
        lead = self.lead_author
        if self.origin_author and not (self.origin_author.startswith("@") and lead):
            return self.origin_author
        return lead.name if lead else self.origin_author

    @property
    def attribution(self) -> credits.Attribution | None:
        """The origin credit line; see `credits.attribution`."""
        if not self.is_cross_post:
            return None
        return credits.attribution(
            author_name=self.credited_name,
            platform=self.origin_platform or origins.detect_platform(self.origin_url),
            published_on=self.origin_published_on,
        )

    @property
    def canonical_url(self) -> str:
        """The origin when this cross-post defers to it; otherwise this article's own path."""
        return indexing.canonical_location(self)
