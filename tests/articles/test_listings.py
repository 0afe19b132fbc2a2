"""The news index, author and tag pages."""

from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article
from tests.articles.pages import page_text, text_positions
from tests.conftest import NOTHING_KEPT
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


# The news index.


def test_index_lists_newest_first_with_the_featured_article_leading(client):
    now = timezone.now()
    old = ArticleFactory(headline="Month-old piece", published_at=now - timedelta(days=30))
    featured = ArticleFactory(
        headline="Featured piece", published_at=now - timedelta(days=10), is_featured=True
    )
    new = ArticleFactory(headline="Day-old piece", published_at=now - timedelta(days=1))

    response = client.get("/news/")

    assert response.status_code == 200
    assert response.context["featured"] == featured
    assert list(response.context["articles"]) == [new, old]
    positions = text_positions(
        page_text(response), "Featured piece", "Day-old piece", "Month-old piece"
    )
    assert positions == sorted(positions)


def test_index_card_shows_kind_date_headline_dek_bylines_badge_and_image(client, make_upload):
    ArticleFactory(
        kind=Article.Kind.PRESS_RELEASE,
        headline="Northwind opens a Lisbon office",
        dek="Forty new roles over two years.",
        published_at=datetime(2025, 3, 4, 9, 0, tzinfo=UTC),
        spoiler_warning="discusses the finale",
        featured_image=make_upload("lisbon.jpg"),
        featured_image_alt="The new office by the river",
        authors=[AuthorFactory(name="Ana Ribeiro"), AuthorFactory(name="Tom Weiss")],
    )

    html = client.get("/news/").content.decode()

    assert '<span class="kind-label">Press release:</span> Northwind opens a Lisbon office' in html
    assert ">Mar 4, 2025</time>" in html
    assert "Forty new roles over two years." in html
    assert "By Ana Ribeiro and Tom Weiss" in html
    assert '<span class="badge badge--warning">Spoilers</span>' in html
    assert '<source type="image/webp" srcset="/media/renditions/articles/' in html


def test_index_paginates_and_shows_the_featured_article_on_page_one_only(client):
    ArticleFactory.create_batch(13)
    featured = ArticleFactory(is_featured=True, published_at=timezone.now() - timedelta(days=40))

    first = client.get("/news/")
    second = client.get("/news/?page=2")

    assert len(first.context["articles"]) == 12
    assert first.context["featured"] == featured
    assert len(second.context["articles"]) == 1
    assert second.context["featured"] is None
    assert featured not in second.context["articles"]
    assert 'rel="next" href="?page=2"' in first.content.decode()
    assert client.get("/news/?page=3").status_code == 404
    assert client.get("/news/?page=abc").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=op-ed", ["Op-ed piece"]),
        ("kind=OP-ED", ["Op-ed piece"]),
        ("tag=hiring", ["Hiring news"]),
        ("author=dana", ["Op-ed piece", "Hiring news"]),
        ("author=dana&kind=news", ["Hiring news"]),
        ("kind=op-ed&tag=hiring", []),
        ("tag=no-such-tag", []),
        ("author=nobody", []),
    ],
)
@pytest.mark.parametrize("kept", [True, False], ids=["kept", "nothing kept"])
def test_index_filters_by_kind_tag_and_author(client, settings, query, expected, kept):
    if not kept:
        settings.CACHES = NOTHING_KEPT
    dana = AuthorFactory(slug="dana")
    now = timezone.now()
    ArticleFactory(
        headline="Op-ed piece", kind="op-ed", authors=[dana], published_at=now - timedelta(hours=1)
    )
    ArticleFactory(
        headline="Hiring news",
        tag_names=["Hiring"],
        authors=[dana],
        published_at=now - timedelta(hours=2),
    )
    ArticleFactory(headline="Other news")

    response = client.get(f"/news/?{query}")

    assert response.status_code == 200
    assert [article.headline for article in response.context["articles"]] == expected
    assert response.context["featured"] is None


@pytest.mark.parametrize("address", ["/news/?author=dw", "/news/?tag=falcon-the-acquisition"])
def test_index_filters_name_no_author_or_topic_with_nothing_public(client, address):
    """As their own pages answer 404, a filter never names an author or a topic only drafts
    carry: it shows what was typed, and nothing."""
    ArticleFactory(headline="Something public")
    author = AuthorFactory(name="Dana Whitfield-Okafor", slug="dw")
    ArticleFactory(status="draft", authors=[author], tag_names=["Falcon: the acquisition"])
    assert client.get("/news/authors/dw/").status_code == 404

    response = client.get(address)

    assert response.status_code == 200
    assert response.context["articles"] == []
    page = response.content.decode()
    assert "Whitfield-Okafor" not in page
    assert "Falcon: the acquisition" not in page


