"""Publishing and unpublishing: the one place an article's public state changes.

Before anything goes out, `publication_checklist` runs every check below. Each check is a small
function that returns what is wrong in words an editor can act on, or None; the publish action,
the change form and the checklist on the change form all use the same ones.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath

import reversion
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from articles.models import Article
from articles.spoilers import find_leaks


class CannotPublish(Exception):
    """Raised with every reason an article is not ready to go out."""

    def __init__(self, article: Article, problems: list[str]):
        self.article = article
        self.problems = problems
        super().__init__(f"{article}: " + "; ".join(problems))


# Alt text that is really a file name: "IMG_2041.jpg", "photo.png", "DSC0042", "Screenshot 3".
_IMAGE_FILE_NAME = re.compile(
    r"""^\S*\.(jpe?g|png|gif|webp|avif|heic|heif|tiff?|bmp|svg)$
      | ^(img|dsc[nf]?|pxl|mvimg|screenshot|screen[\s_-]?shot|image|photo|picture|untitled)
        [\s_-]*\d*$""",
    re.IGNORECASE | re.VERBOSE,
)


def looks_like_file_name(alt: str, *, image_name: str = "") -> bool:
    alt = alt.strip()
    stem = PurePosixPath(image_name).stem if image_name else ""
    return bool(_IMAGE_FILE_NAME.match(alt)) or (bool(stem) and alt.lower() == stem.lower())


def body_problem(article: Article) -> str | None:
    if not strip_tags(article.body or "").strip():
        return "Write the text of the article."
    return None


def dek_problem(article: Article) -> str | None:
    if not (article.dek or "").strip():
        return "Write the summary (dek): one sentence for cards and link previews."
    return None


def image_alt_problem(article: Article) -> str | None:
    if not article.featured_image:
        return None
    alt = (article.featured_image_alt or "").strip()
    if not alt:
        return "Describe the featured image in its alt text."
    if looks_like_file_name(alt, image_name=article.featured_image.name or ""):
        return (
            f"The featured image's alt text (“{alt}”) is a file name; describe what the picture "
            "shows."
        )
    return None


def origin_problem(article: Article) -> str | None:
    """A cross-post credits its origin; the credit needs the address it links to."""
    started = article.origin_url or article.origin_platform or article.origin_published_on
    if started and not article.origin_url:
        return "Add the original URL of this cross-post, so the page can credit and link it."
    return None


def spoiler_problem(article: Article) -> str | None:
    fields = {"dek": article.dek or "", "seo_description": article.seo_description or ""}
    leaks = find_leaks(body=article.body or "", fields=fields)
    if not leaks:
        return None
    names = {"dek": "summary (dek)", "seo_description": "SEO description"}
    which = " and the ".join(names[name] for name in leaks)
    return f"The {which} give{'s' if len(leaks) == 1 else ''} away a passage marked as a spoiler."


def byline_problem(article: Article) -> str | None:
    if article.pk is None or not article.bylines.exists():
        return "Add at least one author to the byline."
    return None


@dataclass(frozen=True)
class Check:
    code: str
    label: str
    field: str | None  # the form field the problem belongs to, if one
    problem: str | None

    @property
    def passed(self) -> bool:
        return self.problem is None


# (code, what the checklist says when all is well, the form field concerned, the check)
CONTENT_CHECKS = [
    ("body", "The text is written", "body", body_problem),
    ("dek", "A summary (dek) is written", "dek", dek_problem),
    ("image_alt", "The featured image has real alt text", "featured_image_alt", image_alt_problem),
    ("origin", "A cross-post names its original URL", "origin_url", origin_problem),
    ("spoilers", "The summary and SEO description keep spoilers hidden", "dek", spoiler_problem),
]
BYLINE_CHECK = ("byline", "At least one author is in the byline", None, byline_problem)


def content_checklist(article: Article) -> list[Check]:
    """The checks that need only the article's own fields (not its bylines)."""
    return [Check(*check[:3], check[3](article)) for check in CONTENT_CHECKS]


def publication_checklist(article: Article) -> list[Check]:
    *described, check = BYLINE_CHECK
    return [*content_checklist(article), Check(*described, check(article))]


def publication_problems(article: Article) -> list[str]:
    """What stops `article` from being published, in words an editor can act on."""
    return [check.problem for check in publication_checklist(article) if check.problem]


@transaction.atomic
def publish(article: Article, *, at: datetime | None = None) -> Article:
    """Publish `article` at `at`, or now; a future time schedules it.

    An article that already has a publication time keeps it when no new time is given, so
    re-publishing a corrected piece does not move it to the top of the index.
    """
    if problems := publication_problems(article):
        raise CannotPublish(article, problems)
    article.status = Article.Status.PUBLISHED
    if at is not None:
        article.published_at = at
    elif article.published_at is None:
        article.published_at = timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    _note_in_history("Scheduled." if article.is_scheduled else "Published.")
    return article


@transaction.atomic
def unpublish(article: Article) -> Article:
    """Take `article` off every public page; its publication time is kept for the record."""
    article.status = Article.Status.UNPUBLISHED
    article.save(update_fields=["status", "updated_at"])
    _note_in_history("Unpublished.")
    return article


@transaction.atomic
def submit_for_review(article: Article) -> Article:
    """Hand a draft to the editors: it shows as "In review" until one of them acts on it."""
    article.status = Article.Status.IN_REVIEW
    article.save(update_fields=["status", "updated_at"])
    _note_in_history("Submitted for review.")
    return article


def _note_in_history(comment: str) -> None:
    """Name the change in the revision being recorded (the admin records one per request)."""
    if reversion.is_active():
        reversion.set_comment(comment)
