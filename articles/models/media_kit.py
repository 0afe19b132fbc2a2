"""The media kit: pictures and documents (a fact sheet as a PDF) journalists download, each
attached to a release or, with no release, to the press room.

What readers see of them, and the downloads, are worked out in `articles.press.media_kit`.
"""

from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.functional import cached_property

from articles.models.article import Article
from newsroom.photos import renditions
from newsroom.photos.fields import PhotoField, validate_image_file
from newsroom.rows import RowModel
from newsroom.text import strip_on_save
from newsroom.upload_names import unguessable_name

PDF_SIGNATURE = b"%PDF-"
PDF_END = b"%%EOF"
# As for images, and under the 20 MB a request may carry (REQUEST_MAX_BYTES).
MAX_DOCUMENT_BYTES = 15 * 1024 * 1024
# A PDF ends with %%EOF, give or take a line break or a few bytes some writers add after it.
PDF_TAIL_BYTES = 1024


def validate_pdf_file(upload) -> None:
    """Refuse anything but a whole PDF of bounded size, named .pdf.

    The name decides the type the stored file is later served as, and the first bytes what it
    really is: both must say PDF, and the end marker shows the file was not cut short.
    """
    if getattr(upload, "_committed", False):
        return  # already stored: it was checked when it was uploaded
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            "This file is %(size)s; documents may be at most %(limit)s.",
            code="file_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(MAX_DOCUMENT_BYTES)},
        )
    extension = PurePosixPath(getattr(upload, "name", "") or "").suffix.lower()
    if extension != ".pdf":
        raise ValidationError(
            "Files ending “%(extension)s” are not accepted as documents. Upload a PDF file.",
            code="unsupported_extension",
            params={"extension": extension or "without an extension"},
        )
    try:
        upload.seek(0)
        head = upload.read(len(PDF_SIGNATURE))
        upload.seek(max(0, (size or 0) - PDF_TAIL_BYTES))
        tail = upload.read(PDF_TAIL_BYTES)
    finally:
        upload.seek(0)
    if head != PDF_SIGNATURE:
        raise ValidationError(
            "This file is not a PDF, whatever its name says. Export the document as PDF and "
            "upload that file.",
            code="not_a_pdf",
        )
    if PDF_END not in tail:
        raise ValidationError(
            "This PDF is damaged or incomplete. Export it again and upload the new file.",
            code="damaged_pdf",
        )


def kit_file_name(instance, filename: str) -> str:
    """kit/<unguessable folder>/<name>: the file is reachable at its storage address before
    its release is out only by someone who was shown that address."""
    return unguessable_name("kit", filename, keep=80)


@strip_on_save
class MediaKitItem(RowModel):
    """A picture or a document journalists may download: on its release, or on /press/."""

    article = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="kit_items",
        verbose_name="release",
        help_text="Empty for the press room's own kit (logos, portraits, fact sheets).",
    )
    title = models.CharField(
        max_length=200, help_text="What it is, e.g. “The Lisbon plant from the river”."
    )
    image = PhotoField(
        "picture",
        upload_to=kit_file_name,
        max_length=200,
        blank=True,
        width_field="width",
        height_field="height",
        validators=[validate_image_file],
        minimum=renditions.DOWNLOAD_MINIMUM,
        help_text="A JPEG, PNG, WebP or GIF, as large as you have it: readers download the "
        "original or a web size. Or give a document instead.",
    )
    document = models.FileField(
        upload_to=kit_file_name,
        max_length=200,
        blank=True,
        validators=[validate_pdf_file],
        help_text="A PDF, such as a fact sheet, instead of a picture.",
    )
    alt_text = models.CharField(
        max_length=250,
        blank=True,
        help_text="Required with a picture: what it shows, for readers who cannot see it.",
    )
    caption = models.CharField(max_length=500, blank=True)
    credit = models.CharField(
        max_length=150,
        blank=True,
        help_text="As it must be printed, e.g. “Photo: Ana Costa / Zephyrcorp”. Written into "
        "the downloaded JPEG.",
    )
    usage_terms = models.CharField(
        max_length=500,
        blank=True,
        help_text="e.g. “Free for editorial use with credit. Not for advertising.” Written into "
        "the downloaded JPEG.",
    )
    position = models.PositiveSmallIntegerField(
        "order", default=0, help_text="Lower numbers come first."
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    image_renditions = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "media kit item"
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="kititem_title_not_empty"),
            models.CheckConstraint(
                condition=(Q(image="") & ~Q(document="")) | (~Q(image="") & Q(document="")),
                name="kititem_one_file",
                violation_error_message="Give a picture or a document: one of them, not both.",
            ),
            models.CheckConstraint(
                condition=Q(image="") | ~Q(alt_text=""), name="kititem_image_has_alt"
            ),
        ]
        indexes = [
            models.Index(fields=["article", "position", "id"], name="kititem_order_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # One line each, as they are printed: the title also names the downloaded files.
        for name in ("title", "credit", "alt_text"):
            setattr(self, name, " ".join(getattr(self, name).split()))
        # A new upload is measured as it comes; a file stored otherwise (a script's) once.
        stored = self.file
        if not stored:
            self.file_size = None
        elif not stored._committed or self.file_size is None:
            self.file_size = stored.size
        super().save(*args, **kwargs)

    def clean(self):
        if bool(self.image) == bool(self.document):
            raise ValidationError("Give a picture or a document: one of them, not both.")
        if self.image and not self.alt_text.strip():
            raise ValidationError(
                {
                    "alt_text": "Describe the picture for readers who cannot see it: alt text is "
                    "required."
                }
            )

    @property
    def file(self):
        """The picture or the document, whichever it is."""
        return self.image or self.document

    @property
    def is_image(self) -> bool:
        return bool(self.image)

    @cached_property
    def images(self) -> renditions.Renditions:
        """The picture's renditions: a width for pages, the thumbnail, the web size."""
        return renditions.Renditions(
            self.image_renditions, original=self.image, original_size=(self.width, self.height)
        )
