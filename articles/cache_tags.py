"""The page-cache tags of the News section: what its pages, fragments and kept values show.

- `article-<pk>`: everything that shows the piece: its page, its card, a feed or related entry.
- `news`: the whole public archive as one listing: the unfiltered index, the main feeds, the
  sitemaps, search, and what is worked out from all of it (the featured piece, spoiler subjects).
- `kind-<kind>`, `tag-<pk>`, `author-<pk>`: one kind's, topic's or author's listing (the index
  filtered by it, its page, its feeds) with the topic's or author's own details.
- `authors`, `topics`: every page of the lists of authors and topics with public pieces (the
  API's lists, in the order they were added; the sitemaps, by slug, where a new slug moves a
  row to another page).
  Who is on them changes with the archive, so they show `news` too.
- `spoilers`: the subjects public pieces carry spoilers for, offered on every listing.
- `press-contact-<pk>`: everything that shows one press contact: the releases that name them,
  their contact card.
- `press-contacts`: the press room's list of contacts (who is on it, in what order).
- `press-default-contacts`: the releases that name no contacts and show the default ones.
- `news-sitemap`: what shows which pieces are within the Google News sitemap's two days (that
  sitemap, and its date in the index), retired as each piece leaves them (`articles.sitemaps`).
- `press-media-kit`: the press room's own media kit (a release's kit goes with `article-<pk>`).
- `<listing>@<yyyy-mm>` and `<listing>@archive` (`period_tag`): a listing's count in two parts,
  the pieces of the current month and those before it (`articles.pagination`). A change to a
  piece retires the parts it is in, so publishing today leaves the archive's count kept.

What each change retires is in `articles.caching`.
"""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

NEWS = "news"
SPOILERS = "spoilers"
AUTHORS = "authors"
TOPICS = "topics"
PRESS_CONTACTS = "press-contacts"
DEFAULT_CONTACTS = "press-default-contacts"
PRESS_KIT = "press-media-kit"
ARCHIVE = "archive"
NEWS_SITEMAP = "news-sitemap"
# Around the turn of a month, a piece is counted in the archive's part too: servers whose clocks
# differ by less than this agree on which part each piece is in.
TURN_OF_MONTH = timedelta(days=1)


def article_tag(pk: int) -> str:
    return f"article-{pk}"


def author_tag(pk: int) -> str:
    return f"author-{pk}"


def tag_tag(pk: int) -> str:
    return f"tag-{pk}"


def kind_tag(kind: str) -> str:
    return f"kind-{kind}"


def contact_tag(pk: int) -> str:
    return f"press-contact-{pk}"


def article_tags(pks: Iterable[int]) -> set[str]:
    return {article_tag(pk) for pk in pks}


def period_tag(listing_tag: str, period: str) -> str:
    """The tag of one part of a listing's count: `period` is a month (`month_of`) or `ARCHIVE`."""
    return f"{listing_tag}@{period}"


def month_start(when: datetime) -> datetime:
    """The start of `when`'s month, in UTC."""
    when = when.astimezone(UTC)
    return datetime(when.year, when.month, 1, tzinfo=UTC)


def month_of(when: datetime) -> str:
    return f"{when.astimezone(UTC):%Y-%m}"


def periods_of(published_at: datetime, now: datetime) -> list[str]:
    """The parts of a listing's count that a piece published at `published_at` is in, seen at
    `now`: its month, and the archive when it is before the current month (or within
    `TURN_OF_MONTH` of its start)."""
    periods = [month_of(published_at)]
    if published_at < month_start(now) + TURN_OF_MONTH:
        periods.append(ARCHIVE)
    return periods
