"""The article itself: the `Article` model (its kinds and statuses are in `choices`; the
cross-post, press-release and return fields it inherits are in `origin`, `press` and
`returns`)."""

import reversion
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from taggit.managers import TaggableManager

from articles import search
from articles.models.choices import ArticleKind, ArticleStatus
from articles.models.fields import validate_article_slug
from articles.models.origin import OriginRecord
from articles.models.press import ReleaseRecord
from articles.models.queryset import ADMIN_ORDER_INDEX, ArticleQuerySet
from articles.models.reading import AsReadersSeeIt
from articles.models.returns import ReturnRecord
from articles.models.stored import StoredRow
from articles.seo.indexing import IndexingPolicy
from articles.workflow import slugs
from newsroom import tagged_json
from newsroom.addresses import address
from newsroom.dates import display_datetime
from newsroom.photos import renditions
from newsroom.photos.fields import PhotoField, validate_image_file
from newsroom.richtext import RichTextField
from newsroom.text import strip_on_save
from newsroom.upload_names import unguessable_name


def featured_image_name(instance, filename: str) -> str:
    """articles/<year>/<month>/<unguessable folder>/<name>: a piece's picture, and its
    renditions named after it, are public at their storage address, and a piece not yet out
    must not be found by guessing its picture's name."""
    return unguessable_name(timezone.now().strftime("articles/%Y/%m"), filename, keep=50)


