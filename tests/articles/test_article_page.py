"""The article page: what it shows, in what order, and who may see it."""

from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import strip_tags

from articles.models import Article
from tests.articles.pages import page_text, page_text_of, text_positions
from tests.articles.seo.test_structured_data import head_tags
from tests.conftest import NOTHING_KEPT
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def test_article_page_shows_every_element_in_the_published_order(client, op_ed):
    response = client.get("/news/what-a-tv-show-teaches-us-about-work/")

    assert response.status_code == 200
    positions = text_positions(
        page_text(response),
        "Jan 17, 2025",
        "Op-ed: What a TV show teaches us about work",
        "(Warning: contains spoilers for season one)",
        "Our co-CEO wrote about a show the whole office is watching.",
        "Read the full piece below.",
        "The first season ends with the team rebuilding the office.",
        "This piece was originally published on Dana Whitfield's LinkedIn on Jan 14, 2025.",
        "Dana co-founded Northwind Labs in 2014.",
        "Back to News",
    )
    assert positions == sorted(positions)
    html = response.content.decode()
    assert '<time datetime="2025-01-17T14:00:00+00:00">Jan 17, 2025</time>' in html
    assert (
        '<a href="https://www.linkedin.com/pulse/what-tv-show-teaches-us-work-dana/" '
        'rel="noopener">Dana Whitfield&#x27;s LinkedIn</a> on '
        '<time datetime="2025-01-14">Jan 14, 2025</time>.' in html
    )
    assert '<a href="/news/">Back to News</a>' in html


def test_article_page_has_a_title_description_and_canonical_to_the_origin(client, op_ed):
    response = client.get(op_ed.get_absolute_url())

    html = response.content.decode()
    assert "<title>Op-ed: What a TV show teaches us about work · Newsroom</title>" in html
    assert '<meta name="description" content="A one-sentence summary of the article.">' in html
    assert (
        '<link rel="canonical" '
        'href="https://www.linkedin.com/pulse/what-tv-show-teaches-us-work-dana/">' in html
    )


def test_author_box_shows_the_role_printed_on_the_piece(client, op_ed):
    author = op_ed.lead_author
    author.role = "Chair"
    author.save()

    html = client.get(op_ed.get_absolute_url()).content.decode()

    assert '<p class="author-box__title">Co-CEO, Northwind Labs</p>' in html
    assert '<a href="https://www.linkedin.com/in/dana-whitfield/" rel="noopener me">' in html


def byline_text(html: str) -> str:
    start = html.index('<p class="byline">')
    return " ".join(unescape(strip_tags(html[start : html.index("</p>", start)])).split())


def test_the_byline_gives_the_title_the_author_held_when_the_piece_ran(client):
    priya = AuthorFactory(
        name="Priya Raman",
        slug="priya-raman",
        role="Chief Technology Officer",
        organisation="Examplecorp",
    )
    article = ArticleFactory(authors=[priya])
    priya.role, priya.organisation = "Chief Executive Officer", "Othercorp"
    priya.save()

    html = client.get(article.get_absolute_url()).content.decode()

    assert byline_text(html) == "By Priya Raman, Chief Technology Officer, Examplecorp"
    assert '<a href="/news/authors/priya-raman/">Priya Raman</a>' in html


@pytest.mark.parametrize(
    ("titles", "expected"),
    [
        ([("", ""), ("", "")], "By Ana Ribeiro and Tom Weiss"),
        ([("", ""), ("", ""), ("", "")], "By Ana Ribeiro, Tom Weiss and Li Wei"),
        (
            [("Co-CEO", "Northwind Labs"), ("", "Examplecorp")],
            "By Ana Ribeiro, Co-CEO, Northwind Labs; and Tom Weiss, Examplecorp",
        ),
        (
            [("Co-CEO", ""), ("", ""), ("CTO", "Examplecorp")],
            "By Ana Ribeiro, Co-CEO; Tom Weiss; and Li Wei, CTO, Examplecorp",
        ),
    ],
)
def test_several_bylines_are_told_apart_when_they_carry_titles(client, titles, expected):
    names = ["Ana Ribeiro", "Tom Weiss", "Li Wei"][: len(titles)]
    authors = [AuthorFactory(name=name, role="", organisation="") for name in names]
    article = ArticleFactory(authors=[])
    for position, (author, (role, organisation)) in enumerate(zip(authors, titles, strict=True)):
        article.bylines.create(
            author=author, position=position, role=role, organisation=organisation
        )

    html = client.get(article.get_absolute_url()).content.decode()

    assert byline_text(html) == expected


