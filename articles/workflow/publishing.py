"""Publishing and unpublishing: the one place an article's public state changes.

Before anything goes out, `publication_checklist` runs every check below. Each check is a small
function that returns what is wrong in words an editor can act on, or None; the publish action,
the change form and the checklist on the change form all use the same ones.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from articles.models import Article, validate_http_url
from articles.seo.indexing import IndexingPolicy
from articles.spoilers import find_leaks
from newsroom.dates import display_datetime


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


# Cross-posts: the origin record must be complete before the credit line, the canonical link
# and the structured data can be right.

ORIGIN_URL_PROBLEM = (
    "The original URL is not a full web address. Copy it from the browser's address bar: it "
    "starts with https:// and names the site, e.g. https://www.linkedin.com/pulse/…"
)
ORIGIN_PLACE_PROBLEM = (
    "Say where this cross-post first appeared: add the original URL, or at least the platform."
)
ORIGIN_AUTHOR_PROBLEM = (
    "Name the author of the original piece: add a byline, or fill in the author's name or "
    "handle there."
)
INDEXING_PROBLEM = (
    "Add the original URL of this cross-post, so the page can credit and link it: search "
    "engines cannot be pointed to an original without its address. If it has none, choose "
    "“Index this page as the original” or “Keep this page out of search engines”."
)


def is_cross_post_started(article: Article) -> bool:
    return bool(article.origin_url or article.origin_platform or article.origin_published_on)


def origin_url_problems(origin_url: str) -> list[str]:
    """An original URL, when there is one, must be absolute, http(s), and name a real host."""
    if not origin_url:
        return []
    try:
        validate_http_url(origin_url)
    except ValidationError:
        return [ORIGIN_URL_PROBLEM]
    host = urlsplit(origin_url).hostname or ""
    if "." not in host.strip("."):
        return [ORIGIN_URL_PROBLEM]
    return []


def origin_author_problems(*, origin_author: str, byline_names: Sequence[str]) -> list[str]:
    """The credit line needs someone to credit: the author as shown there, or a byline."""
    if origin_author.strip() or any(name.strip() for name in byline_names):
        return []
    return [ORIGIN_AUTHOR_PROBLEM]


def indexing_policy_problems(*, indexing: str, origin_url: str) -> list[str]:
    """The chosen policy must be one the page can honour."""
    if indexing not in IndexingPolicy.values:
        return [INDEXING_PROBLEM]
    if indexing == IndexingPolicy.ORIGIN and not origin_url:
        return [INDEXING_PROBLEM]
    return []


def origin_url_problem(article: Article) -> str | None:
    """A cross-post's original URL is well formed; one with only a date says where it ran."""
    if not is_cross_post_started(article):
        return None
    if not (article.origin_url or article.origin_platform):
        return ORIGIN_PLACE_PROBLEM
    return next(iter(origin_url_problems(article.origin_url)), None)


def indexing_problem(article: Article) -> str | None:
    if not (article.origin_url or article.origin_platform):
        return None
    problems = indexing_policy_problems(indexing=article.indexing, origin_url=article.origin_url)
    return next(iter(problems), None)


def stored_byline_names(article: Article) -> list[str]:
    """The names in the article's saved byline, read afresh (a publish may follow their save)."""
    if article.pk is None:
        return []
    return [byline.author.name for byline in article.bylines.select_related("author")]


def origin_author_problem(article: Article, *, byline_names: Sequence[str]) -> str | None:
    if not is_cross_post_started(article):
        return None
    problems = origin_author_problems(
        origin_author=article.origin_author, byline_names=byline_names
    )
    return next(iter(problems), None)


def cross_post_problems(article: Article) -> list[str]:
    """What the origin record of a cross-post still lacks; nothing for other articles."""
    problems = [origin_url_problem(article), indexing_problem(article)]
    problems.append(origin_author_problem(article, byline_names=stored_byline_names(article)))
    return [problem for problem in problems if problem]


def spoiler_problem(article: Article) -> str | None:
    fields = {"dek": article.dek or "", "seo_description": article.seo_description or ""}
    leaks = find_leaks(body=article.body or "", fields=fields)
    if not leaks:
        return None
    names = {"dek": "summary (dek)", "seo_description": "SEO description"}
    which = " and the ".join(names[name] for name in leaks)
    return f"The {which} give{'s' if len(leaks) == 1 else ''} away a passage marked as a spoiler."


def byline_problem(article: Article, *, byline_names: Sequence[str]) -> str | None:
    if not byline_names:
        return "Add at least one author to the byline."
    return None


@dataclass(frozen=True)
class Check:
    code: str
    label: str
    field: str | None  # the form field the problem belongs to, if one
    problem: str | None
    # False when the check has nothing to look at (alt text without an image): it passes, but
    # the checklist does not claim it as done.
    applies: bool = True

    @property
    def passed(self) -> bool:
        return self.problem is None


def _has_image(article: Article) -> bool:
    return bool(article.featured_image)


def _names_an_origin(article: Article) -> bool:
    return bool(article.origin_url or article.origin_platform)


