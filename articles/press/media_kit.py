"""The media kit as pages show it: each item with its thumbnail, words and downloads, and the
ZIP of the whole kit.

A release's kit is reached where the release is: at /news/<slug>/media-kit/… once it is public,
at the journalist's link (/news/<slug>/embargoed/<token>/media-kit/…) under embargo, checked as
the page is. The press room's own kit (items with no release) is public at /press/media-kit/….
Downloads go through those addresses, which check all that and write the credit into JPEGs
(`articles.press.downloads`); pages show thumbnails from storage, whose folder names cannot be
guessed (`articles.models.kit_file_name`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Subquery
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.text import slugify

from articles.cache_tags import PRESS_KIT, article_tag
from articles.models import Article, MediaKitItem
from newsroom import pagecache
from newsroom.compiled import CompiledLookup, row_columns
from newsroom.notes import listed_notes, read_notes
from newsroom.photos.making import WEB_SIZE
from newsroom.photos.metadata import PhotoCredits
from newsroom.photos.renditions import Rendition

ORIGINAL, WEB = "original", "web"
VARIANTS = (ORIGINAL, WEB)

# The types a kit file may be, by the extension its stored name has (checked on upload).
CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".pdf": "application/pdf",
}
FORMAT_NAMES = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WebP",
    "image/gif": "GIF",
    "application/pdf": "PDF",
}
MAX_STEM = 80


# A release's kit and the press room's, each read by a query compiled once (`newsroom.compiled`):
# every release page asks, and most releases have no kit.
ITEM_COLUMNS = row_columns(MediaKitItem)
ITEM_ORDER = ("position", "id")
RELEASE_ITEMS = CompiledLookup(
    lambda article: (
        MediaKitItem.objects.filter(article=article)
        .order_by(*ITEM_ORDER)
        .values_list(*ITEM_COLUMNS)
    ),
    article=int,
)
# What a release's page shows of an item (`kit_notes`): all but the times its row was written.
PAGE_ITEM_COLUMNS = row_columns(MediaKitItem, leaving=("created_at", "updated_at"))
ROOM_ITEMS = CompiledLookup(
    lambda: (
        MediaKitItem.objects.filter(article=None).order_by(*ITEM_ORDER).values_list(*ITEM_COLUMNS)
    )
)


def release_items(article: Article) -> list[MediaKitItem]:
    """A release's kit, in order: one query, unless its row brought it (`read_kit_notes`).
    Whatever keeps it is retired with the release."""
    pagecache.shows(article_tag(article.pk))
    brought = article.__dict__.get("_kit_items")
    if brought is not None:
        return brought
    using = article._state.db or DEFAULT_DB_ALIAS
    return _items(RELEASE_ITEMS.rows(article=article.pk, using=using), using)


def kit_notes() -> Subquery:
    """An annotation for a query of articles: each one's kit items as a JSON list of
    `PAGE_ITEM_COLUMNS` (`read_kit_notes` reads it)."""
    return listed_notes(MediaKitItem.objects.all(), "article", *PAGE_ITEM_COLUMNS)


def read_kit_notes(article: Article, items: list | None) -> None:
    """Keep on a release the kit items its `kit_notes` brought, in order, for `release_items`."""
    using = article._state.db or DEFAULT_DB_ALIAS
    article._kit_items = read_notes(
        MediaKitItem, items, PAGE_ITEM_COLUMNS, *ITEM_ORDER, using=using
    )


def room_items() -> list[MediaKitItem]:
    """The press room's own kit, in order: one query."""
    pagecache.shows(PRESS_KIT)
    return _items(ROOM_ITEMS.rows(), DEFAULT_DB_ALIAS)


def _items(rows: list[tuple], using: str) -> list[MediaKitItem]:
    return [MediaKitItem.from_db(using, ITEM_COLUMNS, row) for row in rows]


