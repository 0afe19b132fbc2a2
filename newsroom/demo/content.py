"""The demo newsroom's content, read from `content.json` beside this module.

The JSON file holds the words: site settings (with the "About" paragraph of press releases),
authors, press contacts, articles (HTML bodies, spoiler warnings, tags, bylines as author slugs,
cross-post origins, the illustration each one gets), the media kit (a release's and the press
room's: pictures and the lines of a fact sheet) and site pages.
The dataclasses below say which keys each entry may have; a key they do not know, or a kind or
status the models do not know, fails when the file is read. `seed_demo` turns them into rows.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from articles.models import Article
from newsroom.models import SitePage

CONTENT_FILE = Path(__file__).resolve().with_name("content.json")


@dataclass
class DemoAuthor:
    slug: str
    name: str
    role: str
    bio: str
    colour: str  # behind the initials on the headshot

    @property
    def initials(self) -> str:
        return "".join(word[0] for word in self.name.split())


@dataclass
class DemoContact:
    slug: str
    name: str
    role: str
    email: str
    phone: str
    covers: str
    colour: str  # behind the initials on the photo

    @property
    def initials(self) -> str:
        return "".join(word[0] for word in self.name.split())


@dataclass
class DemoImage:
    """A generated illustration; `alt` describes what `motif` actually draws."""

    motif: str  # "ferry", "buildings", "bars-down", "steps" or "circles"
    sky: list[str]  # top and bottom of the gradient
    accents: list[str]
    alt: str
    caption: str
    credit: str = "Illustration: Northwind Labs"


@dataclass
class DemoArticle:
    slug: str
    headline: str
    kind: Article.Kind
    dek: str
    body: str
    authors: list[str]  # author slugs, in byline order
    tags: list[str]
    # Days before the run; negative schedules it. None leaves the time empty (drafts).
    days_ago: int | None
    hour: int = 9
    status: Article.Status = Article.Status.PUBLISHED
    introduction: str = ""
    image: DemoImage | None = None
    is_featured: bool = False
    spoiler_warning: dict[str, str] | None = None  # {"text": …, "subject": …}
    origin_url: str = ""
    origin_platform: str = ""
    origin_days_earlier: int | None = None
    # Days after the run the editors plan a draft for, at `hour` (the editorial calendar).
    planned_in_days: int | None = None

    def __post_init__(self):
        # A misspelt kind or status fails here, naming the value, not later in the database.
        self.kind = Article.Kind(self.kind)
        self.status = Article.Status(self.status)
        if isinstance(self.image, dict):
            self.image = DemoImage(**self.image)

    def published_at(self, *, now: datetime) -> datetime | None:
        """`days_ago` days before `now` on the hour, so the timetable reads like a real one."""
        if self.days_ago is None:
            return None
        day = now - timedelta(days=self.days_ago)
        return day.replace(hour=self.hour, minute=0, second=0, microsecond=0)

    def planned_for(self, *, now: datetime) -> datetime | None:
        if self.planned_in_days is None:
            return None
        day = now + timedelta(days=self.planned_in_days)
        return day.replace(hour=self.hour, minute=0, second=0, microsecond=0)

    def origin_published_on(self, published_at: datetime | None) -> date | None:
        if published_at is None or self.origin_days_earlier is None:
            return None
        return published_at.date() - timedelta(days=self.origin_days_earlier)


@dataclass
class DemoKitItem:
    """A media-kit item of a release (by slug) or of the press room (`release` None): a picture
    drawn like an illustration, or a one-page PDF of `document`'s lines."""

    release: str | None
    title: str
    caption: str
    credit: str
    usage_terms: str
    picture: DemoImage | None = None
    document: list[str] | None = None

    def __post_init__(self):
        if isinstance(self.picture, dict):
            self.picture = DemoImage(**self.picture)
        if (self.picture is None) == (self.document is None):
            raise ValueError(f"{self.title}: give a picture or a document, one of them.")


@dataclass
class DemoPage:
    slug: str
    title: str
    body: str
    nav_order: int = 0
    status: SitePage.Status = SitePage.Status.PUBLISHED
    show_in_navigation: bool = True

    def __post_init__(self):
        self.status = SitePage.Status(self.status)


CONTENT = json.loads(CONTENT_FILE.read_text(encoding="utf-8"))
ORGANISATION = CONTENT["organisation"]
SITE_SETTINGS = CONTENT["site_settings"]
AUTHORS = [DemoAuthor(**entry) for entry in CONTENT["authors"]]
PRESS_CONTACTS = [DemoContact(**entry) for entry in CONTENT["press_contacts"]]
ARTICLES = [DemoArticle(**entry) for entry in CONTENT["articles"]]
MEDIA_KIT = [DemoKitItem(**entry) for entry in CONTENT["media_kit"]]
PAGES = [DemoPage(**entry) for entry in CONTENT["pages"]]
