"""A small newsroom for the exact-invalidation tests, its pages, and how they were served.

Two public pieces share nothing: Dana's news story on Culture and Eli's op-ed on Markets; a
draft by Dana on Culture waits. A press release by the press office names no contacts of its
own, so it shows Ruth, the default media contact; Ana is a contact too, not a default one, and
a second release waits as a draft.
"""

from django.test import Client

from articles.models import Article
from newsroom import pagecache
from tests.factories import ArticleFactory, AuthorFactory, PressContactFactory, SitePageFactory

PAGES = {
    "index": "/news/",
    "op-eds": "/news/?kind=op-ed",
    "story": "/news/story/",
    "column": "/news/column/",
    "dana": "/news/authors/dana/",
    "eli": "/news/authors/eli/",
    "culture": "/news/tags/culture/",
    "markets": "/news/tags/markets/",
    "feed": "/news/feed/",
    "eli-feed": "/news/feed/authors/eli/",
    "markets-feed": "/news/atom/tags/markets/",
    "about": "/about/",
    "press": "/press/",
    "release": "/news/release/",
    "ruth-card": "/press/contacts/ruth.vcf",
}
# The read API's lists and details: no related pieces, spoiler subjects or cards of other
# pieces, so fewer changes reach them than the pages.
API_PAGES = {
    "api-articles": "/api/v1/articles/",
    "api-op-eds": "/api/v1/articles/?kind=op-ed",
    "api-story": "/api/v1/articles/story/",
    "api-eli": "/api/v1/authors/eli/",
    "api-markets": "/api/v1/tags/markets/",
}
HTML_PAGES = set(PAGES)
PAGES |= API_PAGES
# What Dana's story is part of; Eli's column and its listings share none of it.
DANAS_SIDE = {"index", "story", "dana", "culture", "feed"}
ELIS_SIDE = {"op-eds", "column", "eli", "markets", "eli-feed", "markets-feed"}
# Where the API shows the story.
API_STORY = {"api-articles", "api-story"}


def make_newsroom() -> dict:
    """The newsroom the module's docstring describes, by name."""
    dana = AuthorFactory(name="Dana Whitfield", slug="dana")
    eli = AuthorFactory(name="Eli Okafor", slug="eli")
    SitePageFactory(title="About us", slug="about")
    press_office = AuthorFactory(name="Press Office", slug="press-office")
    return {
        "ruth": PressContactFactory(name="Ruth Calloway", slug="ruth"),
        "ana": PressContactFactory(name="Ana Ribeiro", slug="ana", for_releases=False),
        "release": ArticleFactory(
            headline="Studio opens",
            slug="release",
            kind=Article.Kind.PRESS_RELEASE,
            authors=[press_office],
        ),
        "release-draft": ArticleFactory(
            headline="Second studio planned",
            slug="release-draft",
            kind=Article.Kind.PRESS_RELEASE,
            status=Article.Status.DRAFT,
            authors=[press_office],
        ),
        "dana": dana,
        "eli": eli,
        "story": ArticleFactory(
            headline="Culture story", slug="story", authors=[dana], tag_names=["Culture"]
        ),
        "column": ArticleFactory(
            headline="Markets column",
            slug="column",
            kind=Article.Kind.OP_ED,
            authors=[eli],
            tag_names=["Markets"],
        ),
        "draft": ArticleFactory(
            headline="Draft in progress",
            slug="draft",
            status=Article.Status.DRAFT,
            authors=[dana],
            tag_names=["Culture"],
        ),
    }


def read_all(client: Client) -> dict[str, tuple[str, str]]:
    """Each page's (X-Page-Cache, text); every page must be a public 200 or a 404."""
    seen = {}
    for name, url in PAGES.items():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        seen[name] = (response.get(pagecache.CACHE_STATUS_HEADER, ""), response.content.decode())
    return seen


def made_afresh(seen: dict) -> set[str]:
    return {name for name, (status, _) in seen.items() if status != "hit"}