def test_index_ignores_invalid_filter_values_rather_than_failing(client):
    article = ArticleFactory()

    response = client.get("/news/?kind=<script>&tag=../../etc&author=%00&unknown=1")

    assert response.status_code == 200
    assert list(response.context["articles"]) == [article]
    assert "<script>" not in response.content.decode()


def test_index_heading_and_introduction_are_editable(client):
    from newsroom.models import SiteSettings

    SiteSettings.objects.update_or_create(
        pk=1, defaults={"news_heading": "Company news", "news_introduction": "From our team."}
    )

    html = client.get("/news/").content.decode()

    assert "<h1>Company news</h1>" in html
    assert "From our team." in html


# Author and tag pages.


def test_author_page_shows_the_profile_and_only_their_public_articles(client, op_ed):
    ArticleFactory(headline="Someone else's piece")
    ArticleFactory(headline="Dana's draft", status="draft", authors=[op_ed.lead_author])

    response = client.get("/news/authors/dana-whitfield/")

    assert response.status_code == 200
    assert list(response.context["articles"]) == [op_ed]
    html = response.content.decode()
    assert "<h1>Dana Whitfield</h1>" in html
    assert "Co-CEO, Northwind Labs" in html
    assert "Dana co-founded Northwind Labs in 2014." in html


def test_tag_page_lists_public_articles_with_the_tag(client, op_ed):
    response = client.get("/news/tags/television/")

    assert response.status_code == 200
    assert list(response.context["articles"]) == [op_ed]
    assert "<h1>Television</h1>" in response.content.decode()
    assert client.get("/news/tags/no-such-tag/").status_code == 404


@pytest.mark.parametrize("kept", [True, False], ids=["kept", "nothing kept"])
def test_a_topic_or_author_typed_in_capitals_is_found(client, settings, op_ed, kept):
    # Slugs are made in lower case; an address typed or shared as "Television" means the same.
    if not kept:
        settings.CACHES = NOTHING_KEPT
    ArticleFactory(headline="Someone else's piece")
    host = "http://testserver"

    for address, canonical in [
        ("/news/tags/Television/", "/news/tags/television/"),
        ("/news/authors/Dana-Whitfield/", "/news/authors/dana-whitfield/"),
    ]:
        response = client.get(address)
        assert response.status_code == 200, address
        html = response.content.decode()
        assert f'<link rel="canonical" href="{host}{canonical}">' in html, address
        assert op_ed.headline in html, address
        assert "Someone else&#x27;s piece" not in html, address
    for filtered in ["/news/?tag=TELEVISION", "/news/?author=Dana-Whitfield"]:
        html = client.get(filtered).content.decode()
        assert op_ed.headline in html, filtered
        assert "Someone else&#x27;s piece" not in html, filtered
    for feed in ["/news/feed/tags/Television/", "/news/feed/authors/DANA-WHITFIELD/"]:
        response = client.get(feed)
        assert response.status_code == 200, feed
        assert op_ed.headline in response.content.decode(), feed
    api = client.get("/api/v1/articles/", {"tag": "Television"}).json()
    assert [piece["headline"] for piece in api["results"]] == [op_ed.headline]
    assert client.get("/news/tags/No-Such-Tag/").status_code == 404


@pytest.mark.parametrize(
    ("typed", "slug"),
    [("İstanbul", "istanbul"), ("ﬁsh-markets", "fish-markets"), ("CAFÉS", "cafés")],
    ids=["dotted capital I", "ligature", "capitals with an accent"],
)
def test_a_topic_typed_as_its_name_is_found_however_its_slug_folds_it(client, typed, slug):
    # "İstanbul" in lower case is "i̇stanbul", with a combining dot its slug drops; a slug is
    # made of the name's compatibility forms ("ﬁ" as "fi").
    piece = ArticleFactory(headline="Markets by the water", tag_names=[typed])
    assert Tag.objects.get().slug == slug

    response = client.get(f"/news/tags/{typed}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<link rel="canonical" href="http://testserver/news/tags/{quote(slug)}/">' in html
    assert piece.headline in html
    assert [a.pk for a in client.get("/news/", {"tag": typed}).context["articles"]] == [piece.pk]
    assert client.get(f"/news/feed/tags/{typed}/").status_code == 200


def test_home_redirects_to_the_news_index(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == reverse("articles:index")