# Revisions keep the bylines, warnings and topics with the text; corrections keep their own
# history, so restoring an older text never removes a published correction.
@strip_on_save
@reversion.register(follow=["bylines", "warnings"], format=tagged_json.FORMAT)
class Article(StoredRow, AsReadersSeeIt, OriginRecord, ReleaseRecord, ReturnRecord):
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
        help_text="The last part of the article's address, e.g. /news/what-a-tv-show-teaches-us/. "
        "Until the article is first published it follows the headline, unless you change it "
        "here; keep it short.",
    )
    slug_fixed = models.BooleanField(
        default=False,
        editable=False,
        help_text="Set when someone chose the slug or the article was first published; until "
        "then the slug follows the headline.",
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
        upload_to=featured_image_name,
        blank=True,
        width_field="featured_image_width",
        height_field="featured_image_height",
        validators=[validate_image_file],
        minimum=renditions.PHOTO_MINIMUM,
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
    embargoed_until = models.DateTimeField(
        "embargo",
        null=True,
        blank=True,
        help_text="Until this time the piece is nowhere in public, whatever else is set: "
        "journalists you share it with read it under embargo. Publishing it runs it at this "
        "time.",
    )

    planned_for = models.DateTimeField(
        "planned for",
        null=True,
        blank=True,
        help_text="When a draft is meant to run, in the newsroom's time zone: it shows on the "
        "editorial calendar. Planning publishes nothing; the publication time does.",
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

    # Kept current on every save by `search_index.keep_index`; see articles/search.py for paths that
    # bypass save().
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
                condition=Q(status__in=ArticleStatus.values), name="article_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=ArticleStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
            # The embargo holds in the database: nothing can run a piece before it.
            models.CheckConstraint(
                condition=Q(embargoed_until__isnull=True)
                | Q(published_at__isnull=True)
                | Q(published_at__gte=models.F("embargoed_until")),
                name="article_not_public_before_embargo",
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
            # One article per original, under whichever of its addresses: importing the same
            # piece twice is refused. Its index is also what duplicate checks look keys up in.
            models.UniqueConstraint(
                fields=["origin_key"],
                condition=~Q(origin_key=""),
                name="article_unique_origin_key",
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
            # The featured piece leading the index. The status is a column, not part of the
            # condition: the lookup is prepared with the status as a value and planned once for
            # any value (`newsroom.compiled.plan_once`), and such a plan can use a partial index
            # only when the query's own constants imply its condition.
            models.Index(
                "status",
                models.F("published_at").desc(),
                models.F("id").desc(),
                name="article_featured_idx",
                condition=Q(is_featured=True),
            ),
            # The admin's list, in any status (`ADMIN_ORDER_INDEX`).
            ADMIN_ORDER_INDEX,
            # The editorial calendar: drafts planned for a span of days.
            models.Index(
                fields=["planned_for"],
                name="article_planned_idx",
                condition=Q(planned_for__isnull=False),
            ),
            search.SearchVectorIndex(fields=["search_vector"], name="article_search_idx"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        # The search text and vector are kept by `search_index.keep_index`, registered in apps.py.
        self.clean_origin()
        self.version = (self.version or 0) + 1
        update_fields = kwargs.get("update_fields")
        if update_fields is None or slugs.SLUG_INPUTS & set(update_fields):
            # Both the slug's settling and the redirect after the save compare with the stored slug.
            if not self._state.adding:
                self.read_saved_state(using=kwargs.get("using"))
            slugs.settle(self)
        if update_fields is not None:
            also = {"version"}
            if "origin_url" in update_fields:
                also |= {"origin_platform", "origin_key"}
            if slugs.SLUG_INPUTS & set(update_fields):
                also |= {"slug", "slug_fixed"}
            kwargs["update_fields"] = {*update_fields, *also}
        super().save(*args, **kwargs)
        self.follow_saved_slug(kwargs.get("update_fields"))

    def get_absolute_url(self):
        return address("articles:detail", self.slug)

    def clean(self):
        self.clean_origin()
        errors = {}
        if self.featured_image and not self.featured_image_alt.strip():
            errors["featured_image_alt"] = (
                "Describe the image for readers who cannot see it: alt text is required."
            )
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        self.hold_to_embargo()
        if errors:
            raise ValidationError(errors)

    @cached_property
    def image(self) -> renditions.Renditions:
        """The featured image's renditions, for pages, feeds, social cards and the admin."""
        return renditions.Renditions(
            self.featured_image_renditions,
            original=self.featured_image,
            original_size=(self.featured_image_width, self.featured_image_height),
        )

    def hold_to_embargo(self) -> None:
        """A piece under embargo runs no earlier than the embargo: its publication time moves to
        it (the database refuses anything earlier). A time the stored embargo set moves with a
        changed embargo, earlier too: the piece runs at its embargo.

        An embargo still to come on a piece readers see now is refused, whoever set it (the
        form, a script, the shell): moving its time would take it off every page."""
        if self.embargoed_until is None:
            return
        if self.embargoed_until > timezone.now() and (ran := self.stored_public_since()):
            raise ValidationError({"embargoed_until": self.embargo_on_public_problem(ran)})
        if self.published_at is not None and self.runs_at_stored_embargo():
            self.published_at = self.embargoed_until
        elif self.published_at is not None:
            self.published_at = max(self.published_at, self.embargoed_until)
        elif self.status == self.Status.PUBLISHED:
            self.published_at = self.embargoed_until

    @staticmethod
    def embargo_on_public_problem(ran) -> str:
        """Why an embargo cannot hold a piece public since `ran`."""
        return (
            f"This piece has been public since {display_datetime(ran)}: an embargo can only hold "
            "a piece that is not out yet. To take it down, use “Unpublish”."
        )

    def runs_at_stored_embargo(self) -> bool:
        """True when the stored publication time is the stored embargo, still to come, and
        nobody has given this instance another time. A piece that ran keeps its date."""
        stored = getattr(self, "saved_state", {})
        embargo = stored.get("embargoed_until")
        return (
            embargo is not None
            and embargo > timezone.now()
            and stored.get("published_at") == embargo == self.published_at
        )

    @property
    def is_embargoed(self) -> bool:
        """True while the piece is published to run at an embargo still to come (a draft or a
        withdrawn piece with a time in the box is under no embargo)."""
        return (
            self.status == self.Status.PUBLISHED
            and self.embargoed_until is not None
            and self.embargoed_until > timezone.now()
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

    def refresh_corrected_at(self) -> None:
        """Set `corrected_at` from the notes as they are stored now."""
        latest = self.corrections.aggregate(latest=models.Max("published_at"))["latest"]
        Article.objects.filter(pk=self.pk).update(corrected_at=latest)
        self.corrected_at = latest