def test_attribution_has_no_link_without_an_origin_url(client):
    article = ArticleFactory(
        origin_platform="LinkedIn", authors=[AuthorFactory(name="Marcus Ellis")]
    )

    text = page_text(client.get(article.get_absolute_url()))

    assert "This piece was originally published on Marcus Ellis' LinkedIn." in text


@pytest.mark.parametrize(
    ("platform", "credit"),
    [
        ("The Hindu", "originally published in The Hindu."),
        ("Forbes", "originally published in Forbes."),
        ("thehindu.com", "originally published on thehindu.com."),
        ("Medium", "originally published on Marcus Ellis' Medium."),
    ],
)
def test_the_credit_reads_in_a_publication_and_on_a_platform_wherever_it_is_shown(
    client, platform, credit
):
    ArticleFactory(
        slug="credited",
        origin_url="https://example.com/opinion/credited/",
        origin_platform=platform,
        authors=[AuthorFactory(name="Marcus Ellis")],
    )

    page = page_text(client.get("/news/credited/"))
    rss = client.get("/news/feed/").content.decode()
    json_feed = client.get("/news/feed.json").json()["items"][0]["content_html"]
    api = client.get("/api/v1/articles/credited/").json()["body_html"]

    assert f"This piece was {credit}" in page
    for carried in (unescape(strip_tags(unescape(rss))), strip_tags(json_feed), strip_tags(api)):
        assert f"This piece was {credit}" in unescape(carried)


def test_a_cross_post_with_an_introduction_is_followed_by_read_below(client):
    article = ArticleFactory(
        origin_platform="LinkedIn", introduction="<p>Why we re-publish this piece.</p>"
    )

    text = page_text(client.get(article.get_absolute_url()))

    assert "Why we re-publish this piece. Read the full piece below. The first paragraph" in text


@pytest.mark.parametrize(
    "introduction", ["", "<p><strong> </strong></p>", "<h2></h2><p><em>&nbsp;</em></p>"]
)
def test_a_cross_post_without_an_introduction_says_nothing_about_below(client, introduction):
    article = ArticleFactory(origin_platform="LinkedIn", introduction=introduction)

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Read the full piece below." not in html
    assert "article__introduction" not in html
    assert "This piece was originally published on" in page_text_of(html)


@pytest.mark.parametrize(
    "introduction",
    ["<p><strong> </strong></p>", "<h2> </h2>", '<p><span class="spoiler">Kit dies.</span></p>'],
    ids=["empty bold", "blank heading", "all spoiler"],
)
def test_an_introduction_with_no_words_to_show_leaves_the_description_to_the_text(
    client, introduction
):
    ArticleFactory(
        slug="harbour",
        dek="",
        introduction=introduction,
        body="<p>The harbour reopened on Monday after a week of repairs.</p>",
    )
    excerpt = "The harbour reopened on Monday after a week of repairs."

    html = client.get("/news/harbour/").content.decode()
    feed = client.get("/news/feed.json").json()["items"][0]

    assert f'<meta name="description" content="{excerpt}">' in html
    assert head_tags(html).article["description"] == excerpt
    assert feed["summary"] == excerpt


def test_a_news_article_has_no_cross_post_lines_and_a_self_canonical(client):
    article = ArticleFactory(slug="plain-news")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "originally published" not in html
    assert "Read the full piece below." not in html
    assert "(Warning:" not in html
    assert '<link rel="canonical" href="http://testserver/news/plain-news/">' in html


