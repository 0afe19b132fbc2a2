"""What an article page says about itself: canonical link, og:url, robots and JSON-LD agree."""

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import pytest

from articles.models import Article
from articles.seo.structured_data import SCHEMA_TYPES, json_ld_script
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

ORIGIN = "https://www.linkedin.com/pulse/what-tv-show-teaches-us-work-dana/"


@dataclass
class HeadTags:
    canonical: list[str] = field(default_factory=list)
    og_url: list[str] = field(default_factory=list)
    robots: list[str] = field(default_factory=list)
    json_ld: list[dict] = field(default_factory=list)
    # Open Graph and Twitter tags: property or name → every content given, in order.
    meta: dict[str, list[str]] = field(default_factory=dict)

    def of_type(self, *schema_types: str) -> dict:
        """The one JSON-LD block of one of `schema_types`."""
        [data] = [block for block in self.json_ld if block["@type"] in schema_types]
        return data

    @property
    def article(self) -> dict:
        return self.of_type(*SCHEMA_TYPES.values())

    def first(self, name: str) -> str | None:
        return self.meta.get(name, [None])[0]


class _HeadParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = HeadTags()
        self._in_json_ld = False
        self._script = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "canonical":
            self.tags.canonical.append(attrs["href"])
        elif tag == "meta" and attrs.get("property") == "og:url":
            self.tags.og_url.append(attrs["content"])
        elif tag == "meta" and attrs.get("name") == "robots":
            self.tags.robots.append(attrs["content"])
        if tag == "meta" and (key := attrs.get("property") or attrs.get("name", "")).startswith(
            ("og:", "twitter:", "article:")
        ):
            self.tags.meta.setdefault(key, []).append(attrs["content"])
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld, self._script = True, ""

    def handle_data(self, data):
        if self._in_json_ld:
            self._script += data

    def handle_endtag(self, tag):
        if tag == "script" and self._in_json_ld:
            self.tags.json_ld.append(json.loads(self._script))
            self._in_json_ld = False


def head_tags(html: str) -> HeadTags:
    """The canonical, og:url and robots tags and the parsed JSON-LD blocks of a page."""
    parser = _HeadParser()
    parser.feed(html)
    return parser.tags


def article_data(client, article) -> dict:
    return head_tags(client.get(article.get_absolute_url()).content.decode()).article


POLICIES = [
    pytest.param({"origin_url": ORIGIN, "indexing": "origin"}, ORIGIN, "", id="origin"),
    pytest.param(
        {"origin_url": ORIGIN, "indexing": "self"}, "http://testserver/news/piece/", "", id="self"
    ),
    pytest.param(
        {"origin_url": ORIGIN, "indexing": "noindex"},
        "http://testserver/news/piece/",
        "noindex",
        id="noindex",
    ),
    pytest.param(
        {"origin_platform": "LinkedIn", "indexing": "origin"},
        "http://testserver/news/piece/",
        "",
        id="origin-without-url",
    ),
    pytest.param({}, "http://testserver/news/piece/", "", id="not-a-cross-post"),
]


@pytest.mark.parametrize(("fields", "canonical", "robots"), POLICIES)
def test_canonical_og_url_robots_and_json_ld_never_disagree(client, fields, canonical, robots):
    article = ArticleFactory(slug="piece", **fields)

    response = client.get("/news/piece/")

    tags = head_tags(response.content.decode())
    data = tags.article
    assert tags.canonical == [canonical]
    assert tags.og_url == [canonical]
    assert data["url"] == data["mainEntityOfPage"] == canonical
    assert tags.robots == ([robots] if robots else [])
    if article.origin_url:
        assert data["isBasedOn"]["url"] == ORIGIN
    else:
        assert "isBasedOn" not in data


def test_the_page_names_the_original_in_json_ld_with_its_author_date_and_platform(client):
    dana = AuthorFactory(name="Dana Whitfield", slug="dana-whitfield")
    article = ArticleFactory(
        kind="op-ed",
        origin_url=ORIGIN,
        origin_published_on=date(2025, 1, 14),
        authors=[dana],
    )

    based_on = article_data(client, article)["isBasedOn"]

    assert based_on == {
        "@type": "Article",
        "url": ORIGIN,
        "author": {"@type": "Person", "name": "Dana Whitfield"},
        "datePublished": "2025-01-14",
        "publisher": {"@type": "Organization", "name": "LinkedIn"},
    }


