"""The editorial model: articles, the people who write them, and the bylines that join the two."""

from datetime import datetime

import reversion
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from articles import search
from articles.crosspost import origins
from articles.seo import indexing
from articles.seo.indexing import IndexingPolicy
from articles.spoilers import public_excerpt
from articles.workflow import redirects
from newsroom.photos import renditions
from newsroom.photos.fields import PhotoField, validate_image_file
from newsroom.richtext import RichTextField
from newsroom.text import strip_on_save

HTTP_URL_MESSAGE = "Enter a full web address starting with https://."
validate_http_url = URLValidator(schemes=["http", "https"], message=HTTP_URL_MESSAGE)


class WebURLField(models.URLField):
    """A URL readers can follow: http or https only, typed without a scheme means https."""

    default_validators = [validate_http_url]

    def formfield(self, **kwargs):
        defaults = {"assume_scheme": "https", "error_messages": {"invalid": HTTP_URL_MESSAGE}}
        return super().formfield(**{**defaults, **kwargs})


# Addresses under /news/ that belong to the section itself, not to an article.
RESERVED_ARTICLE_SLUGS = {"atom", "authors", "feed", "search", "tags"}


def validate_article_slug(value: str) -> None:
    if value.lower() in RESERVED_ARTICLE_SLUGS:
        raise ValidationError(
            "“%(slug)s” is an address the news section uses itself; choose another slug.",
            code="reserved_slug",
            params={"slug": value},
        )


@strip_on_save
@reversion.register()
class Author(models.Model):
    """A person who writes for the newsroom: staff, or an executive whose op-eds we re-publish."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=120,
        help_text="The last part of the author page's address, e.g. /news/authors/dana-whitfield/.",
    )
    role = models.CharField(
        max_length=120,
        blank=True,
        help_text="Job title as readers should see it, e.g. Co-CEO. New bylines copy it.",
    )
    organisation = models.CharField(max_length=120, blank=True)
    bio = models.TextField(
        blank=True, max_length=1000, help_text="Two or three sentences in the third person."
    )
    headshot = PhotoField(
        upload_to="authors/",
        blank=True,
        validators=[validate_image_file],
        help_text="A square portrait works best. JPEG, PNG, WebP or GIF.",
    )
    headshot_renditions = models.JSONField(default=dict, blank=True, editable=False)
    linkedin_url = WebURLField("LinkedIn profile", blank=True, max_length=300)
    website_url = WebURLField("Other profile or website", blank=True, max_length=300)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text="The staff account of this author, if they have one. Most executives do not.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="author_unique_slug"),
            models.CheckConstraint(condition=~Q(slug=""), name="author_slug_not_empty"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})

    @cached_property
    def headshot_images(self) -> renditions.Renditions:
        """The headshot's square renditions, for pages, feeds and the admin."""
        return renditions.Renditions(self.headshot_renditions, original=self.headshot)

    @property
    def title_line(self) -> str:
        """Role and organisation as one line: "Co-CEO, Northwind Labs"."""
        return ", ".join(part for part in (self.role, self.organisation) if part)


# Only search reads these; every other query leaves them unloaded.
SEARCH_FIELDS = ("search_text", "search_vector")
# What listings leave unloaded: the long text a card never shows.
LISTING_DEFERRED = ("body", "introduction", *SEARCH_FIELDS)


def card_prefetches() -> list[models.Prefetch]:
    return [
        models.Prefetch(
            "bylines", queryset=Byline.objects.select_related("author").order_by("position")
        ),
        models.Prefetch("warnings", queryset=ContentWarning.objects.order_by("position")),
    ]