def test_related_articles_share_tags_and_exclude_the_article_itself(client, op_ed):
    both = ArticleFactory(headline="Shares both tags", tag_names=["Culture", "Television"])
    one = ArticleFactory(headline="Shares one tag", tag_names=["Culture"])
    ArticleFactory(headline="Shares nothing", tag_names=["Finance"])
    ArticleFactory(headline="Draft sharing tags", status="draft", tag_names=["Culture"])

    response = client.get(op_ed.get_absolute_url())

    assert response.context["related"].pieces == [both, one]
    html = response.content.decode()
    assert "Shares nothing" not in html
    assert "Draft sharing tags" not in html


# Visibility: every public URL hides what readers may not see.

HIDDEN = [
    pytest.param({"status": "draft"}, id="draft"),
    pytest.param({"status": "in-review"}, id="in-review"),
    pytest.param({"status": "unpublished"}, id="unpublished"),
    pytest.param({"published_at": timezone.now() + timedelta(days=1)}, id="scheduled"),
]


@pytest.mark.parametrize("fields", HIDDEN)
def test_an_article_readers_may_not_see_is_404_and_listed_nowhere(client, fields):
    author = AuthorFactory(slug="writer")
    hidden = ArticleFactory(
        headline="Secret headline",
        slug="secret",
        authors=[author],
        tag_names=["Secret tag"],
        **fields,
    )
    ArticleFactory(headline="Public headline", tag_names=["Public tag"])

    assert client.get("/news/secret/").status_code == 404
    assert "Secret headline" not in client.get("/news/").content.decode()
    assert "Secret headline" not in client.get("/news/?kind=news").content.decode()
    assert client.get("/news/authors/writer/").status_code == 404
    assert client.get("/news/tags/secret-tag/").status_code == 404
    assert hidden not in client.get("/news/tags/public-tag/").context["articles"]


def test_a_scheduled_article_appears_once_its_time_has_passed(client):
    article = ArticleFactory(slug="later", published_at=timezone.now() + timedelta(hours=1))
    assert client.get("/news/later/").status_code == 404

    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))

    assert client.get("/news/later/").status_code == 200


def test_with_nothing_kept_the_row_brings_the_bylines_the_page_shows_as_kept(
    client, settings, make_upload
):
    """With a cache that keeps nothing, the article's row brings its bylines and their authors
    (headshot renditions included) in the same query, and the page reads as the kept one."""
    dana = AuthorFactory(
        name="Dana Whitfield",
        bio="Dana co-founded Northwind Labs.",
        website_url="https://dana.example/",
        headshot=make_upload("dana.jpg", size=(500, 500)),
    )
    marcus = AuthorFactory(name="Marcus Ellis", role="", organisation="")
    article = ArticleFactory(authors=[marcus, dana], tag_names=["Culture"])
    # Printed in the order of their positions, not of their keys.
    article.bylines.filter(author=marcus).update(position=1)
    article.bylines.filter(author=dana).update(position=0)
    url = article.get_absolute_url()
    kept = client.get(url)
    settings.CACHES = NOTHING_KEPT

    with CaptureQueriesContext(connection) as queries:
        fresh = client.get(url)

    assert fresh.status_code == kept.status_code == 200
    assert fresh.content.decode() == kept.content.decode()
    assert not [
        q for q in queries.captured_queries if q["sql"].startswith('SELECT "articles_byline"')
    ]
    html = fresh.content.decode()
    dana.refresh_from_db()
    assert 'class="author-box__headshot"' in html
    assert dana.headshot_renditions["files"][0]["name"] in html
    assert "Dana co-founded Northwind Labs." in html
    assert "https://dana.example/" in html  # the website, from structured data
    positions = text_positions(page_text(fresh), "By Dana Whitfield", "Marcus Ellis")
    assert positions == sorted(positions)
