"""The publication checklist: what must hold before a piece goes out.

Each check is a small function that returns what is wrong in words an editor can act on, or
None; the publish action, the change form and the checklist on the change form all use the same
ones (`articles.workflow.publishing` runs them before anything goes out).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import unescape
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags

from articles.models import Article, validate_http_url
from articles.seo.indexing import IndexingPolicy
from articles.spoilers import SPOILER_FREE_FIELDS, find_leaks, warning_leak
from newsroom.spoiler_markup import spoiler_passages
from newsroom.text import is_blank

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


# A picture's tag and its alt text, as the sanitiser stores them (every attribute quoted).
_PICTURE = re.compile(r"<img\b[^>]*>")
_ALT = re.compile(r'\salt="([^"]*)"')


def text_picture_alts(article: Article) -> list[str]:
    """The alt text of each picture in the introduction and the text, "" where it has none."""
    return [
        unescape(found[1]).strip() if (found := _ALT.search(tag)) else ""
        for html in (article.introduction, article.body)
        for tag in _PICTURE.findall(html or "")
    ]


def text_pictures_problem(article: Article) -> str | None:
    alts = text_picture_alts(article)
    missing = alts.count("")
    if missing:
        pictures = "picture" if len(alts) == 1 else "pictures"
        has = "has" if missing == 1 else "have"
        return (
            f"{missing} of {len(alts)} {pictures} in the text {has} no alt text: describe each "
            "in the editor's figure dialog (select the picture, then its button)."
        )
    if named := next((alt for alt in alts if looks_like_file_name(alt)), None):
        return (
            f"A picture in the text has a file name for alt text (“{named}”); describe what it "
            "shows."
        )
    return None


# A headline, summary or text of nothing but invisible characters (zero-width spaces, stored
# before a save emptied such a line, or kept by a rich text's paragraph) says nothing.
def headline_problem(article: Article) -> str | None:
    if is_blank(article.headline):
        return "Write the headline: it has no character readers can see."
    return None


def body_problem(article: Article) -> str | None:
    if is_blank(unescape(strip_tags(article.body or ""))):
        return "Write the text of the article."
    return None


def dek_problem(article: Article) -> str | None:
    if is_blank(article.dek):
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
    fields = {
        name: getattr(article, name) or "" for name in SPOILER_FREE_FIELDS if name != "introduction"
    }
    leaks = find_leaks(body=article.body or "", fields=fields, introduction=article.introduction)
    which = [str(Article._meta.get_field(name).verbose_name) for name in leaks]
    # The warnings are read only when there is a passage for them to give away.
    marked = spoiler_passages(article.body or "") or spoiler_passages(article.introduction or "")
    if article.pk is not None and marked:
        warnings = [(warning.text, warning.subject) for warning in article.ordered_warnings]
        if warning_leak(warnings, body=article.body or "", introduction=article.introduction):
            which.append("warning")
    if not which:
        return None
    verb = "gives" if len(which) == 1 else "give"
    return f"The {' and the '.join(which)} {verb} away a passage marked as a spoiler."


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
    ("headline", "The headline is written", "headline", headline_problem, None),
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
        "text_pictures",
        "Each picture in the text has real alt text",
        "body",
        text_pictures_problem,
        lambda article: bool(text_picture_alts(article)),
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
        "The headline, summary and other words describing the piece keep spoilers hidden",
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
