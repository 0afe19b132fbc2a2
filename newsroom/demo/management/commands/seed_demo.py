"""`manage.py seed_demo`: fill an empty newsroom with the demo content of `content.json`.

The words come from `newsroom/demo/content.json` (read by `newsroom.demo.content`); this command
adds them as rows in order, draws the pictures with Pillow and, with DEBUG on, makes the demo admin
login. Everything is keyed by slug (tags by name) and only ever added, never overwritten, so the
command can run again at any time, also after editors have changed the demo pieces.
"""

import io
from collections import Counter
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont
from taggit.models import Tag

from articles.models import Article, Author, Byline, ContentWarning, MediaKitItem, PressContact
from newsroom.checks import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME
from newsroom.demo.content import (
    ARTICLES,
    AUTHORS,
    MEDIA_KIT,
    ORGANISATION,
    PAGES,
    PRESS_CONTACTS,
    SITE_SETTINGS,
    DemoImage,
)
from newsroom.models import SitePage, SiteSettings


def headshot_png(*, initials: str, colour: str, size: int = 400) -> bytes:
    """A square portrait placeholder: the initials in white on a flat colour."""
    image = Image.new("RGB", (size, size), colour)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=size * 2 // 5)
    left, top, right, bottom = draw.textbbox((0, 0), initials, font=font)
    # Centre the ink, not the text origin: glyphs start below and right of it.
    position = ((size - (right - left)) / 2 - left, (size - (bottom - top)) / 2 - top)
    draw.text(position, initials, fill="white", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def illustration_jpeg(*, image: DemoImage, width: int = 1600, height: int = 900) -> bytes:
    """A 16:9 picture of `image.motif` over a vertical gradient, matching its alt text."""
    size = (width, height)
    top, bottom = image.sky
    gradient = Image.linear_gradient("L").resize(size)
    canvas = Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), gradient)
    draw = ImageDraw.Draw(canvas)
    accents = image.accents

    if image.motif == "ferry":
        sun, water, boat = accents
        draw.ellipse((1080, 260, 1320, 500), fill=sun)
        draw.rectangle((0, 560, width, height), fill=water)
        for y in range(610, height, 70):
            draw.line((80, y, width - 80, y), fill=top, width=6)
        draw.polygon([(460, 520), (860, 520), (810, 590), (510, 590)], fill=boat)
        draw.rectangle((560, 450, 720, 520), fill=boat)
    elif image.motif == "buildings":
        heights = (420, 560, 360, 640, 480, 520)
        slot = width // len(heights)
        for index, building_height in enumerate(heights):
            x0, y0 = index * slot + 30, height - building_height
            draw.rectangle((x0, y0, x0 + slot - 60, height), fill=accents[index % 3])
            for wy in range(y0 + 40, height - 60, 90):
                for wx in range(x0 + 30, x0 + slot - 100, 70):
                    draw.rectangle((wx, wy, wx + 36, wy + 44), fill=accents[3])
    elif image.motif in {"bars-down", "steps"}:
        count = 6
        slot = (width - 200) // count
        for index in range(count):
            step = count - index if image.motif == "bars-down" else index + 1
            bar_height = 110 * step
            x0 = 100 + index * slot
            gap = 40 if image.motif == "bars-down" else 0
            fill = accents[index % len(accents)]
            draw.rectangle((x0, height - 80 - bar_height, x0 + slot - gap, height - 80), fill=fill)
    elif image.motif == "circles":
        for index, fill in enumerate(accents):
            cx = 300 + index * 200
            cy = 450 + (90 if index % 2 else -90)
            draw.ellipse((cx - 190, cy - 190, cx + 190, cy + 190), fill=fill)
    else:
        raise ValueError(f"Unknown illustration motif: {image.motif}")

    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


# A kit picture is larger than the web size readers may download instead of the original.
KIT_PICTURE_SIZE = (2560, 1440)
# An A4 page at 150 dots per inch.
FACT_SHEET_SIZE = (1240, 1754)


