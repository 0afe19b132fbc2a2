"""The page-cache tags of the News section: what its pages, fragments and kept values show.

- `article-<pk>`: everything that shows the piece: its page, its card, a feed or related entry.
- `news`: the whole public archive as one listing: the unfiltered index, the main feeds, the
  sitemaps, search, and what is worked out from all of it (the featured piece, spoiler subjects).
- `kind-<kind>`, `tag-<pk>`, `author-<pk>`: one kind's, topic's or author's listing (the index
  filtered by it, its page, its feeds) with the topic's or author's own details.
- `spoilers`: the subjects public pieces carry spoilers for, offered on every listing.
- `press-contact-<pk>`: everything that shows one press contact: the releases that name them,
  their contact card.
- `press-contacts`: the press room's list of contacts (who is on it, in what order).
- `press-default-contacts`: the releases that name no contacts and show the default ones.
- `press-media-kit`: the press room's own media kit (a release's kit goes with `article-<pk>`).

What each change retires is in `articles.caching`.
"""

from collections.abc import Iterable

NEWS = "news"
SPOILERS = "spoilers"
PRESS_CONTACTS = "press-contacts"
DEFAULT_CONTACTS = "press-default-contacts"
PRESS_KIT = "press-media-kit"


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
