"""An article as readers see it: the order of its bylines and warnings, its dates, and how it
describes itself, read by pages, feeds, cards, structured data and the API alike."""

from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from django.utils import timezone
from django.utils.functional import cached_property

from articles.models.choices import ArticleKind
from articles.models.notices import ContentWarning
from articles.spoilers import public_excerpt
from newsroom.richtext import has_text

if TYPE_CHECKING:
    from taggit.models import Tag

    from articles.models.authors import Author, Byline

# Each kind's label, as `get_kind_display()` gives it: Django builds a dict of every choice on
# each call, and a listing asks once per card.
KIND_LABELS = dict(ArticleKind.choices)


class PictureWords(NamedTuple):
    alt: str
    caption: str


class AsReadersSeeIt:
    """Mixed into `Article`: what its pages show, derived from its fields and parts."""

    @property
    def date_modified(self) -> datetime | None:
        """When the published piece last changed for readers: its latest correction or update
        note, else its publication time. Structured data, feeds and the API use it as
        `dateModified`. A note dated in the future (stored before dates were checked) does not
        count until its time comes: no change is reported before it happened."""
        if self.shows_updated:
            return self.corrected_at
        return self.published_at

    @property
    def shows_updated(self) -> bool:
        """Whether the page says "Updated": a note dated after the piece ran, and not later
        than now."""
        corrected, ran = self.corrected_at, self.published_at
        return bool(corrected and ran and ran < corrected <= timezone.now())

    @property
    def holds_text_back(self) -> bool:
        """True when readers see only the warning until they choose to open the text."""
        return self.hold_behind_warning and bool(self.ordered_warnings)

    @property
    def picture_words(self) -> PictureWords:
        """The featured picture's alt text and caption as everything that describes the piece
        to the outside gives them (link previews, structured data, the API, webhooks): none for
        a piece held behind its warning, whose page shows them only once the reader opens the
        text; the picture itself and its credit are shared all the same."""
        if self.holds_text_back:
            return PictureWords(alt="", caption="")
        return PictureWords(alt=self.featured_image_alt, caption=self.featured_image_caption)

    @property
    def last_modified(self) -> datetime:
        """When the page last changed in any way, a correction or any edit: sitemaps' `lastmod`,
        which tells crawlers to fetch it again. Readers' "updated" is `date_modified`."""
        moments = (self.published_at, self.updated_at, self.date_modified)
        return max(moment for moment in moments if moment)

    @cached_property
    def ordered_warnings(self) -> list["ContentWarning"]:
        """Warnings in display order; uses the prefetched rows when a listing loaded them."""
        return sorted(self.warnings.all(), key=lambda warning: (warning.position, warning.pk or 0))

    @property
    def has_spoilers(self) -> bool:
        return any(w.kind == ContentWarning.Kind.SPOILERS for w in self.ordered_warnings)

    @property
    def has_introduction(self) -> bool:
        """True when the editor's introduction has words to show; a cross-post's "Read the full
        piece below." follows only such an introduction."""
        return has_text(self.introduction)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @cached_property
    def ordered_topics(self) -> list["Tag"]:
        """Topics in the order of their keys; `prefetch_topics` loads those of many articles in
        one query."""
        return sorted(self.tags.all(), key=lambda tag: tag.pk)

    @cached_property
    def ordered_bylines(self) -> list["Byline"]:
        """Bylines in print order; uses the prefetched rows when a listing loaded them."""
        return sorted(self.bylines.all(), key=lambda byline: (byline.position, byline.pk or 0))

    @property
    def byline_names(self) -> str:
        """The authors' names as a byline reads them: "Dana Whitfield, Marcus Ellis and Farah
        Haddad"."""
        names = [byline.author.name for byline in self.ordered_bylines]
        return f"{', '.join(names[:-1])} and {names[-1]}" if len(names) > 1 else "".join(names)

    @property
    def lead_author(self) -> "Author | None":
        bylines = self.ordered_bylines
        return bylines[0].author if bylines else None

    @property
    def meta_title(self) -> str:
        return self.seo_title or f"{self.kind_label}: {self.headline}"

    @property
    def meta_description(self) -> str:
        """How the article describes itself to search engines, feeds and link previews.

        Written text comes first; otherwise an excerpt of the introduction, or else of the body
        (an introduction left with no words, or only a spoiler, describes nothing), always
        without its spoiler passages. A piece held behind its warning holds both back
        (its page shows them only once the reader opens it), so without written text it has no
        description: link previews and feeds then give the warning alone.
        """
        if self.seo_description or self.dek:
            return self.seo_description or self.dek
        if self.holds_text_back:
            return ""
        return public_excerpt(self.introduction) or public_excerpt(self.body)