def test_a_social_post_original_is_a_social_media_posting(client):
    article = ArticleFactory(origin_url="https://www.linkedin.com/posts/dana_activity-1-x/")

    assert article_data(client, article)["isBasedOn"]["@type"] == "SocialMediaPosting"


@pytest.mark.parametrize(
    ("kind", "schema_type"),
    [
        ("op-ed", "OpinionNewsArticle"),
        ("news", "NewsArticle"),
        ("press-release", "NewsArticle"),
    ],
)
def test_the_schema_type_follows_the_kind(client, kind, schema_type):
    article = ArticleFactory(kind=kind)

    assert article_data(client, article)["@type"] == schema_type


def test_every_kind_has_a_schema_type():
    assert set(SCHEMA_TYPES) == set(Article.Kind.values)


def test_json_ld_describes_headline_dates_and_every_author_in_order(client):
    dana = AuthorFactory(
        name="Dana Whitfield",
        slug="dana-whitfield",
        role="Co-CEO",
        organisation="Northwind Labs",
        linkedin_url="https://www.linkedin.com/in/dana-whitfield/",
    )
    marcus = AuthorFactory(name="Marcus Ellis", slug="marcus-ellis", role="", organisation="")
    article = ArticleFactory(
        kind="op-ed",
        headline="What a TV show teaches us about work",
        dek="Lessons from season one.",
        published_at=datetime(2025, 1, 17, 14, 0, tzinfo=UTC),
        authors=[dana, marcus],
    )

    data = article_data(client, article)

    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "What a TV show teaches us about work"
    assert data["description"] == "Lessons from season one."
    assert data["datePublished"] == "2025-01-17T14:00:00+00:00"
    assert data["articleSection"] == "Op-ed"
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Dana Whitfield",
            "url": "http://testserver/news/authors/dana-whitfield/",
            "jobTitle": "Co-CEO",
            "worksFor": {"@type": "Organization", "name": "Northwind Labs"},
            "sameAs": ["https://www.linkedin.com/in/dana-whitfield/"],
        },
        {
            "@type": "Person",
            "name": "Marcus Ellis",
            "url": "http://testserver/news/authors/marcus-ellis/",
            "sameAs": ["https://www.linkedin.com/in/marcus-ellis/"],
        },
    ]
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "Northwind Labs",
        "url": "http://testserver/",
        "logo": {"@type": "ImageObject", "url": "http://testserver/static/img/favicon.svg"},
    }


def test_each_author_is_named_with_the_title_printed_on_the_piece(client):
    priya = AuthorFactory(
        name="Priya Raman",
        slug="priya-raman",
        role="Chief Technology Officer",
        organisation="Examplecorp",
    )
    article = ArticleFactory(authors=[priya])
    priya.role, priya.organisation = "Chief Executive Officer", "Othercorp"
    priya.save()

    [person] = article_data(client, article)["author"]

    assert person["name"] == "Priya Raman"
    assert person["jobTitle"] == "Chief Technology Officer"
    assert person["worksFor"] == {"@type": "Organization", "name": "Examplecorp"}


def test_a_headline_cannot_close_the_script_element(client):
    headline = "Why </script><script>alert(1)</script> & <!-- matter"
    article = ArticleFactory(headline=headline, dek="")

    html = client.get(article.get_absolute_url()).content.decode()

    script = html[html.index('<script type="application/ld+json">') :]
    script = script[: script.index("</script>") + len("</script>")]
    assert "alert(1)</script>" not in script
    assert "<!--" not in script
    assert "\\u003C/script\\u003E" in script
    assert "\\u0026" in script
    # The article and its breadcrumbs, and the site's own spoilers script.
    assert html.count('<script type="application/ld+json">') == 2
    assert html.count("<script") == 3
    assert article_data(client, article)["headline"] == headline


def test_json_ld_script_escapes_like_json_script():
    rendered = json_ld_script({"a": "<b> & </script> \u2028"})

    assert rendered == (
        '<script type="application/ld+json">'
        '{"a":"\\u003Cb\\u003E \\u0026 \\u003C/script\\u003E \\u2028"}</script>'
    )
