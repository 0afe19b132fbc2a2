"""Creating articles from pieces that come from outside: a paste in the admin, or files.

A `Piece` is what a paste or a file says about an article; `save_piece` turns it into a draft
(or, on request, publishes it through `articles.workflow.publishing`), creating its authors when
they are new. Pieces are matched to what is already there by their original (under any of its
addresses, `origins.origin_key`), else by slug, so the same piece is never imported twice.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.text import slugify

from articles.crosspost import origins
from articles.crosspost.cleaning.links import is_short_link
from articles.crosspost.cleaning.text_blocks import html_from_text
from articles.crosspost.cleaning.warnings import FoundWarning, spoiler_subject, warning_kind
from articles.models import (
    Article,
    ArticleKind,
    Author,
    Byline,
    ContentWarning,
    tag_name_problems,
)
from articles.workflow import publishing, slugs
from newsroom.richtext import sanitize_html


@dataclass
class AuthorDetails:
    name: str
    role: str = ""
    organisation: str = ""
    linkedin_url: str = ""


@dataclass
class WarningDetails:
    text: str
    kind: str = ""
    subject: str = ""

    def __post_init__(self):
        self.text = " ".join(self.text.split())
        self.kind = self.kind or warning_kind(self.text)
        if self.kind == ContentWarning.Kind.SPOILERS and not self.subject:
            self.subject = spoiler_subject(self.text)

    @classmethod
    def from_found(cls, found: FoundWarning) -> "WarningDetails":
        return cls(text=found.text, kind=found.kind, subject=found.subject)


@dataclass
class Piece:
    headline: str
    body: str
    kind: str = ArticleKind.OP_ED
    slug: str = ""
    dek: str = ""
    introduction: str = ""
    authors: list[AuthorDetails] = field(default_factory=list)
    warnings: list[WarningDetails] = field(default_factory=list)
    origin_url: str = ""
    origin_platform: str = ""
    origin_author: str = ""
    origin_published_on: date | None = None
    indexing: str = ""
    published_at: datetime | None = None
    tags: list[str] = field(default_factory=list)

    @property
    def slug_key(self) -> str:
        return self.slug or slugify(self.headline)[:200].strip("-")


@dataclass
class Saved:
    article: Article
    created: bool
    published: bool = False
    # Why a piece asked to be published stayed a draft.
    publish_problems: list[str] = field(default_factory=list)


class DuplicateOrigin(Exception):
    """The original is already re-published as `article`."""

    def __init__(self, article: Article):
        self.article = article
        super().__init__(f"already imported as “{article.headline}” ({article.slug})")


def text_to_html(text: str) -> str:
    """Plain text typed by staff (a file's "body_text", an introduction) as sanitised HTML,
    read as a paste's plain text is: a JSON Lines import gives the body its paste gives."""
    return sanitize_html(html_from_text(text))


def sanitized(html: str, *, field: str) -> str:
    """`html` sanitised, or the sanitiser's refusal (text nested too deep) named after the
    `field` it was given for."""
    try:
        return sanitize_html(html)
    except ValidationError as error:
        raise ValidationError({field: error.error_list}) from None


def existing_article(piece: Piece) -> Article | None:
    """The article this piece already is: same original, or (without one) the same slug, or,
    for a headline that makes none (Chinese, emoji: its article's was made up), the same
    headline."""
    if piece.origin_url.strip():
        return Article.objects.same_original(piece.origin_url).first()
    if piece.slug_key:
        return Article.objects.filter(slug=piece.slug_key).first()
    return Article.objects.filter(headline=" ".join(piece.headline.split())).first()


def author_for(details: AuthorDetails) -> tuple[Author, bool]:
    """The author of that name (any capitalisation), or a new one; True when created."""
    name = " ".join(details.name.split())
    existing = Author.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing, False
    author = Author(
        name=name,
        slug=slugs.unique_slug(name, model=Author, max_length=120),
        role=details.role.strip(),
        organisation=details.organisation.strip(),
        linkedin_url=origins.clean_url(details.linkedin_url),
    )
    author.full_clean()
    author.save()
    return author, True


def build_article(piece: Piece) -> Article:
    """An unsaved draft holding `piece`, validated as the admin would validate it."""
    origin_url = origins.clean_url(piece.origin_url)
    indexing = piece.indexing or (Article.Indexing.ORIGIN if origin_url else Article.Indexing.SELF)
    article = Article(
        kind=piece.kind,
        headline=" ".join(piece.headline.split()),
        slug=piece.slug or slugs.unique_slug(piece.headline, model=Article),
        dek=piece.dek,
        introduction=sanitized(piece.introduction, field="introduction"),
        body=sanitized(piece.body, field="body"),
        status=Article.Status.DRAFT,
        published_at=piece.published_at,
        origin_url=origin_url,
        origin_platform=piece.origin_platform,
        origin_author=piece.origin_author,
        origin_published_on=piece.origin_published_on,
        indexing=indexing,
    )
    article.full_clean()
    return article


@transaction.atomic
def save_piece(
    piece: Piece,
    *,
    authors: list[Author] | None = None,
    publish: bool = False,
    created_by=None,
) -> Saved:
    """Create the article `piece` describes, unless it exists already (then nothing changes).

    A short link as the original is refused (a `ValidationError` on `origin_url`), as the admin
    refuses it, even when an article already has it.

    `authors` overrides the piece's own author details; `created_by` is the staff account that
    made the draft (it may then edit it as its own). With `publish`, the new article is
    published at its date through the same checks as the admin; when they fail it stays a
    draft and `publish_problems` says why.
    """
    try:
        refuse_short_link(origins.clean_url(piece.origin_url))
    except ValidationError as error:
        raise ValidationError({"origin_url": error.error_list}) from None
    if (existing := existing_article(piece)) is not None:
        return Saved(existing, created=False)
    article = build_article(piece)
    article.created_by = created_by
    if authors is None:
        with named_as("author"):
            authors = [author_for(details)[0] for details in piece.authors]
    article.save()
    seen = []
    for author in authors:
        if author not in seen:
            Byline.objects.create(article=article, author=author, position=len(seen))
            seen.append(author)
    for position, details in enumerate(piece.warnings):
        warning = ContentWarning(
            article=article,
            kind=details.kind,
            text=details.text,
            subject=details.subject,
            position=position,
        )
        with named_as("warning"):
            warning.full_clean()
        warning.save()
    if problems := tag_name_problems(piece.tags):
        raise ValidationError({"tags": problems})
    if piece.tags:
        article.tags.add(*piece.tags)
    saved = Saved(article, created=True)
    if publish:
        try:
            publishing.publish(article, at=piece.published_at)
        except publishing.CannotPublish as refusal:
            saved.publish_problems = refusal.problems
        else:
            saved.published = True
    return saved


@contextmanager
def named_as(part: str):
    """Name the fields of a ValidationError raised within after the `part` of the piece they
    belong to ("author name", "warning kind"), not as the article's own ("name", "kind")."""
    try:
        yield
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        raise ValidationError(
            {
                part if name == NON_FIELD_ERRORS else f"{part}_{name}": errors
                for name, errors in error.error_dict.items()
            }
        ) from None


def refuse_short_link(url: str) -> None:
    """Refuse a short link as an original: the page, its credit and its canonical link would
    point to a redirect, and the same original given by its real address would not be found."""
    if is_short_link(url):
        raise ValidationError(
            "This is a short link. Open it and paste the address it leads to.", code="short_link"
        )


def refuse_duplicate(origin_url: str) -> None:
    """Raise `DuplicateOrigin` when the original at `origin_url`, under any of its addresses,
    is already re-published."""
    if (existing := Article.objects.same_original(origin_url).first()) is not None:
        raise DuplicateOrigin(existing)


def validation_message(error: ValidationError) -> str:
    """One line naming each field that failed and why."""
    if hasattr(error, "error_dict"):
        parts = []
        for name, errors in error.message_dict.items():
            label = name.replace("_", " ") if name != "__all__" else ""
            text = " ".join(errors)
            parts.append(f"{label}: {text}" if label else text)
        return "; ".join(parts)
    return " ".join(error.messages)