@dataclass(frozen=True)
class KitFile:
    """One file of an item as readers download it: what its stored name says it is."""

    item: MediaKitItem
    variant: str
    name: str
    size: int | None
    width: int | None = None
    height: int | None = None

    @property
    def extension(self) -> str:
        suffix = PurePosixPath(self.name).suffix.lower()
        return suffix if suffix in CONTENT_TYPES else ""

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES.get(self.extension, "application/octet-stream")

    @property
    def is_jpeg(self) -> bool:
        return self.content_type == "image/jpeg"

    @property
    def download_name(self) -> str:
        """What the file is saved as: from the item's title, never a path or a header."""
        size = "" if self.variant == ORIGINAL else f"-{WEB_SIZE}"
        return f"{file_stem(self.item)}{size}{self.extension}"

    @property
    def description(self) -> str:
        """What the file is, e.g. JPEG, its dimensions and its size in bytes, for people."""
        parts = [FORMAT_NAMES.get(self.content_type, "File")]
        if self.width and self.height:
            parts.append(f"{self.width} × {self.height} pixels")
        if self.size:
            parts.append(filesizeformat(self.size))
        return ", ".join(parts)


def safe_stem(text: str, fallback: str) -> str:
    """`text` as the stem of a file name: letters of any alphabet, digits and hyphens only (no
    dot, slash, quote or line break); `fallback` when nothing is left."""
    return slugify(text, allow_unicode=True)[:MAX_STEM].strip("-_") or fallback


def file_stem(item: MediaKitItem) -> str:
    return safe_stem(item.title, f"item-{item.pk}")


def kit_file(item: MediaKitItem, variant: str) -> KitFile | None:
    """The item's original, or its web size (a picture larger than that only); None if it has
    no such file."""
    if variant == ORIGINAL:
        stored = item.file
        return KitFile(item, ORIGINAL, stored.name, item.file_size, item.width, item.height)
    if variant == WEB and item.is_image and max(item.width or 0, item.height or 0) > WEB_SIZE:
        web: Rendition | None = item.images.boxed(WEB_SIZE)
        if web is not None:
            return KitFile(item, WEB, web.name, web.size, web.width, web.height)
    return None


def credits_of(item: MediaKitItem) -> PhotoCredits:
    return PhotoCredits(
        title=item.title,
        caption=item.caption,
        credit=item.credit,
        usage_terms=item.usage_terms,
        alt_text=item.alt_text,
    )


@dataclass(frozen=True)
class Download:
    label: str
    url: str
    file: KitFile


@dataclass(frozen=True)
class KitEntry:
    item: MediaKitItem
    downloads: list[Download]


@dataclass(frozen=True)
class Kit:
    """A kit as a page shows it: its items with their downloads, and the whole kit's ZIP."""

    entries: list[KitEntry]
    zip_url: str
    total_size: int = field(default=0)

    def __bool__(self) -> bool:
        return bool(self.entries)


LABELS = {ORIGINAL: "Original", WEB: "Web size"}


def kit_of(items: list[MediaKitItem], *, file_url: Callable[[int, str], str], zip_url: str) -> Kit:
    """`items` with their downloads at the addresses `file_url(pk, variant)` gives."""
    entries = []
    for item in items:
        downloads = []
        for variant in VARIANTS:
            found = kit_file(item, variant)
            if found is not None:
                downloads.append(Download(LABELS[variant], file_url(item.pk, variant), found))
        entries.append(KitEntry(item, downloads))
    total = sum(item.file_size or 0 for item in items)
    return Kit(entries=entries, zip_url=zip_url, total_size=total)


def release_kit(article: Article, *, under: str = "", token: str = "") -> Kit:
    """A release's kit with its public addresses, or those under a link to the piece before it
    runs: a journalist's (`under="embargoed"`) or a reviewer's (`under="preview"`) with its
    `token`."""
    prefix = f"articles:{under}-" if under else "articles:"
    given = {"slug": article.slug, **({"token": token} if under else {})}
    return kit_of(
        release_items(article),
        file_url=lambda pk, variant: reverse(
            f"{prefix}kit-file", kwargs={**given, "pk": pk, "variant": variant}
        ),
        zip_url=reverse(f"{prefix}kit-zip", kwargs=given),
    )


def room_kit() -> Kit:
    return kit_of(
        room_items(),
        file_url=lambda pk, variant: reverse(
            "press:kit-file", kwargs={"pk": pk, "variant": variant}
        ),
        zip_url=reverse("press:kit-zip"),
    )
