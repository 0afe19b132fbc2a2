"""A large, realistic archive for the benchmark and scale checks, made in batches.

The content reads like a newsroom's: about a thousand words an article, twelve authors, forty
topics, real pictures (with their renditions) on a share of the pieces, a spoiler warning on
every fifth and an origin on every third. Everything is derived from a seed, so two runs with
the same arguments build the same archive.
"""

import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw
from taggit.models import Tag, TaggedItem

from articles import search
from articles.models import Article, Author, Byline, ContentWarning, subject_slug
from newsroom.demo import corpus_text
from newsroom.models import SitePage, SiteSettings
from newsroom.photos import making

AUTHOR_COUNT = 12
TAG_COUNT = 40
WARNING_EVERY = 5
CROSS_POST_EVERY = 3
IMAGE_EVERY = 4
FEATURED_EVERY = 97
# Articles are spaced this far apart, newest first, counting back from the moment of the build.
SPACING = timedelta(hours=2)

FIRST_NAMES = [
    "Dana", "Marcus", "Priya", "Tomás", "Ingrid", "Kwame", "Yuki", "Aisha", "Lena", "Oskar",
    "Farah", "Jonah",
]  # fmt: skip
LAST_NAMES = [
    "Whitfield", "Ellis", "Raman", "Ortega", "Lindqvist", "Mensah", "Tanaka", "Bello", "Hartmann",
    "Novak", "Haddad", "Reyes",
]  # fmt: skip
ROLES = ["Co-CEO", "Chief Technology Officer", "Head of Policy", "Staff writer", "Editor"]
TOPICS = [
    "Culture", "Product", "Hiring", "Engineering", "Policy", "Climate", "Design", "Research",
    "Security", "Open source", "Partnerships", "Funding", "Leadership", "Customers", "Events",
    "Awards", "Education", "Health", "Accessibility", "Data", "Privacy", "Infrastructure",
    "Mobile", "Payments", "Logistics", "Energy", "Manufacturing", "Retail", "Travel", "Media",
    "Television", "Books", "Film", "Music", "Sport", "Community", "Remote work", "Diversity",
    "Sustainability", "Quarterly results",
]  # fmt: skip
SHOWS = [
    "Low Tide at Marrow Bay", "The Glass Orchard", "Northern Line", "Quiet Harbour",
    "The Long Audit", "Paper Moons",
]  # fmt: skip
PLATFORMS = [
    ("LinkedIn", "https://www.linkedin.com/pulse/{slug}/"),
    ("Medium", "https://medium.com/@northwind/{slug}"),
    ("Substack", "https://northwind.substack.com/p/{slug}"),
]
KINDS = [
    Article.Kind.NEWS,
    Article.Kind.PRESS_RELEASE,
    Article.Kind.FEATURE,
    Article.Kind.ANNOUNCEMENT,
    Article.Kind.INTERVIEW,
]


@dataclass
class CorpusSummary:
    articles: int
    authors: int
    tags: int
    warnings: int
    cross_posts: int
    images: int


class CorpusNotEmpty(Exception):
    """The corpus fills an empty database only: slugs and spacing assume nothing else is there."""