def prefetch_cards(articles: list["Article"]) -> None:
    """Load the bylines and warnings of `articles` in two queries, however many there are."""
    models.prefetch_related_objects(articles, *card_prefetches())


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles readers may see: published, with a publication time that has arrived.

        Uses the database's clock, so a scheduled article appears on the first request after its
        time with no job to run, and every public query agrees on what "now" is.
        """
        return self.filter(status=ArticleStatus.PUBLISHED, published_at__lte=Now())

    def with_bylines(self):
        """Bylines with their authors, and warnings: one extra query each, for any number."""
        return self.prefetch_related(*card_prefetches())

    def for_listing(self):
        """Articles for cards: without the long text a card never shows.

        Listings load bylines and warnings afterwards with `prefetch_cards`, in one batch for
        every card on the page.
        """
        return self.defer(*LISTING_DEFERRED)

    def indexable(self):
        """Articles whose own page search engines should index (for sitemaps): not `noindex`,
        and not deferring to an original elsewhere."""
        return self.exclude(indexing=IndexingPolicy.NOINDEX).exclude(
            Q(indexing=IndexingPolicy.ORIGIN) & ~Q(origin_url="")
        )

    def tagged(self, tag):
        """Articles carrying `tag`.

        A semi-join rather than a join: walking the listing index newest first and probing each
        article's tags finds a page of a large topic without sorting all of its articles.
        """
        return self.filter(
            Exists(
                TaggedItem.objects.filter(
                    content_type=ContentType.objects.get_for_model(self.model),
                    object_id=OuterRef("pk"),
                    tag=tag,
                )
            )
        )

    def by_author(self, author):
        """Articles with `author` in the byline (a semi-join, as in `tagged`)."""
        return self.filter(Exists(Byline.objects.filter(article=OuterRef("pk"), author=author)))

    def without_spoilers(self, subject_slug: str = ""):
        """Articles with no spoiler warning (or none about `subject_slug`, when given)."""
        spoilers = ContentWarning.objects.filter(
            article=OuterRef("pk"), kind=ContentWarning.Kind.SPOILERS
        )
        if subject_slug:
            spoilers = spoilers.filter(subject_slug=subject_slug)
        return self.exclude(Exists(spoilers))


class ArticleKind(models.TextChoices):
    NEWS = "news", "News"
    OP_ED = "op-ed", "Op-ed"
    PRESS_RELEASE = "press-release", "Press release"
    ANNOUNCEMENT = "announcement", "Announcement"
    FEATURE = "feature", "Feature"
    INTERVIEW = "interview", "Interview"


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in-review", "In review"
    PUBLISHED = "published", "Published"
    UNPUBLISHED = "unpublished", "Unpublished"


# Revisions keep the bylines and warnings with the text; corrections keep their own history, so
# restoring an older text never removes a published correction.
@strip_on_save
@reversion.register(follow=["bylines", "warnings"])
class Article(models.Model):
    Kind = ArticleKind
    Status = ArticleStatus
    Indexing = IndexingPolicy

    kind = models.CharField(
        max_length=20,
        choices=Kind,
        default=Kind.NEWS,
        help_text="Shown before the headline on every page, e.g. “Op-ed: …”.",
    )
    headline = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        validators=[validate_article_slug],
        help_text="The article's address: /news/<slug>/. Filled from the headline; keep it short.",
    )
    dek = models.CharField(
        "summary (dek)",
        max_length=300,
        blank=True,
        help_text="One sentence under the headline on cards and in link previews.",
    )
    introduction = RichTextField(
        "editor's introduction",
        blank=True,
        help_text="A few sentences by the newsroom about the piece and its author, shown above the "
        "text. Cross-posted pieces follow it with “Read the full piece below.”",
    )
    body = RichTextField(
        blank=True,
        help_text="The full text. For a cross-post, the piece exactly as its author published it.",
    )

    featured_image = PhotoField(
        upload_to="articles/%Y/%m/",
        blank=True,
        width_field="featured_image_width",
        height_field="featured_image_height",
        validators=[validate_image_file],
        help_text="JPEG, PNG, WebP or GIF, at least 1200 pixels wide.",
    )
    featured_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    featured_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    featured_image_renditions = models.JSONField(default=dict, blank=True, editable=False)
    featured_image_alt = models.CharField(
        "alt text",
        max_length=250,
        blank=True,
        help_text="Required with an image: what the picture shows, for readers who cannot see it.",
    )
    featured_image_caption = models.CharField("caption", max_length=300, blank=True)
    featured_image_credit = models.CharField(
        "credit", max_length=150, blank=True, help_text="Photographer or source, e.g. “Photo: AP”."
    )

    tags = TaggableManager(
        blank=True, help_text="Topics, separated by commas. Readers can browse every tag."
    )
    is_featured = models.BooleanField(
        "featured",
        default=False,
        help_text="The newest featured article leads the first page of the news index.",
    )

    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "publication time",
        null=True,
        blank=True,
        help_text="Shown as the article's date. A future time schedules the article: it appears "
        "on its own when the time comes. Left empty, publishing fills in the current time.",
    )

    origin_url = WebURLField(
        "original URL",
        max_length=500,
        blank=True,
        help_text="For a cross-post: where the piece first appeared, e.g. the LinkedIn article. "
        "Tracking parameters (utm_…, trk, fbclid…) are removed on save.",
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
        help_text="Shown in the credit line: “…originally published on Dana Whitfield's LinkedIn "
        "on Jan 14, 2025.”",
    )
    indexing = models.CharField(
        "search engines",
        max_length=10,
        choices=IndexingPolicy,
        default=IndexingPolicy.ORIGIN,
        help_text="For cross-posts, pointing search engines to the original is recommended: "
        "they credit the original page and do not treat ours as a copy. Articles without an "
        "original URL are always their own canonical page unless kept out.",
    )

    hold_behind_warning = models.BooleanField(
        "hold the text behind the warning",
        default=False,
        help_text="Readers see the warning first and open the text when they choose, as content "
        "warnings work on social platforms.",
    )

    seo_title = models.CharField(
        "SEO title",
        max_length=70,
        blank=True,
        help_text="For search results and link previews, if it should differ from the headline.",
    )
    seo_description = models.CharField(
        "SEO description",
        max_length=200,
        blank=True,
        help_text="For search results and link previews; the summary is used when left empty.",
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="articles_created",
        help_text="The staff account that started the article; contributors may edit their own.",
    )

    # Kept current by save(); see articles/search.py for paths that bypass it.
    search_text = models.TextField(
        blank=True,
        editable=False,
        help_text="The introduction and text as plain words, without spoiler passages: what "
        "site search finds and quotes.",
    )
    search_vector = SearchVectorField(null=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Counts saves, so an edit based on an older copy of the article can be recognised.
    version = models.PositiveIntegerField(default=1, editable=False)
    corrected_at = models.DateTimeField(
        "last corrected",
        null=True,
        blank=True,
        editable=False,
        help_text="The time of the latest correction or update note; kept by the notes.",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        permissions = [
            ("publish_article", "Can publish, schedule and unpublish articles"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="article_unique_slug"),
            models.CheckConstraint(condition=~Q(slug=""), name="article_slug_not_empty"),
            models.CheckConstraint(condition=~Q(headline=""), name="article_headline_not_empty"),
            models.CheckConstraint(
                condition=Q(kind__in=ArticleKind.values), name="article_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ArticleStatus.values),
                name="article_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
            models.CheckConstraint(
                condition=Q(featured_image="") | ~Q(featured_image_alt=""),
                name="article_image_has_alt",
            ),
            models.CheckConstraint(
                condition=Q(origin_url="")
                | Q(origin_url__startswith="https://")
                | Q(origin_url__startswith="http://"),
                name="article_origin_url_http",
            ),
            models.CheckConstraint(
                condition=Q(indexing__in=IndexingPolicy.values), name="article_indexing_valid"
            ),
            # One article per original: importing the same piece twice is refused.
            models.UniqueConstraint(
                fields=["origin_url"],
                condition=~Q(origin_url=""),
                name="article_unique_origin_url",
                violation_error_message="Another article already re-publishes this original URL.",
            ),
        ]
        indexes = [
            # The news index and every public listing: published, newest first.
            models.Index(
                "status",
                models.F("published_at").desc(),
                models.F("id").desc(),
                name="article_public_order_idx",
            ),
            models.Index(
                models.F("published_at").desc(),
                models.F("id").desc(),
                name="article_featured_idx",
                condition=Q(is_featured=True, status="published"),
            ),
            search.SearchVectorIndex(fields=["search_vector"], name="article_search_idx"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.clean_origin()
        update_fields = kwargs.get("update_fields")
        reindex = update_fields is None or not search.SOURCE_FIELDS.isdisjoint(update_fields)
        if reindex:
            self.search_text = search.article_text(self)
        self.version = (self.version or 0) + 1
        if update_fields is not None:
            also = {"version", "origin_platform"} if "origin_url" in update_fields else {"version"}
            if reindex:
                also.add("search_text")
            kwargs["update_fields"] = {*update_fields, *also}
        super().save(*args, **kwargs)
        if reindex:
            # The vector is computed by the database from the columns just written.
            search.update_vectors(Article.objects.filter(pk=self.pk), using=self._state.db)
        before = getattr(self, "saved_state", {})
        if "slug" in before:
            redirects.follow_slug_change(
                article=self,
                old_slug=before["slug"],
                was_public=before.get("status") == ArticleStatus.PUBLISHED
                and before.get("published_at") is not None
                and before["published_at"] <= timezone.now(),
            )
        self.remember_saved_state()

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        article.remember_saved_state()
        return article

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        """Reading one unloaded field loads every unloaded field but the search columns.

        Pages load few columns and fetch the rest only when a kept fragment must be made again;
        then one query, not one per field the templates read.
        """
        if fields is not None:
            fields = set(fields)
            unloaded = self.get_deferred_fields()
            if fields & unloaded:
                fields |= unloaded - (set(SEARCH_FIELDS) - fields)
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)

    def remember_saved_state(self) -> None:
        """Note the address and public state as stored, to see what a save changes."""
        loaded = self.__dict__
        self.saved_state = {
            name: loaded[name] for name in ("slug", "status", "published_at") if name in loaded
        }

    def clean(self):
        self.clean_origin()
        errors = {}
        if self.featured_image and not self.featured_image_alt.strip():
            errors["featured_image_alt"] = (
                "Describe the image for readers who cannot see it: alt text is required."
            )
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if errors:
            raise ValidationError(errors)

    def clean_origin(self) -> None:
        """Store the origin URL without tracking parameters and the platform as readers know it."""
        self.origin_url = origins.clean_url(self.origin_url)
        self.origin_platform = origins.normalise_platform(self.origin_platform)
        self.origin_author = " ".join(self.origin_author.split())
        if self.origin_url and not self.origin_platform:
            self.origin_platform = origins.detect_platform(self.origin_url)

    @cached_property
    def image(self) -> renditions.Renditions:
        """The featured image's renditions, for pages, feeds, social cards and the admin."""
        return renditions.Renditions(
            self.featured_image_renditions,
            original=self.featured_image,
            original_size=(self.featured_image_width, self.featured_image_height),
        )

    @property
    def is_published(self) -> bool:
        """True when readers can see it now; the instance twin of `objects.published()`."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def date_modified(self) -> datetime | None:
        """When the published piece last changed for readers: its latest correction or update
        note, else its publication time. Structured data and feeds use it as `dateModified`."""
        if self.corrected_at and self.published_at and self.corrected_at > self.published_at:
            return self.corrected_at
        return self.published_at

    def refresh_corrected_at(self) -> None:
        """Set `corrected_at` from the notes as they are stored now."""
        latest = self.corrections.aggregate(latest=models.Max("published_at"))["latest"]
        Article.objects.filter(pk=self.pk).update(corrected_at=latest)
        self.corrected_at = latest

    @property
    def is_cross_post(self) -> bool:
        return bool(self.origin_url or self.origin_platform)

    @property
    def holds_text_back(self) -> bool:
        """True when readers see only the warning until they choose to open the text."""
        return self.hold_behind_warning and bool(self.ordered_warnings)

    @property
    def last_modified(self) -> datetime:
        """When the page last changed in any way, a correction or any edit: sitemaps' `lastmod`,
        which tells crawlers to fetch it again. Readers' "updated" is `date_modified`."""
        moments = (self.published_at, self.updated_at, self.corrected_at)
        return max(moment for moment in moments if moment)

    @cached_property
    def ordered_warnings(self) -> list["ContentWarning"]:
        """Warnings in display order; uses the prefetched rows when a listing loaded them."""
        return sorted(self.warnings.all(), key=lambda warning: (warning.position, warning.pk or 0))

    @property
    def has_spoilers(self) -> bool:
        return any(w.kind == ContentWarning.Kind.SPOILERS for w in self.ordered_warnings)

    @property
    def kind_label(self) -> str:
        return self.get_kind_display()

    @cached_property
    def ordered_bylines(self) -> list["Byline"]:
        """Bylines in print order; uses the prefetched rows when a listing loaded them."""
        return sorted(self.bylines.all(), key=lambda byline: (byline.position, byline.pk or 0))

    @property
    def lead_author(self) -> "Author | None":
        bylines = self.ordered_bylines
        return bylines[0].author if bylines else None

    @property
    def credited_name(self) -> str:
        """Whom the credit line names: the author as the original shows them, else the first
        byline. A handle (`@dana`) gives way to the byline's name, which reads better."""
        lead = self.lead_author
        if self.origin_author and not (self.origin_author.startswith("@") and lead):
            return self.origin_author
        return lead.name if lead else self.origin_author

    @property
    def attribution(self) -> origins.Attribution | None:
        """The origin credit line; see `origins.attribution`."""
        if not self.is_cross_post:
            return None
        return origins.attribution(
            author_name=self.credited_name,
            platform=self.origin_platform or origins.detect_platform(self.origin_url),
            published_on=self.origin_published_on,
        )

    @property
    def canonical_url(self) -> str:
        """The origin when this cross-post defers to it; otherwise this article's own path."""
        return indexing.canonical_location(self)

    @property
    def meta_title(self) -> str:
        return self.seo_title or f"{self.kind_label}: {self.headline}"

    @property
    def meta_description(self) -> str:
        """How the article describes itself to search engines, feeds and link previews.

        Written text comes first; otherwise an excerpt of the introduction, or of the body when
        the body is not held back, always without its spoiler passages.
        """
        if self.seo_description or self.dek:
            return self.seo_description or self.dek
        if self.introduction:
            return public_excerpt(self.introduction)
        if self.holds_text_back:
            return ""
        return public_excerpt(self.body)


