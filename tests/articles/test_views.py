from datetime import UTC, date, datetime, timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from articles.models import Article
from newsroom import pagecache
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    """What a reader sees in the page's main content: text only, entities decoded, spaces folded."""
    return page_text_of(response.content.decode())


def page_text_of(html: str) -> str:
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(unescape(strip_tags(main)).split())


def text_positions(html: str, *fragments: str) -> list[int]:
    positions = [html.find(fragment) for fragment in fragments]
    missing = [fragment for fragment, at in zip(fragments, positions, strict=True) if at < 0]
    assert not missing, f"not on the page: {missing}"
    return positions


@pytest.fixture
def op_ed():
    """The cross-posted op-ed DESIGN.md describes, as an editor would publish it."""
    author = AuthorFactory(
        name="Dana Whitfield",
        slug="dana-whitfield",
        role="Co-CEO",
        organisation="Northwind Labs",
        bio="Dana co-founded Northwind Labs in 2014.",
    )
    article = ArticleFactory(
        kind=Article.Kind.OP_ED,
        headline="What a TV show teaches us about work",
        slug="what-a-tv-show-teaches-us-about-work",
        published_at=datetime(2025, 1, 17, 14, 0, tzinfo=UTC),
        spoiler_warning="contains spoilers for season one",
        introduction="<p>Our co-CEO wrote about a show the whole office is watching.</p>",
        body="<p>The first season ends with the team rebuilding the office.</p>",
        origin_url="https://www.linkedin.com/pulse/what-tv-show-teaches-us-work-dana/",
        origin_published_on=date(2025, 1, 14),
        authors=[author],
        tag_names=["Culture", "Television"],
    )
    return article


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

    assert response.context["related_articles"] == [both, one]
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
        ("tag=hiring", ["Hiring news"]),
        ("author=dana", ["Op-ed piece", "Hiring news"]),
        ("author=dana&kind=news", ["Hiring news"]),
        ("kind=op-ed&tag=hiring", []),
        ("tag=no-such-tag", []),
        ("author=nobody", []),
    ],
)
def test_index_filters_by_kind_tag_and_author(client, query, expected):
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


def test_home_redirects_to_the_news_index(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == reverse("articles:index")


# Query budget: the same number of queries with 1 or 50 articles in play.


def make_rich_articles(count: int) -> None:
    """`count` articles with three authors and three tags each, plus a featured one."""
    authors = AuthorFactory.create_batch(3)
    ArticleFactory(authors=authors, tag_names=["Culture"], is_featured=True)
    for n in range(count):
        ArticleFactory(
            authors=authors,
            tag_names=["Culture", "Product", f"Topic {n % 5}"],
            origin_url=f"https://www.linkedin.com/pulse/x-{n}/" if n % 3 == 0 else "",
            spoiler_warning="spoilers" if n % 5 == 0 else "",
        )


# Query budgets of an anonymous reader's request, with 1 or with 50 articles in play.
#
# With the page cache off, once the values kept until what they show changes are in the cache
# (site settings, navigation, spoiler subjects, the featured piece, listing counts, rendered
# cards, page fragments): the page's rows
INDEX_QUERIES = 1
# the article (its bylines, warnings, tags and related articles are shown by kept fragments)
ARTICLE_QUERIES = 1
# author or tag, page
LISTING_QUERIES = 2
# With nothing kept (the cache emptied), a request also loads those values, and the next
# scheduled publication time:
# schedule, featured, count, page, whole rows, bylines and warnings of every card, spoiler
# subjects, settings, navigation
INDEX_QUERIES_WITH_NOTHING_KEPT = 10
# schedule, article's key, the rest of its row, bylines, warnings, tags, related articles,
# settings, navigation
ARTICLE_QUERIES_WITH_NOTHING_KEPT = 9
# schedule, author or tag, count, page, whole rows, bylines and warnings of every card, settings,
# navigation
LISTING_QUERIES_WITH_NOTHING_KEPT = 9


@pytest.fixture
def page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.mark.parametrize("count", [1, 50])
def test_index_query_count_does_not_grow_with_articles(
    client, django_assert_num_queries, page_cache_off, count
):
    make_rich_articles(count)

    with django_assert_num_queries(INDEX_QUERIES_WITH_NOTHING_KEPT):
        client.get("/news/")
    with django_assert_num_queries(INDEX_QUERIES):
        client.get("/news/")


@pytest.mark.parametrize("count", [1, 50])
def test_article_query_count_does_not_grow_with_articles(
    client, django_assert_num_queries, page_cache_off, count
):
    make_rich_articles(count)
    article = Article.objects.published().last()

    with django_assert_num_queries(ARTICLE_QUERIES_WITH_NOTHING_KEPT):
        client.get(article.get_absolute_url())
    with django_assert_num_queries(ARTICLE_QUERIES):
        client.get(article.get_absolute_url())


@pytest.mark.parametrize("count", [1, 50])
def test_author_and_tag_page_query_counts_do_not_grow_with_articles(
    client, django_assert_num_queries, page_cache_off, count
):
    make_rich_articles(count)
    author = Article.objects.published().last().lead_author

    for url in [author.get_absolute_url(), "/news/tags/culture/"]:
        with django_assert_num_queries(LISTING_QUERIES_WITH_NOTHING_KEPT):
            assert client.get(url).status_code == 200
        with django_assert_num_queries(LISTING_QUERIES):
            assert client.get(url).status_code == 200
        pagecache.clear()


# With no cache at all (Django's DummyCache), the path readers take after each change: every
# value is made again, each in a fixed number of queries, and the site's settings are read once
# however many parts of the page show them.
NO_CACHE_QUERIES = {
    # article's key, the rest of its row, tags, bylines, warnings, related articles, settings,
    # navigation
    "article": 8,
    # featured, count, page, rows, bylines and warnings of every card, spoiler subjects,
    # settings, navigation
    "index": 9,
    # author or tag, count, page, rows, bylines and warnings of every card, settings, navigation
    "author": 8,
    "tag": 8,
}


@pytest.mark.parametrize("count", [1, 50])
def test_pages_with_no_cache_make_a_fixed_number_of_queries(
    client, django_assert_num_queries, settings, count
):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    make_rich_articles(count)
    article = Article.objects.published().last()
    urls = {
        "article": article.get_absolute_url(),
        "index": "/news/",
        "author": article.lead_author.get_absolute_url(),
        "tag": "/news/tags/culture/",
    }

    for page, url in urls.items():
        with django_assert_num_queries(NO_CACHE_QUERIES[page]):
            assert client.get(url).status_code == 200


def test_index_cards_not_yet_rendered_cost_two_queries_whatever_their_number(
    client, django_assert_num_queries, page_cache_off
):
    make_rich_articles(50)
    client.get("/news/")
    pagecache.clear()
    client.get("/news/?page=2")  # site-wide values are back; page 1's cards are not

    # featured, page, bylines and warnings of every card (the count is shared with page 2)
    with django_assert_num_queries(4):
        client.get("/news/")


@pytest.mark.parametrize("url", ["/news/", "/news/?page=2", "/news/tags/culture/", "article"])
@pytest.mark.parametrize("hide_spoilers", ["", "all"])
def test_a_cached_reader_page_makes_no_queries(
    client, django_assert_num_queries, url, hide_spoilers
):
    make_rich_articles(20)
    if url == "article":
        url = Article.objects.published().last().get_absolute_url()
    client.cookies["hide_spoilers"] = hide_spoilers
    client.get(url)

    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200