def kit_picture_jpeg(*, image: DemoImage) -> bytes:
    """The illustration of `image`, drawn at its usual size and enlarged for the media kit."""
    with Image.open(io.BytesIO(illustration_jpeg(image=image))) as drawn:
        enlarged = drawn.resize(KIT_PICTURE_SIZE, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    enlarged.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def fact_sheet_pdf(*, lines: list[str]) -> bytes:
    """A one-page PDF of `lines`, the first as a heading, drawn by Pillow."""
    page = Image.new("RGB", FACT_SHEET_SIZE, "white")
    draw = ImageDraw.Draw(page)
    top = 150
    for number, line in enumerate(lines):
        size = 56 if number == 0 else 32
        draw.text((120, top), line, fill="#1d2330", font=ImageFont.load_default(size=size))
        top += round(size * 1.6)
    buffer = io.BytesIO()
    page.save(buffer, format="PDF", resolution=150)
    return buffer.getvalue()


def seed_site_settings() -> bool:
    """Name the demo site; a setting an editor has changed from its default is left alone."""
    site_settings = SiteSettings.load()
    changed = []
    for name, value in SITE_SETTINGS.items():
        default = SiteSettings._meta.get_field(name).get_default()
        current = getattr(site_settings, name)
        if current == default and current != value:
            setattr(site_settings, name, value)
            changed.append(name)
    if changed:
        # A full save: `load()` may hand back defaults that have no row yet.
        site_settings.save()
    return bool(changed)


def save_file(field_file, name: str, content: bytes, *, save: bool) -> None:
    """Store `content` as the file of `field_file` under `name`. The file handed over carries
    the name too: an image field reads a picture's width and height from what it saves only
    when that has a name, and stores neither otherwise."""
    field_file.save(name, ContentFile(content, name), save=save)


def seed_authors(*, created: Counter) -> dict[str, Author]:
    authors = {}
    for spec in AUTHORS:
        author, is_new = Author.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "role": spec.role,
                "organisation": ORGANISATION,
                "bio": spec.bio,
                "linkedin_url": f"https://www.linkedin.com/in/{spec.slug}/",
            },
        )
        created["authors"] += is_new
        if not author.headshot:
            picture = headshot_png(initials=spec.initials, colour=spec.colour)
            save_file(author.headshot, f"{spec.slug}.png", picture, save=True)
            created["images"] += 1
        authors[spec.slug] = author
    return authors


def seed_press_contacts(*, created: Counter) -> None:
    for position, spec in enumerate(PRESS_CONTACTS):
        contact, is_new = PressContact.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "role": spec.role,
                "email": spec.email,
                "phone": spec.phone,
                "covers": spec.covers,
                "position": position,
            },
        )
        created["press contacts"] += is_new
        if not contact.photo:
            picture = headshot_png(initials=spec.initials, colour=spec.colour)
            save_file(contact.photo, f"{spec.slug}.png", picture, save=True)
            created["images"] += 1


def seed_articles(*, authors: dict[str, Author], now: datetime, created: Counter) -> None:
    for spec in ARTICLES:
        published_at = spec.published_at(now=now)
        article, is_new = Article.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "kind": spec.kind,
                "headline": spec.headline,
                "dek": spec.dek,
                "introduction": spec.introduction,
                "body": spec.body,
                "status": spec.status,
                "published_at": published_at,
                "planned_for": spec.planned_for(now=now),
                "is_featured": spec.is_featured,
                "origin_url": spec.origin_url,
                "origin_platform": spec.origin_platform,
                "origin_published_on": spec.origin_published_on(published_at),
                "indexing": Article.Indexing.ORIGIN,
                "featured_image_alt": spec.image.alt if spec.image else "",
                "featured_image_caption": spec.image.caption if spec.image else "",
                "featured_image_credit": spec.image.credit if spec.image else "",
            },
        )
        created["articles"] += is_new
        if is_new and spec.spoiler_warning:
            ContentWarning.objects.create(
                article=article, kind=ContentWarning.Kind.SPOILERS, **spec.spoiler_warning
            )
        for position, slug in enumerate(spec.authors):
            _, is_new = Byline.objects.get_or_create(
                article=article, author=authors[slug], defaults={"position": position}
            )
            created["bylines"] += is_new
        article.tags.add(*spec.tags)
        # Alt text is required with an image: only add one where the alt is still there.
        if spec.image and not article.featured_image and article.featured_image_alt:
            picture = illustration_jpeg(image=spec.image)
            save_file(article.featured_image, f"{spec.slug}.jpg", picture, save=True)
            created["images"] += 1