@strip_on_save
@reversion.register()
class Byline(models.Model):
    """One author's credit on one article, in print order, with the title they held then."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)
    role = models.CharField(
        max_length=120,
        blank=True,
        help_text="Title printed on this piece. Filled from the author's current role; later "
        "changes to the author do not rewrite it.",
    )
    organisation = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="byline_unique_author"),
        ]
        indexes = [models.Index(fields=["author", "article"], name="byline_author_idx")]

    def __str__(self):
        return self.author.name if self.author_id else "New byline"

    def save(self, *args, **kwargs):
        if self._state.adding and self.author_id:
            self.role = self.role or self.author.role
            self.organisation = self.organisation or self.author.organisation
        super().save(*args, **kwargs)

    @property
    def title_line(self) -> str:
        return ", ".join(part for part in (self.role, self.organisation) if part)


@strip_on_save
@reversion.register()
class ContentWarning(models.Model):
    """A notice readers see before the text: spoilers, or a sensitive topic such as grief."""

    class Kind(models.TextChoices):
        SPOILERS = "spoilers", "Spoilers"
        VIOLENCE = "violence", "Violence"
        ABUSE = "abuse", "Abuse"
        GRIEF = "grief", "Grief or loss"
        SELF_HARM = "self-harm", "Self-harm or suicide"
        SENSITIVE = "sensitive", "Other sensitive topic"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="warnings")
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.SPOILERS)
    text = models.CharField(
        max_length=200,
        help_text="Completes “(Warning: …)”, e.g. “contains spoilers for season one”.",
    )
    subject = models.CharField(
        max_length=120,
        blank=True,
        help_text="For spoilers: the show, book or film, e.g. “Low Tide at Marrow Bay”. Readers "
        "can hide pieces that spoil it.",
    )
    subject_slug = models.SlugField(max_length=120, blank=True, editable=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kind__in=["spoilers", "violence", "abuse", "grief", "self-harm", "sensitive"]
                ),
                name="warning_kind_valid",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="warning_text_not_empty"),
        ]
        indexes = [
            models.Index(fields=["kind", "subject_slug"], name="warning_kind_subject_idx"),
        ]

    def __str__(self):
        return f"Warning: {self.text}"

    def save(self, *args, **kwargs):
        self.subject_slug = slugify(self.subject)[:120]
        super().save(*args, **kwargs)

    @property
    def badge(self) -> str:
        """The label on cards: "Spoilers: Low Tide at Marrow Bay", "Content warning: Grief"."""
        if self.kind == self.Kind.SPOILERS:
            return f"Spoilers: {self.subject}" if self.subject else "Spoilers"
        return f"Content warning: {self.get_kind_display()}"


class SlugRedirect(models.Model):
    """An address a published article used to have; readers following it are sent on (301)."""

    old_slug = models.SlugField(max_length=200, help_text="The former address: /news/<slug>/.")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="slug_redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "former address"
        verbose_name_plural = "former addresses"
        constraints = [
            models.UniqueConstraint(fields=["old_slug"], name="slugredirect_unique_old_slug"),
            models.CheckConstraint(condition=~Q(old_slug=""), name="slugredirect_slug_not_empty"),
        ]

    def __str__(self):
        return f"/news/{self.old_slug}/ → {self.article.get_absolute_url()}"


@strip_on_save
@reversion.register()
class Correction(models.Model):
    """A dated note on a published article: a correction of a mistake, or an update."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.CORRECTION)
    published_at = models.DateTimeField(
        "date",
        default=timezone.now,
        help_text="Shown with the note; the article shows “Updated” with the latest date.",
    )
    text = models.TextField(
        max_length=1000,
        help_text="What was wrong and what is right now, e.g. “An earlier version of this article "
        "gave the wrong date for the launch.”",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["published_at", "id"]
        verbose_name = "correction or update"
        verbose_name_plural = "corrections and updates"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["correction", "update"]), name="correction_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="correction_text_not_empty"),
        ]
        indexes = [models.Index(fields=["article", "published_at"], name="correction_article_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.published_at:%b %-d, %Y}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.article.refresh_corrected_at()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.article.refresh_corrected_at()
        return result


@strip_on_save
class PreviewLink(models.Model):
    """A private address where a reviewer without an account reads a piece before it runs.

    The address carries a signed token naming this record, so it cannot be guessed or altered;
    the record decides whether it still works (expiry, revocation) and keeps the reviewer's
    views and approval.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    key = models.CharField(max_length=43, editable=False)
    reviewer = models.CharField(
        max_length=120, help_text="Who the link is for, e.g. “Dana Whitfield”."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    view_count = models.PositiveIntegerField(default=0)
    last_viewed_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_version = models.PositiveIntegerField(null=True, blank=True)
    approval_note = models.TextField(blank=True, max_length=1000)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "sign-off preview link"
        constraints = [
            models.UniqueConstraint(fields=["key"], name="previewlink_unique_key"),
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="previewlink_expires_after_creation",
            ),
        ]

    def __str__(self):
        return f"Preview of “{self.article}” for {self.reviewer}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def state(self) -> str:
        if self.revoked_at:
            return "Revoked"
        if self.expires_at <= timezone.now():
            return "Expired"
        return "Active"
