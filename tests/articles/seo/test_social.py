"""Structured data beyond the article's own identity, and link previews (Open Graph, Twitter).

The Article checks follow Google's Article structured-data guidelines: no property is strictly
required; recommended are `author` (each a Person with `name` and `url`), `datePublished`,
`dateModified`, `headline` and `image` (crawlable, at least 50,000 pixels, in wide ratios).
"""

import html as html_module
import re
from datetime import UTC, datetime

import pytest
from django.core.files.storage import default_storage

from articles.models import Correction
from newsroom.models import SiteSettings
from tests.articles.seo.test_structured_data import head_tags
from tests.factories import ArticleFactory, AuthorFactory, SitePageFactory

pytestmark = pytest.mark.django_db

MEDIA = "http://testserver/media/"


@pytest.fixture
def op_ed(make_upload):
    dana = AuthorFactory(
        name="Dana Whitfield",
        slug="dana",
        role="Co-CEO",
        organisation="Northwind Labs",
        bio="Dana co-founded Northwind Labs.",
        headshot=make_upload("dana.jpg", size=(500, 500)),
    )
    marcus = AuthorFactory(name="Marcus Ellis", slug="marcus")
    return ArticleFactory(
        kind="op-ed",
        slug="tv-show",
        headline="What a TV show teaches us about work",
        dek="Lessons from season one.",
        published_at=datetime(2025, 1, 17, 14, 0, tzinfo=UTC),
        featured_image=make_upload("harbour.jpg", size=(1600, 900)),
        featured_image_alt="The harbour at dawn",
        spoiler_warning="contains spoilers for season one",
        authors=[dana, marcus],
        tag_names=["Culture", "Television"],
    )


def tags_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return head_tags(response.content.decode())


def stored(url: str) -> bool:
    return url.startswith(MEDIA) and default_storage.exists(url.removeprefix(MEDIA))


# Google's Article guidelines.


def test_article_json_ld_has_what_google_recommends_for_articles(client, op_ed):
    data = tags_of(client, "/news/tv-show/").article

    assert data["@type"] == "OpinionNewsArticle"
    assert 0 < len(data["headline"]) <= 110
    assert datetime.fromisoformat(data["datePublished"]).tzinfo is not None
    assert datetime.fromisoformat(data["dateModified"]) >= datetime.fromisoformat(
        data["datePublished"]
    )
    for person in data["author"]:
        assert person["@type"] == "Person"
        assert person["name"]
        assert person["url"].startswith("http://testserver/news/authors/")
    images = data["image"]
    assert len(images) == 2
    for image in images:
        assert stored(image["url"]), image["url"]
        assert image["width"] * image["height"] >= 50_000
        assert image["width"] > image["height"]
    assert (images[1]["width"], images[1]["height"]) == (1200, 630)
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == "Northwind Labs"
    assert publisher["logo"]["url"].startswith("http://testserver/")


def test_every_author_is_a_person_with_title_employer_profile_and_picture(client, op_ed):
    dana, marcus = tags_of(client, "/news/tv-show/").article["author"]

    assert dana["name"] == "Dana Whitfield"
    assert dana["url"] == "http://testserver/news/authors/dana/"
    assert dana["jobTitle"] == "Co-CEO"
    assert dana["worksFor"] == {"@type": "Organization", "name": "Northwind Labs"}
    assert dana["sameAs"] == ["https://www.linkedin.com/in/dana/"]
    assert dana["image"]["url"].endswith("square400.jpg")
    assert stored(dana["image"]["url"])
    assert marcus["name"] == "Marcus Ellis"
    assert "image" not in marcus


def test_date_modified_follows_a_correction(client, op_ed):
    Correction.objects.create(
        article=op_ed, published_at=datetime(2025, 2, 3, 9, 30, tzinfo=UTC), text="A fix."
    )

    data = tags_of(client, "/news/tv-show/").article

    assert data["dateModified"] == "2025-02-03T09:30:00+00:00"
    assert data["datePublished"] == "2025-01-17T14:00:00+00:00"


def test_article_json_ld_names_its_topics_and_language(client, op_ed):
    data = tags_of(client, "/news/tv-show/").article

    assert sorted(data["keywords"]) == ["Culture", "Television"]
    assert data["inLanguage"] == "en-us"