def seed_media_kit(*, created: Counter) -> None:
    for position, spec in enumerate(MEDIA_KIT):
        article = Article.objects.get(slug=spec.release) if spec.release else None
        if MediaKitItem.objects.filter(article=article, title=spec.title).exists():
            continue
        item = MediaKitItem(
            article=article,
            title=spec.title,
            caption=spec.caption,
            credit=spec.credit,
            usage_terms=spec.usage_terms,
            alt_text=spec.picture.alt if spec.picture else "",
            position=position,
        )
        name = slugify(spec.title)
        if spec.picture:
            picture = kit_picture_jpeg(image=spec.picture)
            save_file(item.image, f"{name}.jpg", picture, save=False)
        else:
            content = fact_sheet_pdf(lines=spec.document)
            save_file(item.document, f"{name}.pdf", content, save=False)
        item.save()
        created["media kit items"] += 1


def seed_pages(*, created: Counter) -> None:
    for spec in PAGES:
        _, is_new = SitePage.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "title": spec.title,
                "body": spec.body,
                "status": spec.status,
                "show_in_navigation": spec.show_in_navigation,
                "nav_order": spec.nav_order,
            },
        )
        created["site pages"] += is_new


def seed_demo_content(*, now: datetime) -> tuple[Counter, bool]:
    """Add whatever demo content is missing; returns what was created and whether settings were."""
    created = Counter()
    tags_before = Tag.objects.count()
    with transaction.atomic():
        settings_changed = seed_site_settings()
        authors = seed_authors(created=created)
        seed_press_contacts(created=created)
        seed_articles(authors=authors, now=now, created=created)
        seed_media_kit(created=created)
        seed_pages(created=created)
    created["tags"] = Tag.objects.count() - tags_before
    return created, settings_changed


def ensure_demo_admin() -> bool:
    """Create the demo superuser if there is no `admin` yet; True when it was created."""
    user_model = get_user_model()
    if user_model._default_manager.filter(username=DEMO_ADMIN_USERNAME).exists():
        return False
    user_model._default_manager.create_superuser(
        username=DEMO_ADMIN_USERNAME, email="admin@northwind.example", password=DEMO_ADMIN_PASSWORD
    )
    return True


class Command(BaseCommand):
    help = (
        "Add demo content for Northwind Labs (authors, press contacts, articles, the media kit, "
        "site pages) and, "
        "with DEBUG on, an admin login. Safe to run again: existing content is never changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Add no content when the database already has an article.",
        )

    def handle(self, *args, **options):
        if options["if_empty"] and Article.objects.exists():
            self.stdout.write("The database already has content, so no demo content was added.")
        else:
            created, settings_changed = seed_demo_content(now=timezone.localtime())
            self.report_content(created, settings_changed=settings_changed)
        self.report_admin()

    def report_content(self, created: Counter, *, settings_changed: bool) -> None:
        if settings_changed:
            self.stdout.write(f"Site settings: named the site “{SITE_SETTINGS['site_name']}”.")
        if not +created:
            self.stdout.write(self.style.SUCCESS("Demo content is already in place: nothing new."))
            return
        labels = [
            "authors",
            "press contacts",
            "articles",
            "bylines",
            "tags",
            "media kit items",
            "site pages",
            "images",
        ]
        counts = ", ".join(f"{created[label]} {label}" for label in labels)
        self.stdout.write(self.style.SUCCESS(f"Demo content created: {counts}."))

    def report_admin(self) -> None:
        # A known password is fine on a developer's machine and never acceptable anywhere else:
        # `check --deploy` fails and every start warns while it works (newsroom/checks.py).
        if not settings.DEBUG:
            self.stdout.write("No demo login was created because DEBUG is off.")
            return
        created = ensure_demo_admin()
        self.stdout.write(self.style.SUCCESS("Log in to the admin:"))
        self.stdout.write(f"  URL:      {settings.SITE_URL}/admin/")
        self.stdout.write(f"  Username: {DEMO_ADMIN_USERNAME}")
        if created:
            self.stdout.write(f"  Password: {DEMO_ADMIN_PASSWORD}")
        else:
            self.stdout.write("  Password: unchanged (the user already existed)")