def make_corpus(
    *,
    articles: int,
    seed: int = 2025,
    images: int = 24,
    batch_size: int = 1000,
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> CorpusSummary:
    """Fill an empty database with `articles` published articles and everything around them."""
    if articles < 1:
        raise ValueError("Make at least one article.")
    if Article.objects.exists() or Author.objects.exists():
        raise CorpusNotEmpty("The database already has articles or authors; use an empty one.")
    now = now or timezone.now()
    rng = random.Random(seed)  # noqa: S311 - made-up content, not secrets
    sentences = corpus_text.sentence_pool(rng)

    with transaction.atomic():
        SiteSettings(
            site_name="Northwind Newsroom",
            news_heading="News",
            news_introduction="Announcements, op-eds and stories from the people of Northwind.",
        ).save()
        _make_site_pages()
        authors = _make_authors(rng)
        tags = Tag.objects.bulk_create(
            [Tag(name=name, slug=slugify(name)) for name in TOPICS[:TAG_COUNT]]
        )
    pictures = _make_pictures(rng, count=images) if images else []
    content_type = ContentType.objects.get_for_model(Article)

    made = warned = crossed = pictured = 0
    while made < articles:
        count = min(batch_size, articles - made)
        with transaction.atomic():
            made_now = []
            for number in range(made, made + count):
                # One generator per article: the archive is the same whatever the batch size.
                own = random.Random(f"{seed}:{number}")  # noqa: S311
                article, spoiler_subject = _article(
                    number, rng=own, sentences=sentences, now=now, pictures=pictures
                )
                made_now.append((article, spoiler_subject, own))
            Article.objects.bulk_create([article for article, _, _ in made_now])
            # bulk_create skips save(), which keeps the search vector current.
            search.update_vectors(
                Article.objects.filter(pk__in=[article.pk for article, _, _ in made_now]),
                using="default",
            )
            bylines, warnings, tagged = [], [], []
            for article, spoiler_subject, own in made_now:
                chosen = own.sample(authors, own.choice((1, 1, 1, 2, 2, 3)))
                bylines += [
                    Byline(
                        article=article,
                        author=author,
                        position=position,
                        role=author.role,
                        organisation=author.organisation,
                    )
                    for position, author in enumerate(chosen)
                ]
                tagged += [
                    TaggedItem(tag=tag, content_type=content_type, object_id=article.pk)
                    for tag in own.sample(tags, 3)
                ]
                if spoiler_subject:
                    warnings.append(
                        ContentWarning(
                            article=article,
                            kind=ContentWarning.Kind.SPOILERS,
                            text=f"contains spoilers for {spoiler_subject}",
                            subject=spoiler_subject,
                            subject_slug=subject_slug(spoiler_subject),
                        )
                    )
                crossed += bool(article.origin_url)
                pictured += bool(article.featured_image)
            Byline.objects.bulk_create(bylines)
            ContentWarning.objects.bulk_create(warnings)
            TaggedItem.objects.bulk_create(tagged)
        warned += len(warnings)
        made += count
        if progress:
            progress(made)
    return CorpusSummary(
        articles=made,
        authors=len(authors),
        tags=len(tags),
        warnings=warned,
        cross_posts=crossed,
        images=pictured,
    )


def _article(
    number: int, *, rng: random.Random, sentences: list[str], now: datetime, pictures: list
) -> tuple[Article, str]:
    cross_post = number % CROSS_POST_EVERY == 0
    spoiler_subject = SHOWS[number % len(SHOWS)] if number % WARNING_EVERY == 0 else ""
    headline = corpus_text.headline(rng, number)
    slug = f"{slugify(headline)[:180]}-{number}"
    published_at = now - SPACING * (number + 1)
    paragraphs = corpus_text.body_paragraphs(rng, sentences, spoiler=bool(spoiler_subject))
    article = Article(
        kind=Article.Kind.OP_ED if cross_post else KINDS[number % len(KINDS)],
        headline=headline,
        slug=slug,
        dek=rng.choice(sentences),
        introduction=(
            f"<p>{rng.choice(sentences)} {rng.choice(sentences)}</p>" if cross_post else ""
        ),
        body="".join(paragraphs),
        status=Article.Status.PUBLISHED,
        published_at=published_at,
        is_featured=number % FEATURED_EVERY == 0,
    )
    if cross_post:
        platform, pattern = PLATFORMS[number % len(PLATFORMS)]
        article.origin_url = pattern.format(slug=slug)
        article.origin_platform = platform
        article.origin_published_on = (published_at - timedelta(days=3)).date()
        # bulk_create skips save(), which keeps the original's identity.
        article.clean_origin()
    if number % IMAGE_EVERY == 0 and pictures:
        name, width, height, alt, record = pictures[number % len(pictures)]
        article.featured_image = name
        article.featured_image_renditions = record
        article.featured_image_width = width
        article.featured_image_height = height
        article.featured_image_alt = alt
        article.featured_image_credit = "Photo: Northwind"
    article.search_text = search.article_text(article)
    return article, spoiler_subject


def _make_authors(rng: random.Random) -> list[Author]:
    authors = []
    for index in range(AUTHOR_COUNT):
        name = f"{FIRST_NAMES[index]} {LAST_NAMES[index]}"
        author = Author(
            name=name,
            slug=slugify(name),
            role=ROLES[index % len(ROLES)],
            organisation="Northwind Labs",
            bio=f"{FIRST_NAMES[index]} writes about {TOPICS[index].lower()} at Northwind Labs.",
            linkedin_url=f"https://www.linkedin.com/in/{slugify(name)}/",
        )
        if index % 2 == 0:
            colour = tuple(rng.randrange(40, 200) for _ in range(3))
            author.headshot = default_storage.save(
                f"authors/corpus-{author.slug}.png", ContentFile(_picture(colour, (400, 400)))
            )
            author.headshot_renditions = making.make_renditions(author.headshot, making.HEADSHOT)
        authors.append(author)
    return Author.objects.bulk_create(authors)


def _make_pictures(rng: random.Random, *, count: int) -> list[tuple]:
    """`count` real JPEG pictures in storage, with their renditions, shared by the articles."""
    pictures = []
    for index in range(count):
        colour = tuple(rng.randrange(30, 220) for _ in range(3))
        name = default_storage.save(
            f"articles/corpus/picture-{index}.jpg",
            ContentFile(_picture(colour, (1600, 900), image_format="JPEG")),
        )
        record = making.make_renditions(Article(featured_image=name).featured_image, making.PHOTO)
        alt = f"A band of colour, picture {index + 1} of {count}"
        pictures.append((name, 1600, 900, alt, record))
    return pictures


def _picture(colour: tuple[int, ...], size: tuple[int, int], image_format: str = "PNG") -> bytes:
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.rectangle((0, height * 2 // 3, width, height), fill=tuple(255 - c for c in colour))
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, quality=80)
    return buffer.getvalue()


def _make_site_pages() -> None:
    for order, title in enumerate(["About", "Media contacts", "Press kit", "Careers"]):
        SitePage.objects.create(
            title=title,
            slug=slugify(title),
            body=f"<p>{title} of Northwind Labs.</p>",
            status=SitePage.Status.PUBLISHED,
            nav_order=order,
        )
