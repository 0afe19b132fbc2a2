"""Site-wide content edited in the admin: standalone pages and the settings of the news index."""

import reversion
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property

from newsroom import deleted_pages, former_addresses, free_addresses, pagecache, revisions
from newsroom.addresses import address
from newsroom.compiled import CompiledLookup, row_columns
from newsroom.photos import renditions
from newsroom.photos.fields import PhotoField, validate_image_file
from newsroom.richtext import RichTextField
from newsroom.rows import RowModel
from newsroom.text import strip_on_save

# The page-cache tag of what every page shows: the site's settings, pages and navigation.
SITE_TAG = "site"

# First path segments the site already uses; a page with one of these slugs could never be seen.
RESERVED_SLUGS = {
    "admin",
    "api",
    "feed",
    "healthz",
    "media",
    "news",
    "press",
    "robots.txt",
    "search",
    "sitemap.xml",
    "static",
}


def validate_page_slug(value: str) -> None:
    if value.lower() in RESERVED_SLUGS:
        raise ValidationError(
            "“%(slug)s” is already used by the site; choose another address.",
            code="reserved_slug",
            params={"slug": value},
        )


class SitePageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=SitePage.Status.PUBLISHED)

    def in_navigation(self):
        return (
            self.published()
            .filter(show_in_navigation=True)
            .only("title", "slug")
            .order_by("nav_order", "title")
        )

    def navigation(self) -> list["SitePage"]:
        """The pages of the header navigation, in order, by a query compiled once: every page
        the cache cannot answer shows them."""
        db = self.db
        return [SitePage.from_db(db, NAVIGATION_COLUMNS, row) for row in NAVIGATION.rows(using=db)]


