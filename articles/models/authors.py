"""The people who write for the newsroom (`Author`), the addresses their page had before
(`AuthorRedirect`) and their credits on pieces (`Byline`)."""

from collections.abc import Sequence

import reversion
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property

from articles.crosspost import origins
from articles.models.fields import WebURLField
from newsroom import former_addresses, revisions
from newsroom.addresses import address
from newsroom.free_addresses import RestoresClearOfTakenSlug
from newsroom.photos import renditions
from newsroom.photos.fields import PhotoField, validate_image_file
from newsroom.rows import RowModel
from newsroom.text import strip_on_save


@strip_on_save
@reversion.register()
class Author(RestoresClearOfTakenSlug, RowModel):
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
        minimum=renditions.HEADSHOT_MINIMUM,
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
        return address("articles:author", self.slug)

    def save(self, *args, **kwargs):
        # A public author's address they move from keeps working (`former_addresses`), the one
        # they had before an editor's restore too: the row holds the version by then.
        stored = former_addresses.stored_before_save(
            self, ["slug"], update_fields=kwargs.get("update_fields"), using=kwargs.get("using")
        )
        was_public = stored is not None and self.is_public()
        super().save(*args, **kwargs)
        if stored is not None:
            former_addresses.follow_slug_change(
                self, old_slug=stored["slug"], was_public=was_public
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
        # A version written back over the author by an editor's restore: its form saves it
        # next, compared with the slug the author had before (see `save`).
        if raw and (notes := revisions.restore_notes()) is not None:
            rows = type(self)._base_manager.using(using).filter(pk=self.pk)
            if (before := rows.values("slug").first()) is not None:
                former_addresses.note_before_restore(self, notes, before)
        return super()._save_table(raw, cls, force_insert, force_update, using, update_fields)

    def is_public(self) -> bool:
        """Whether readers see the author's page: a public piece carries their byline, as for
        `published().authors()`."""
        articles = Byline._meta.get_field("article").related_model
        return articles.objects.published().filter(bylines__author_id=self.pk).exists()

    @cached_property
    def headshot_images(self) -> renditions.Renditions:
        """The headshot's square renditions, for pages, feeds and the admin."""
        return renditions.Renditions(self.headshot_renditions, original=self.headshot)

    @property
    def title_line(self) -> str:
        """Role and organisation as one line: "Co-CEO, Northwind Labs"."""
        return ", ".join(part for part in (self.role, self.organisation) if part)

    # The profile links as the public is sent to them: every page, JSON-LD and API answer reads
    # them here, never the fields, so that a stored address naming a user before its host is
    # shown nowhere (`origins.linkable`, as for `OriginRecord.public_origin_url`).
    @property
    def public_linkedin_url(self) -> str:
        return origins.linkable(self.linkedin_url)

    @property
    def public_website_url(self) -> str:
        return origins.linkable(self.website_url)


# The restore notes' key for the authors a written-back version credits and who are gone.
GONE_AUTHORS = "gone_authors"


class AuthorRedirect(former_addresses.FormerAddress):
    """An address an author's page had while readers saw it; readers following it, or one of
    its feeds, are sent on (301) while the author has public pieces."""

    old_slug = models.SlugField(
        max_length=120,
        help_text="The last part of the former address, after /news/authors/.",
    )
    author = models.ForeignKey(
        Author, on_delete=models.CASCADE, related_name=former_addresses.RELATION
    )

    def __str__(self):
        return f"/news/authors/{self.old_slug}/ → {self.author.get_absolute_url()}"


@strip_on_save
@reversion.register()
class Byline(RowModel):
    """One author's credit on one article, in print order, with the title they held then."""

    # By name: the article module imports this one (its queryset filters by byline).
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="bylines"
    )
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

    def _save_table(
        self,
        raw=False,
        cls=None,
        force_insert=False,
        force_update=False,
        using=None,
        update_fields=None,
    ):
        # A version written back (restored, or a deleted piece recovered) crediting an author
        # deleted since: the byline is left out, where it would name no one (and fail the
        # database's rule as the restore commits); the restore under way notes whom.
        if raw and not Author._base_manager.using(using).filter(pk=self.author_id).exists():
            if (notes := revisions.restore_notes()) is not None:
                notes.setdefault((Byline, self.article_id, GONE_AUTHORS), []).append(self.author_id)
            return False
        return super()._save_table(raw, cls, force_insert, force_update, using, update_fields)

    @property
    def title_line(self) -> str:
        return ", ".join(part for part in (self.role, self.organisation) if part)


def as_printed(bylines: Sequence[Byline]) -> list[tuple[str, Byline]]:
    """Bylines in print order, each with what comes before it in the line.

    "Ana Ribeiro, Tom Weiss and Li Wei"; once any carries a title, semicolons keep each name
    with its own: "Ana Ribeiro, Co-CEO, Northwind Labs; and Tom Weiss, Examplecorp".
    """
    titled = any(byline.title_line for byline in bylines)
    between, last = ("; ", "; and ") if titled else (", ", " and ")
    return [
        ("" if index == 0 else last if index == len(bylines) - 1 else between, byline)
        for index, byline in enumerate(bylines)
    ]