def test_an_uploaded_logo_is_the_publishers_logo(client, op_ed, make_upload):
    SiteSettings.objects.update_or_create(
        pk=1, defaults={"logo": make_upload("logo.png", image_format="PNG", size=(300, 120))}
    )

    logo = tags_of(client, "/news/tv-show/").article["publisher"]["logo"]

    assert logo["url"].startswith(f"{MEDIA}site/logo")
    assert (logo["width"], logo["height"]) == (300, 120)
    assert stored(logo["url"])


def test_article_author_and_tag_pages_have_breadcrumbs(client, op_ed):
    for url, trail in [
        ("/news/tv-show/", [("News", "/news/"), (op_ed.headline, "/news/tv-show/")]),
        ("/news/authors/dana/", [("News", "/news/"), ("Dana Whitfield", "/news/authors/dana/")]),
        ("/news/tags/culture/", [("News", "/news/"), ("Culture", "/news/tags/culture/")]),
    ]:
        crumbs = tags_of(client, url).of_type("BreadcrumbList")["itemListElement"]
        assert [(item["position"], item["name"], item["item"]) for item in crumbs] == [
            (position, name, f"http://testserver{path}")
            for position, (name, path) in enumerate(trail, start=1)
        ], url


def test_an_author_page_describes_the_person(client, op_ed):
    page = tags_of(client, "/news/authors/dana/").of_type("ProfilePage")

    assert page["url"] == "http://testserver/news/authors/dana/"
    person = page["mainEntity"]
    assert person["@type"] == "Person"
    assert person["name"] == "Dana Whitfield"
    assert person["jobTitle"] == "Co-CEO"
    assert person["worksFor"] == {"@type": "Organization", "name": "Northwind Labs"}
    assert person["sameAs"] == ["https://www.linkedin.com/in/dana/"]
    assert person["description"] == "Dana co-founded Northwind Labs."
    assert (person["image"]["width"], person["image"]["height"]) == (400, 400)


def test_the_news_index_describes_the_organisation_and_a_searchable_website(client, op_ed):
    tags = tags_of(client, "/news/")

    organisation = tags.of_type("Organization")
    assert organisation["name"] == "Northwind Labs"
    assert organisation["logo"]["url"] == "http://testserver/static/img/favicon.svg"
    website = tags.of_type("WebSite")
    assert website["url"] == "http://testserver/news/"
    assert website["name"] == "Newsroom"
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == (
        "http://testserver/news/search/?q={search_term_string}"
    )
    assert action["query-input"] == "required name=search_term_string"


def test_only_the_first_unfiltered_index_page_describes_the_website(client, op_ed):
    ArticleFactory.create_batch(12)

    for url in ["/news/?page=2", "/news/?kind=op-ed"]:
        assert tags_of(client, url).json_ld == [], url


# Link previews.


def test_an_article_preview_has_its_card_dates_authors_section_and_tags(client, op_ed):
    meta = tags_of(client, "/news/tv-show/").meta
    card = op_ed.image.social

    assert meta["og:type"] == ["article"]
    assert meta["og:title"] == ["Op-ed: What a TV show teaches us about work"]
    assert meta["og:description"] == [
        "(Warning: contains spoilers for season one) Lessons from season one."
    ]
    assert meta["og:url"] == ["http://testserver/news/tv-show/"]
    assert meta["og:site_name"] == ["Newsroom"]
    assert meta["og:locale"] == ["en_US"]
    assert meta["og:image"] == [f"http://testserver{card.url}"]
    assert meta["og:image:type"] == ["image/jpeg"]
    assert (meta["og:image:width"], meta["og:image:height"]) == (["1200"], ["630"])
    assert meta["og:image:alt"] == ["The harbour at dawn"]
    assert meta["article:published_time"] == ["2025-01-17T14:00:00+00:00"]
    assert meta["article:modified_time"] == ["2025-01-17T14:00:00+00:00"]
    assert meta["article:author"] == [
        "http://testserver/news/authors/dana/",
        "http://testserver/news/authors/marcus/",
    ]
    assert meta["article:section"] == ["Op-ed"]
    assert sorted(meta["article:tag"]) == ["Culture", "Television"]
    assert meta["twitter:card"] == ["summary_large_image"]
    assert meta["twitter:title"] == meta["og:title"]
    assert meta["twitter:description"] == meta["og:description"]
    assert meta["twitter:image"] == meta["og:image"]
    assert meta["twitter:image:alt"] == ["The harbour at dawn"]