@strip_on_save
@reversion.register()
class SitePage(RowModel):
    """A standalone page such as About, Media contacts or Press kit, served at /<slug>/."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=120,
        validators=[validate_page_slug],
        help_text="The page's address, e.g. about for /about/.",
    )
    body = RichTextField(blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    show_in_navigation = models.BooleanField(
        default=True, help_text="List this page in the site's header navigation."
    )
    nav_order = models.PositiveSmallIntegerField(
        "navigation order", default=0, help_text="Lower numbers come first."
    )
    seo_title = models.CharField("SEO title", max_length=70, blank=True)
    seo_description = models.CharField("SEO description", max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SitePageQuerySet.as_manager()

    class Meta:
        ordering = ["nav_order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="sitepage_unique_slug"),
            models.CheckConstraint(condition=~Q(slug=""), name="sitepage_slug_not_empty"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published"]), name="sitepage_status_valid"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # A published page's address it moves from keeps working (`former_addresses`), the one
        # it had before an editor's restore too: the row holds the version by then.
        stored = former_addresses.stored_before_save(
            self,
            ["slug", "status"],
            update_fields=kwargs.get("update_fields"),
            using=kwargs.get("using"),
        )
        super().save(*args, **kwargs)
        if stored is not None:
            former_addresses.follow_slug_change(
                self,
                old_slug=stored["slug"],
                was_public=stored["status"] == self.Status.PUBLISHED,
            )

    def _save_table(
        self,
        raw=False,
        cls=None,
        force_insert=False,
        force_update=False,
        using=None,
        update_fields=None,
    ):
        # A version written back from the page's history (a raw save). Over the page, by an
        # editor's restore: its form saves it next, compared with the page as it was before
        # (see `save`). A deleted page recovered has back its former addresses. Either keeps
        # clear of an address another page has by now, as the database holds one per address.
        before = None
        if raw:
            rows = type(self)._base_manager.using(using).filter(pk=self.pk)
            before = rows.values("slug", "status").first()
        notes = revisions.restore_notes() if raw else None
        if notes is not None:
            if before is not None:
                former_addresses.note_before_restore(self, notes, before)
            free_addresses.keep_clear_of_taken_slug(self, notes, using=using)
        former = deleted_pages.written_back(self, using=using) if raw and before is None else None
        with free_addresses.written_back_clear(self, notes):
            written = super()._save_table(
                raw, cls, force_insert, force_update, using, update_fields
            )
        if former is not None:
            former_addresses.bring_back(self, former=former, using=using)
        return written

    def get_absolute_url(self):
        return address("newsroom:page", self.slug)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class SitePageRedirect(former_addresses.FormerAddress):
    """An address a published site page used to have; readers following it are sent on (301)
    while the page is published."""

    old_slug = models.SlugField(
        max_length=120, help_text="The page's former address, e.g. about for /about/."
    )
    page = models.ForeignKey(
        SitePage, on_delete=models.CASCADE, related_name=former_addresses.RELATION
    )

    def __str__(self):
        return f"/{self.old_slug}/ → {self.page.get_absolute_url()}"


class DeletedSitePage(RowModel):
    """The former addresses a site page had when it was deleted, which are deleted with it,
    kept so that one recovered from its history answers them again (`deleted_pages`); removed
    once a recovery has carried them, or when none of the page's revisions is left.

    Not in the admin: editors see and undo a deletion in the site pages' recover list, and a
    row has nothing else to act on (docs/editors-guide.md).
    """

    # No foreign key: the page is gone, and a recovery brings it back under the same id.
    page_id = models.BigIntegerField(primary_key=True)
    # Its `SitePageRedirect` rows: [{"id": …, "slug": …, "created_at": ISO time}, oldest first].
    former_addresses = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = "deleted site page's former addresses"
        verbose_name_plural = "deleted site pages' former addresses"

    def __str__(self):
        return f"Site page {self.page_id}, deleted"


@strip_on_save
@reversion.register()
class SiteSettings(RowModel):
    """The one row of site-wide settings: the site's name, logo and default image for link
    previews, the news index's own text and the organisation's "About" paragraph."""

    site_name = models.CharField(
        max_length=80, default="Newsroom", help_text="Shown in the header and in page titles."
    )
    news_heading = models.CharField(
        "news index heading", max_length=120, default="News", help_text="The heading of /news/."
    )
    news_introduction = models.TextField(
        "news index introduction",
        blank=True,
        max_length=600,
        help_text="A sentence or two under the heading of /news/.",
    )
    news_description = models.CharField(
        "news index SEO description",
        max_length=200,
        blank=True,
        help_text="For search results and link previews of /news/.",
    )
    logo = PhotoField(
        upload_to="site/",
        blank=True,
        width_field="logo_width",
        height_field="logo_height",
        validators=[validate_image_file],
        minimum=renditions.LOGO_MINIMUM,
        help_text="The publisher's logo search engines show with your articles: a PNG or JPEG "
        "at least 112 pixels a side. Without one, the site's icon is used.",
    )
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    default_image = PhotoField(
        "default image for link previews",
        upload_to="site/",
        blank=True,
        width_field="default_image_width",
        height_field="default_image_height",
        validators=[validate_image_file],
        minimum=renditions.LINK_PREVIEW_MINIMUM,
        help_text="Shown when a page without a picture of its own is shared: at least 1200 × 630 "
        "pixels, JPEG, PNG, WebP or GIF; it is cropped to that shape. Without one, an article is "
        "shared with a card of its headline and the site's name.",
    )
    default_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    default_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    default_image_renditions = models.JSONField(default=dict, blank=True, editable=False)
    default_image_alt = models.CharField(
        "alt text of the default image",
        max_length=250,
        blank=True,
        help_text="Required with the image: what it shows, for readers who cannot see it.",
    )
    boilerplate = RichTextField(
        "“About” paragraph (boilerplate)",
        blank=True,
        help_text="A few sentences about the organisation: what it does, where, since when. "
        "Every press release ends with it, under “About” and the organisation's name; a "
        "release can replace it or leave it out.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"
        constraints = [models.CheckConstraint(condition=Q(id=1), name="sitesettings_single_row")]

    def __str__(self):
        return "Site settings"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    def _save_table(
        self,
        raw=False,
        cls=None,
        force_insert=False,
        force_update=False,
        using=None,
        update_fields=None,
    ):
        # A version saved before the settings noted the time, written back by a restore (a raw
        # save): it keeps the stored time, for the restore page's form to match on both visits.
        if raw and self.updated_at is None:
            rows = type(self)._base_manager.using(using).filter(pk=self.pk)
            self.updated_at = rows.values_list("updated_at", flat=True).first() or timezone.now()
        return super()._save_table(raw, cls, force_insert, force_update, using, update_fields)

    def clean(self):
        if self.default_image and not self.default_image_alt.strip():
            raise ValidationError(
                {"default_image_alt": "Describe the image for readers who cannot see it."}
            )

    @cached_property
    def default_images(self) -> renditions.Renditions:
        """The default image's 1200-by-630 card (see `newsroom.social.default_image`)."""
        return renditions.Renditions(
            self.default_image_renditions,
            original=self.default_image,
            original_size=(self.default_image_width, self.default_image_height),
        )

    @classmethod
    def load(cls) -> "SiteSettings":
        """The saved settings, or the defaults when none were saved: reading never writes."""
        found = SAVED_SETTINGS.rows()
        return cls.from_row(found[0] if found else None)

    @classmethod
    def from_row(cls, row: tuple | list | None) -> "SiteSettings":
        """The settings of a row of `SETTINGS_COLUMNS`, or the defaults when none was saved."""
        return cls(pk=1) if row is None else cls.from_db(DEFAULT_DB_ALIAS, SETTINGS_COLUMNS, row)

    @classmethod
    def current(cls) -> "SiteSettings":
        """The settings as every page, feed and sitemap reads them: `load()`, kept in the cache
        until they change, so a request pays no query for them."""
        return pagecache.remember("site-settings", cls.load, tags=[SITE_TAG])


# Every page reads both; each query is compiled once (`newsroom.compiled`).
SETTINGS_COLUMNS = row_columns(SiteSettings)
SAVED_SETTINGS = CompiledLookup(
    lambda: SiteSettings.objects.filter(pk=1).values_list(*SETTINGS_COLUMNS)
)
NAVIGATION_COLUMNS = ("id", "title", "slug")
NAVIGATION = CompiledLookup(
    lambda: SitePage.objects.in_navigation().values_list(*NAVIGATION_COLUMNS)
)
