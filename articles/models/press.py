"""The press room's records: `PressContact`, a person journalists can call, and `ReleaseRecord`,
the press-release fields `Article` inherits (its media contacts and its "About" paragraph).

What readers see of them is worked out in `articles.press`.
"""

import re

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property

from newsroom.addresses import address
from newsroom.free_addresses import RestoresClearOfTakenSlug
from newsroom.photos import renditions
from newsroom.photos.fields import PhotoField, validate_image_file
from newsroom.richtext import RichTextField
from newsroom.rows import RowModel
from newsroom.text import strip_on_save

# What a phone number may hold as typed: digits, a leading plus, and the usual separators.
_PHONE = re.compile(r"\+?[0-9 ().\-/]+")
MIN_PHONE_DIGITS, MAX_PHONE_DIGITS = 5, 17


def validate_phone(value: str) -> None:
    digits = sum(char.isdigit() for char in value)
    if not _PHONE.fullmatch(value) or not MIN_PHONE_DIGITS <= digits <= MAX_PHONE_DIGITS:
        raise ValidationError(
            "Enter a phone number of digits, spaces and + - ( ) . /, with the country code, "
            "e.g. +44 20 7946 0123.",
            code="invalid_phone",
        )


def dialling_number(phone: str) -> str:
    """A phone number as a `tel:` link dials it: its digits, after a plus if it had one. An
    international number printed with its national trunk prefix in brackets, as in
    "+44 (0)20 7946 0123", is dialled without it."""
    international = phone.strip().startswith("+")
    if international:
        phone = TRUNK_PREFIX.sub("", phone)
    digits = "".join(char for char in phone if char.isdigit())
    return f"+{digits}" if international else digits


# "(0)" in an international number: the prefix dialled only from inside the country.
TRUNK_PREFIX = re.compile(r"\(\s*0\s*\)")


@strip_on_save
@reversion.register()
class PressContact(RestoresClearOfTakenSlug, RowModel):
    """Someone journalists can call: on press releases ("Media contact") and on /press/."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=120,
        help_text="The address of their contact card, e.g. /press/contacts/ruth-calloway.vcf.",
    )
    role = models.CharField(
        max_length=120, blank=True, help_text="As journalists should see it, e.g. Press officer."
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(
        max_length=40,
        blank=True,
        validators=[validate_phone],
        help_text="With the country code, e.g. +44 20 7946 0123.",
    )
    covers = models.CharField(
        "topics or regions",
        max_length=200,
        blank=True,
        help_text="What journalists should call them about, e.g. “Product launches, Europe”.",
    )
    photo = PhotoField(
        upload_to="press/",
        blank=True,
        validators=[validate_image_file],
        minimum=renditions.HEADSHOT_MINIMUM,
        help_text="Optional. A square portrait works best. JPEG, PNG, WebP or GIF.",
    )
    photo_renditions = models.JSONField(default=dict, blank=True, editable=False)
    for_releases = models.BooleanField(
        "default for press releases",
        default=True,
        help_text="Shown on every press release that names no media contacts of its own.",
    )
    position = models.PositiveSmallIntegerField(
        "order", default=0, help_text="Lower numbers come first, on /press/ and on releases."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "name", "id"]
        verbose_name = "press contact"
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="presscontact_unique_slug"),
            models.CheckConstraint(condition=~Q(slug=""), name="presscontact_slug_not_empty"),
            models.CheckConstraint(condition=~Q(name=""), name="presscontact_name_not_empty"),
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone=""),
                name="presscontact_reachable",
                violation_error_message="Give an email address, a phone number or both: a "
                "contact journalists cannot reach is no use to them.",
            ),
        ]
        indexes = [models.Index(fields=["position", "name", "id"], name="presscontact_order_idx")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # One line each: a vCard or a header must never meet a line break typed into a name.
        for name in ("name", "role", "covers", "phone"):
            setattr(self, name, " ".join(getattr(self, name).split()))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{address('press:room')}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"contact-{self.slug}"

    @property
    def vcard_url(self) -> str:
        return address("press:vcard", self.slug)

    @property
    def tel_uri(self) -> str:
        return f"tel:{dialling_number(self.phone)}" if self.phone else ""

    @cached_property
    def photo_images(self) -> renditions.Renditions:
        """The photo's square renditions, for pages and the admin."""
        return renditions.Renditions(self.photo_renditions, original=self.photo)


class ReleaseRecord(RowModel):
    """What a press release adds to an article: whom to call, and the "About" paragraph.

    Other kinds keep these fields but show none of them.
    """

    press_contacts = models.ManyToManyField(
        PressContact,
        blank=True,
        related_name="releases",
        verbose_name="media contacts",
        help_text="Who journalists should call about this release. Left empty, the contacts "
        "marked “default for press releases” are shown.",
    )
    boilerplate = RichTextField(
        "“About” paragraph for this release",
        blank=True,
        help_text="Replaces the organisation's “About” paragraph from the site settings on this "
        "release only. Leave empty to use that one.",
    )
    omit_boilerplate = models.BooleanField(
        "leave out the “About” paragraph",
        default=False,
        help_text="For a release that should end with its own text.",
    )

    class Meta:
        abstract = True