def test_a_cross_post_preview_points_to_the_canonical_original(client):
    origin = "https://www.linkedin.com/pulse/the-original/"
    ArticleFactory(slug="cross", origin_url=origin, indexing="origin")

    tags = tags_of(client, "/news/cross/")

    assert tags.meta["og:url"] == [origin] == tags.canonical


def test_an_article_without_a_picture_gets_a_large_card_of_its_title(client):
    ArticleFactory(slug="plain")

    meta = tags_of(client, "/news/plain/").meta

    assert stored(meta["og:image"][0])
    assert meta["twitter:card"] == ["summary_large_image"]


def test_an_author_preview_is_a_profile_with_a_square_picture(client, op_ed):
    meta = tags_of(client, "/news/authors/dana/").meta

    assert meta["og:type"] == ["profile"]
    assert meta["og:title"] == ["Dana Whitfield"]
    assert meta["og:description"] == ["Dana co-founded Northwind Labs."]
    assert meta["og:image"][0].endswith("square400.jpg")
    assert meta["og:image:alt"] == ["Dana Whitfield"]
    assert meta["twitter:card"] == ["summary"]


@pytest.mark.parametrize(
    ("url", "title", "og_url"),
    [
        ("/news/", "News · Newsroom", "http://testserver/news/"),
        ("/news/tags/culture/", "Culture · Newsroom", "http://testserver/news/tags/culture/"),
        ("/about/", "About us · Newsroom", "http://testserver/about/"),
    ],
)
def test_other_pages_have_website_previews(client, op_ed, url, title, og_url):
    SitePageFactory(slug="about", title="About us", seo_description="Who we are.")

    meta = tags_of(client, url).meta

    assert meta["og:type"] == ["website"]
    assert meta["og:title"] == [title]
    assert meta["og:url"] == [og_url]
    assert meta["twitter:card"] == ["summary"]


def test_a_preview_before_publication_describes_itself_to_no_one(admin_client, make_upload):
    ArticleFactory(
        slug="draft",
        status="draft",
        featured_image=make_upload("draft.jpg", size=(800, 450)),
        featured_image_alt="A draft picture",
    )

    tags = head_tags(admin_client.get("/news/draft/").content.decode())

    assert tags.robots == ["noindex, nofollow"]
    assert tags.meta == {}
    assert tags.json_ld == []


def test_hostile_text_in_a_preview_and_feed_links_is_escaped_and_reads_back_as_written(client):
    hostile = "\"><script>alert('x')</script> & <b>more</b>"
    SiteSettings.objects.update_or_create(pk=1, defaults={"site_name": f"News {hostile}"})
    author = AuthorFactory(name=f"Ana {hostile}", slug="ana")
    ArticleFactory(
        slug="hostile",
        headline=f"Headline {hostile}",
        seo_description=f"About {hostile}",
        featured_image_alt="",
        authors=[author],
        tag_names=[f"Topic {hostile}"],
    )

    article_page = client.get("/news/hostile/").content.decode()
    author_page = client.get("/news/authors/ana/").content.decode()
    meta = head_tags(article_page).meta

    for html in (article_page, author_page):
        assert "<script>alert" not in html
        assert "<b>more</b>" not in html
    assert meta["og:site_name"] == [f"News {hostile}"]
    assert meta["og:title"] == [f"News: Headline {hostile}"]
    assert meta["og:description"] == [f"About {hostile}"]
    assert meta["article:tag"] == [f"Topic {hostile}"]
    assert meta["twitter:title"] == meta["og:title"]
    feed_titles = re.findall(r'<link rel="alternate" type="[^"]+" title="([^"]*)"', author_page)
    assert html_module.unescape(feed_titles[0]) == f"Ana {hostile} · News {hostile} (RSS)"
