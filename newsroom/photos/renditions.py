"""Image renditions as pages use them: the record on the row, read without a storage call.

Each photo field that keeps renditions (`newsroom.photos.making`) records them on its row as
JSON: names, sizes and byte counts. Pages build `srcset`, `width`/`height` and feed enclosures
from that record alone, with no storage call and no extra query, whatever a page shows; an image
without renditions is shown from its original.
"""

import mimetypes
import re
from dataclasses import dataclass, field
from functools import cached_property

from django.core.files.storage import Storage, default_storage
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest

from newsroom.photos.fields import MinimumSize

SQUARES = (96, 192, 400)


# A featured image's widths: 480 is the narrowest a page lays one out at.
WIDTHS = (480, 800, 1200, 1600)


# The smallest upload each use takes: one that fills its smallest rendition without enlarging.
# Larger renditions are made only as far as the upload goes (see `making`).
HEADSHOT_MINIMUM = MinimumSize("a headshot", SQUARES[0], SQUARES[0])
PHOTO_MINIMUM = MinimumSize("a featured image", WIDTHS[0])
DOWNLOAD_MINIMUM = MinimumSize("a media kit picture", WIDTHS[0])
# Below 600 pixels wide networks show a small square card instead of the picture.
LINK_PREVIEW_MINIMUM = MinimumSize("a link preview image", 600, 315)
# Search engines' own minimum for a publisher's logo.
LOGO_MINIMUM = MinimumSize("a logo", 112, 112)


# The width `<img src>` and feeds use when a browser or reader takes no srcset.
DEFAULT_WIDTH = 800


FEED_WIDTH = 1200


WEBP = "webp"