# (code, what the checklist says when all is well, the form field concerned, the check, when
# it applies: always when None)
CONTENT_CHECKS = [
    ("body", "The text is written", "body", body_problem, None),
    ("dek", "A summary (dek) is written", "dek", dek_problem, None),
    (
        "image_alt",
        "The featured image has real alt text",
        "featured_image_alt",
        image_alt_problem,
        _has_image,
    ),
    (
        "origin_url",
        "A cross-post says where it first appeared, at a full web address",
        "origin_url",
        origin_url_problem,
        is_cross_post_started,
    ),
    (
        "indexing",
        "Search engines are pointed to a page that exists",
        "indexing",
        indexing_problem,
        _names_an_origin,
    ),
    (
        "spoilers",
        "The summary and SEO description keep spoilers hidden",
        "dek",
        spoiler_problem,
        None,
    ),
]
# Checks that need the bylines, which the change form validates in its byline formset.
BYLINE_CHECKS = [
    ("byline", "At least one author is in the byline", None, byline_problem, None),
    (
        "origin_author",
        "A cross-post names its author",
        "origin_author",
        origin_author_problem,
        is_cross_post_started,
    ),
]


def _check(article: Article, code, label, field, problem, applies, **given) -> Check:
    return Check(
        code,
        label,
        field,
        problem(article, **given),
        applies=applies is None or applies(article),
    )


def content_checklist(article: Article) -> list[Check]:
    """The checks that need only the article's own fields (not its bylines)."""
    return [_check(article, *check) for check in CONTENT_CHECKS]


def publication_checklist(
    article: Article, *, byline_names: Sequence[str] | None = None
) -> list[Check]:
    """Every check; `byline_names` are the bylines as a form holds them, else those saved."""
    if byline_names is None:
        byline_names = stored_byline_names(article)
    return [
        *content_checklist(article),
        *(_check(article, *check, byline_names=byline_names) for check in BYLINE_CHECKS),
    ]


def publication_problems(
    article: Article, *, byline_names: Sequence[str] | None = None
) -> list[str]:
    """What stops `article` from being published, in words an editor can act on."""
    checklist = publication_checklist(article, byline_names=byline_names)
    return [check.problem for check in checklist if check.problem]


@transaction.atomic
def publish(article: Article, *, at: datetime | None = None) -> Article:
    """Publish `article` at `at`, or now; a future time schedules it.

    An article that already has a publication time keeps it when no new time is given, so
    re-publishing a corrected piece does not move it to the top of the index. A piece under
    embargo runs at the embargo, never earlier; an embargo still to come on a piece readers
    already see raises ValidationError (`Article.hold_to_embargo`).
    """
    if problems := publication_problems(article):
        raise CannotPublish(article, problems)
    article.status = Article.Status.PUBLISHED
    if at is not None:
        article.published_at = at
    elif article.published_at is None:
        article.published_at = timezone.now()
    article.hold_to_embargo()
    article.save(update_fields=["status", "published_at", "updated_at"])
    _note_in_history(_publication_note(article))
    return article


def publish_now(article: Article) -> Article:
    """Run `article` at once ("Publish now"), or at its embargo while one holds.

    A piece that ran before (one unpublished, say) keeps its date; one without a time, or
    scheduled for later, runs now.
    """
    now = timezone.now()
    ran_before = article.published_at is not None and article.published_at <= now
    return publish(article, at=None if ran_before else now)


PAST_EMBARGO = "An embargo ends in the future: choose a later time."


def embargo_problem(article: Article, *, until: datetime) -> str | None:
    """Why `article` cannot be held under embargo until `until`, or None; the change form's
    embargo box asks the same.

    A piece readers already see is refused: its publication time would move to the embargo,
    taking it off every page, feed and search until then, after its alerts and shares went out.
    """
    if until <= timezone.now():
        return PAST_EMBARGO
    if article.is_published:
        return Article.embargo_on_public_problem(article.published_at)
    return None


@transaction.atomic
def embargo(article: Article, *, until: datetime) -> Article:
    """Hold `article` under embargo until `until` and run it then: until that moment it is
    nowhere in public, and journalists may be shared it (see `articles.embargo`)."""
    if problem := embargo_problem(article, until=until):
        raise ValidationError(problem)
    if problems := publication_problems(article):
        raise CannotPublish(article, problems)
    article.embargoed_until = until
    article.status = Article.Status.PUBLISHED
    article.published_at = until
    article.save(update_fields=["status", "published_at", "embargoed_until", "updated_at"])
    _note_in_history(_publication_note(article))
    return article


@transaction.atomic
def lift_embargo(article: Article) -> Article:
    """End the embargo now: the piece runs at once, if it passes the publish checks."""
    article.embargoed_until = None
    article.save(update_fields=["embargoed_until", "updated_at"])
    publish(article, at=timezone.now())
    _note_in_history("Embargo lifted: published.")
    return article


def _publication_note(article: Article) -> str:
    if article.is_embargoed:
        return f"Embargoed until {display_datetime(article.embargoed_until)}."
    return "Scheduled." if article.is_scheduled else "Published."


@transaction.atomic
def unpublish(article: Article) -> Article:
    """Take `article` off every public page; its publication time is kept for the record."""
    return _move_to(article, Article.Status.UNPUBLISHED, note="Unpublished.")


@transaction.atomic
def submit_for_review(article: Article) -> Article:
    """Hand a draft to the editors: it shows as "In review" until one of them acts on it."""
    return _move_to(article, Article.Status.IN_REVIEW, note="Submitted for review.")


def _move_to(article: Article, status: str, *, note: str) -> Article:
    article.status = status
    article.save(update_fields=["status", "updated_at"])
    _note_in_history(note)
    return article


def _note_in_history(comment: str) -> None:
    """Name the change in the revision being recorded (the admin records one per request)."""
    if reversion.is_active():
        reversion.set_comment(comment)


def next_publication_after(when: datetime) -> datetime | None:
    """The first time after `when` at which a scheduled article goes public by itself."""
    return (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=when)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