MIME_TYPES = {"webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}


# A name whose address needs no quoting: ASCII path segments, none of them `.` or `..`.
_PLAIN_NAME = re.compile(r"(?:[\w-][\w.-]*/)*[\w-][\w.-]*", re.ASCII)
_NOT_ASKED = object()


class Addresses:
    """The addresses of one image's files in `storage`, asking the storage as little as it can.

    A `<picture>` links to a dozen renditions in one folder, and a storage builds each address
    anew (the file system's joins URLs, S3's may sign them). When the address of the first
    plain name asked for is that name after a fixed beginning (the file system, S3 behind a
    custom domain), the rest are written after the same beginning. Otherwise (a signed address,
    a name that needs quoting) each is asked of the storage.
    """

    def __init__(self, storage: Storage):
        self.storage = storage
        self._before = _NOT_ASKED

    def url(self, name: str) -> str:
        if not _PLAIN_NAME.fullmatch(name) or self._before is None:
            return self.storage.url(name)
        if self._before is _NOT_ASKED:
            address = self.storage.url(name)
            self._before = address.removesuffix(name) if address.endswith(f"/{name}") else None
            return address
        return f"{self._before}{name}"


@dataclass(frozen=True)
class Rendition:
    name: str
    width: int
    height: int
    format: str
    size: int
    storage: Storage = default_storage
    # Shared by an image's renditions (see `Addresses`); without it, the storage is asked.
    addresses: Addresses | None = field(default=None, compare=False, repr=False)

    @cached_property
    def url(self) -> str:
        # Kept: srcset, src and feeds ask again, and a storage may quote or sign each address.
        if self.addresses is None:
            return self.storage.url(self.name)
        return self.addresses.url(self.name)

    @property
    def mime_type(self) -> str:
        return MIME_TYPES[self.format]

    @property
    def descriptor(self) -> str:
        return f"{self.url} {self.width}w"


@dataclass(frozen=True)
class AbsoluteImage:
    """One file of an image at an absolute address, as feeds, link previews and structured data
    describe it; `size` is its byte count, 0 when unknown (an original's is not recorded)."""

    url: str
    width: int | None
    height: int | None
    mime_type: str
    size: int = 0


class Renditions:
    """What templates, feeds and the admin need from an image, from its stored record.

    Without a record (an image saved before renditions existed, or whose renditions could not
    be made) everything falls back to the original file.
    """

    def __init__(
        self,
        record: dict | None,
        *,
        original: FieldFile | None = None,
        original_size: tuple[int | None, int | None] = (None, None),
    ):
        record = record or {}
        self.original = original
        self.original_size = original_size
        self.ready = bool(original) and record.get("source") == original.name
        storage = original.storage if original else default_storage
        files = record.get("files", []) if self.ready else []
        addresses = Addresses(storage)
        self.files = [
            Rendition(
                name=item["name"],
                width=item["width"],
                height=item["height"],
                format=item["format"],
                size=item["size"],
                storage=storage,
                addresses=addresses,
            )
            for item in files
        ]
        self.roles = {item["name"]: item["role"] for item in files}
        self._found: dict[tuple[str, str | None], list[Rendition]] = {}
        self.fallback_format = record.get("fallback_format", WEBP) if self.ready else ""

    def __bool__(self) -> bool:
        return bool(self.original)

    def _with(self, role: str, image_format: str | None = None) -> list[Rendition]:
        """The renditions of `role` (in `image_format`), found once: a `<picture>` asks for the
        same ones for its sources, srcset, src and size."""
        key = (role, image_format)
        if key not in self._found:
            self._found[key] = [
                rendition
                for rendition in self.files
                if self.roles[rendition.name] == role
                and (image_format is None or rendition.format == image_format)
            ]
        return self._found[key]

    # Responsive widths, for <picture>.

    @property
    def sources(self) -> list[tuple[str, str]]:
        """(MIME type, srcset) of the WebP `<source>`, when the `<img>` is in another format."""
        if not self.ready or self.fallback_format == WEBP:
            return []
        return [(MIME_TYPES[WEBP], _srcset(self._with("width", WEBP)))]

    @property
    def srcset(self) -> str:
        """The `<img>` srcset, in the fallback format."""
        return _srcset(self._with("width", self.fallback_format)) if self.ready else ""

    @property
    def src(self) -> str:
        return self.url_for_width(DEFAULT_WIDTH)

    def url_for_width(self, width: int) -> str:
        """The largest rendition no wider than `width` (else the smallest); or the original."""
        chosen = self._closest("width", width)
        return chosen.url if chosen else self.original.url

    @property
    def width(self) -> int | None:
        """The intrinsic size for `width`/`height`: that of the largest rendition, upright."""
        largest = self._largest("width")
        return largest.width if largest else self.original_size[0]

    @property
    def height(self) -> int | None:
        largest = self._largest("width")
        return largest.height if largest else self.original_size[1]

    @property
    def largest(self) -> Rendition | None:
        """The widest rendition in the fallback format."""
        return self._largest("width")

    def _largest(self, role: str) -> Rendition | None:
        candidates = self._with(role, self.fallback_format or None)
        return max(candidates, key=lambda rendition: rendition.width, default=None)

    def _closest(self, role: str, width: int) -> Rendition | None:
        candidates = self._with(role, self.fallback_format or None)
        fitting = [rendition for rendition in candidates if rendition.width <= width]
        if fitting:
            return max(fitting, key=lambda rendition: rendition.width)
        return min(candidates, key=lambda rendition: rendition.width, default=None)

    # Single renditions.

    @property
    def feed_image(self) -> Rendition | None:
        """A large rendition in the fallback format, for feed enclosures."""
        return self._closest("width", FEED_WIDTH)

    @property
    def social(self) -> Rendition | None:
        """The card for link previews: 1200 by 630, or the largest of that shape the upload
        holds."""
        return next(iter(self._with("social")), None)

    def absolute(
        self, request: HttpRequest, rendition: Rendition | None = None
    ) -> AbsoluteImage | None:
        """`rendition` (one of this image's, such as `feed_image`) at an absolute address; the
        original while there is no such rendition; None without an image."""
        if not self:
            return None
        if rendition is None:
            return AbsoluteImage(
                url=request.build_absolute_uri(self.original.url),
                width=self.original_size[0],
                height=self.original_size[1],
                mime_type=mimetypes.guess_type(self.original.name)[0] or "",
            )
        return AbsoluteImage(
            url=request.build_absolute_uri(rendition.url),
            width=rendition.width,
            height=rendition.height,
            mime_type=rendition.mime_type,
            size=rendition.size,
        )

    @property
    def thumbnail_url(self) -> str:
        thumbnails = self._with("thumbnail") or self._with("square", WEBP)
        if thumbnails:
            return min(thumbnails, key=lambda rendition: rendition.width).url
        return self.original.url if self.original else ""

    def boxed(self, side: int) -> Rendition | None:
        """The copy fitted in a square of `side` pixels (a web size to download), if made."""
        fitting = [r for r in self._with("box") if max(r.width, r.height) <= side]
        return max(fitting, key=lambda rendition: rendition.width, default=None)

    def square(self, size: int) -> Rendition | None:
        """The largest square rendition of at most `size` pixels in the fallback format (else
        the smallest): a small headshot's squares stop at its short side."""
        return self._closest("square", size)

    def square_srcset(self, image_format: str | None = None) -> str:
        return _srcset(self._with("square", image_format or self.fallback_format))

    @property
    def square_sources(self) -> list[tuple[str, str]]:
        if not self.ready or self.fallback_format == WEBP:
            return []
        return [(MIME_TYPES[WEBP], self.square_srcset(WEBP))]

    def square_src(self, size: int) -> str:
        chosen = self.square(size)
        return chosen.url if chosen else self.original.url


def _srcset(renditions: list[Rendition]) -> str:
    return ", ".join(r.descriptor for r in sorted(renditions, key=lambda r: r.width))
