"""/api/v1/articles/: published pieces only, each as the page and the feeds show it, filtered,
paged by cursor, in a fixed number of queries."""

from base64 import b64encode
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.utils import timezone

from articles.feeds.entries import full_text
from articles.models import Article, Correction, prefetch_cards
from articles.workflow import publishing
from newsroom.dates import isodatetime
from tests.articles.api.conftest import HIDDEN, PUBLIC, slugs
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/articles/"


def test_the_list_holds_every_public_piece_newest_first_and_nothing_else(client, newsroom):
    assert slugs(client.get(LIST)) == PUBLIC


@pytest.mark.parametrize("slug", HIDDEN)
def test_a_piece_readers_cannot_see_is_not_found(client, newsroom, slug):
    response = client.get(f"{LIST}{slug}/")

    assert response.status_code == 404
    assert response.json() == {"detail": "No public article at this address."}


@pytest.mark.parametrize("slug", HIDDEN)
def test_no_filter_reveals_a_hidden_piece(client, newsroom, slug):
    for query in ["?author=ghost", "?tag=secrets", "?updated_since=2000-01-01", "?kind=news"]:
        assert slug not in slugs(client.get(LIST + query)), query


def test_a_scheduled_piece_appears_when_its_time_comes(client, newsroom):
    client.get(LIST)
    publishing.publish(newsroom["scheduled"], at=timezone.now())

    assert client.get(f"{LIST}scheduled/").status_code == 200
    assert "scheduled" in slugs(client.get(LIST))


def test_an_article_is_shown_with_every_documented_field(client, newsroom):
    article = newsroom["op-ed"]

    data = client.get(f"{LIST}tv-show/").json()

    assert data == {
        "id": article.pk,
        "url": "http://testserver/news/tv-show/",
        "slug": "tv-show",
        "kind": {"value": "op-ed", "label": "Op-ed"},
        "headline": "What a TV show teaches us about work",
        "dek": "A one-sentence summary of the article.",
        "published_at": isodatetime(article.published_at),
        "updated_at": isodatetime(article.published_at),
        "authors": [
            {
                "name": "Dana Whitfield",
                "slug": "dana",
                "title": "Co-CEO, Northwind Labs",
                "url": "http://testserver/news/authors/dana/",
            },
            {
                "name": "Eli Okafor",
                "slug": "eli",
                "title": "Editor",
                "url": "http://testserver/news/authors/eli/",
            },
        ],
        "tags": [
            {
                "name": name,
                "slug": name.lower(),
                "url": f"http://testserver/news/tags/{name.lower()}/",
                "articles": f"http://testserver/api/v1/articles/?tag={name.lower()}",
            }
            for name in ["Culture", "Television"]
        ],
        "warnings": [
            {"kind": "spoilers", "text": "contains spoilers for season one", "subject": "Low Tide"}
        ],
        "image": None,
        "held_behind_warning": False,
        "body_html": data["body_html"],
        "canonical": "https://www.linkedin.com/pulse/tv-show-dana/",
        "origin": {
            "url": "https://www.linkedin.com/pulse/tv-show-dana/",
            "platform": "LinkedIn",
            "author": "Dana Whitfield",
            "published_on": "2025-01-14",
        },
    }


def test_the_text_is_the_feeds_with_spoilers_replaced_and_links_absolute(client, newsroom):
    body = client.get(f"{LIST}tv-show/").json()["body_html"]

    article = Article.objects.get(slug="tv-show")
    prefetch_cards([article])
    url = "http://testserver/news/tv-show/"
    assert body == full_text(article, url=url, site_name="Newsroom")
    assert "The captain was the thief" not in body
    assert "[spoiler]" in body
    assert body.startswith("<p><strong>(Warning: contains spoilers for season one)</strong></p>")
    assert 'href="http://testserver/news/plain/"' in body
    assert "originally published on" in body
    assert client.get("/news/feed.json").json()["items"][1]["content_html"] == body


def test_a_piece_held_behind_its_warning_gives_only_the_warning_and_a_link(client, newsroom):
    data = client.get(f"{LIST}held/").json()

    assert data["held_behind_warning"] is True
    assert data["warnings"] == [{"kind": "grief", "text": "describes a bereavement", "subject": ""}]
    assert "The first paragraph" not in data["body_html"]
    assert "(Warning: describes a bereavement)" in data["body_html"]
    assert '<a href="http://testserver/news/held/">Read it on Newsroom</a>' in data["body_html"]


def test_an_image_is_given_with_its_size_and_words(client, make_upload):
    ArticleFactory(
        slug="pictured",
        featured_image=make_upload("photo.jpg", size=(1600, 900)),
        featured_image_alt="The harbour at dawn",
        featured_image_caption="Boats return.",
        featured_image_credit="Photo: AP",
    )

    image = client.get(f"{LIST}pictured/").json()["image"]

    # The feeds' large rendition.
    assert image["url"] == client.get("/news/feed.json").json()["items"][0]["image"]
    assert image["url"].endswith("/w1200.jpg")
    assert (image["width"], image["height"]) == (1200, 675)
    assert {key: image[key] for key in ("alt", "caption", "credit")} == {
        "alt": "The harbour at dawn",
        "caption": "Boats return.",
        "credit": "Photo: AP",
    }


def test_updated_at_is_the_latest_correction_as_on_the_page(client, newsroom):
    corrected = timezone.now() - timedelta(hours=1)
    Correction.objects.create(article=newsroom["story"], text="A date.", published_at=corrected)

    assert client.get(f"{LIST}story/").json()["updated_at"] == isodatetime(corrected)


def test_a_former_address_redirects_to_the_present_one(client, newsroom):
    story = newsroom["story"]
    story.slug = "harbour-reopens"
    story.save()

    response = client.get(f"{LIST}story/")

    assert response.status_code == 301
    assert response["Location"] == f"{LIST}harbour-reopens/"


def test_a_former_address_keeps_the_query_it_was_asked_with(client, newsroom):
    story = newsroom["story"]
    story.slug = "harbour-reopens"
    story.save()

    response = client.get(f"{LIST}story/?format=json")

    assert response.status_code == 301
    assert response["Location"] == f"{LIST}harbour-reopens/?format=json"


def test_an_address_typed_with_capitals_redirects_to_the_article(client, newsroom):
    response = client.get(f"{LIST}Story/")

    assert response.status_code == 301
    assert response["Location"] == f"{LIST}story/"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=op-ed", ["tv-show"]),
        ("kind=feature", []),
        ("tag=culture", ["tv-show", "story"]),
        ("tag=nowhere", []),
        ("author=eli", ["held", "tv-show"]),
        ("author=nobody", []),
        ("author=dana&tag=television&kind=op-ed", ["tv-show"]),
        ("author=eli&kind=news", ["held"]),
    ],
)
def test_filters_narrow_the_list_and_combine(client, newsroom, query, expected):
    assert slugs(client.get(f"{LIST}?{query}")) == expected


def test_updated_since_finds_pieces_published_or_corrected_since(client, newsroom):
    since = timezone.now() - timedelta(hours=36)
    Correction.objects.create(article=newsroom["story"], text="A date.")

    found = slugs(client.get(LIST, {"updated_since": since.isoformat()}))

    assert found == ["held", "story"]
    assert slugs(client.get(LIST, {"updated_since": "2000-01-01"})) == PUBLIC
    assert slugs(client.get(LIST, {"updated_since": "2999-01-01T00:00:00+02:00"})) == []


def test_cursor_pages_walk_the_whole_list_both_ways(client, newsroom):
    first = client.get(LIST, {"page_size": 2}).json()
    assert [item["slug"] for item in first["results"]] == PUBLIC[:2]
    assert first["previous"] is None

    second = Client().get(first["next"]).json()
    assert [item["slug"] for item in second["results"]] == PUBLIC[2:]
    assert second["next"] is None
    assert "page_size=2" in second["previous"]

    back = Client().get(second["previous"]).json()
    assert [item["slug"] for item in back["results"]] == PUBLIC[:2]


def test_cursor_pages_keep_the_filters(client, newsroom):
    first = client.get(LIST, {"author": "eli", "page_size": 1}).json()
    second = Client().get(first["next"]).json()

    assert "author=eli" in first["next"]
    assert [item["slug"] for item in second["results"]] == ["tv-show"]
    assert second["next"] is None


def test_a_piece_published_between_pages_is_neither_skipped_nor_repeated(client, newsroom):
    first = client.get(LIST, {"page_size": 2}).json()
    ArticleFactory(slug="breaking")

    second = Client().get(first["next"]).json()

    assert [item["slug"] for item in second["results"]] == PUBLIC[2:]


@pytest.fixture
def launch():
    """Pieces run at the same moment, as pieces scheduled for the same minute do: five on
    Launch at nine, with one older piece before them and one elsewhere; newest first."""
    nine = timezone.now().replace(second=0, microsecond=0) - timedelta(hours=1)
    ArticleFactory(slug="older", published_at=nine - timedelta(days=1))
    ArticleFactory(slug="elsewhere", published_at=nine - timedelta(days=2), tag_names=["Other"])
    batch = [ArticleFactory(published_at=nine, tag_names=["Launch"]) for _ in range(5)]
    return [article.slug for article in reversed(batch)]


def walk(url: str) -> tuple[list[str], dict]:
    """The slugs of every page from `url` on, following `next`, and the last page."""
    walked = []
    while url:
        page = Client().get(url).json()
        walked += [item["slug"] for item in page["results"]]
        url = page["next"]
    return walked, page


def test_pieces_run_at_the_same_moment_are_each_listed_once(client, launch):
    assert walk(f"{LIST}?page_size=2")[0] == [*launch, "older", "elsewhere"]


def test_a_piece_published_mid_walk_repeats_none_of_those_run_together(client, launch):
    first = client.get(LIST, {"page_size": 2}).json()
    ArticleFactory(slug="breaking", published_at=timezone.now() - timedelta(seconds=1))

    rest, _ = walk(first["next"])

    assert rest == [*launch[2:], "older", "elsewhere"]


def test_previous_goes_back_over_pieces_run_at_the_same_moment(client, launch):
    walked, page = walk(f"{LIST}?tag=launch&page_size=2")
    assert walked == launch

    back, url = [item["slug"] for item in page["results"]], page["previous"]
    while url:
        page = Client().get(url).json()
        back = [item["slug"] for item in page["results"]] + back
        url = page["previous"]

    assert back == walked


def test_a_cursor_of_the_former_form_is_read_as_it_was_made(client, launch):
    """Before cursors marked a piece, they marked a time and stepped over pieces at the next
    one by an offset; such a cursor, from a page kept elsewhere, still lists what followed."""
    nine = Article.objects.get(slug=launch[0]).published_at
    after_the_first = b64encode(urlencode({"o": 1}).encode()).decode()
    before_nine = b64encode(urlencode({"p": nine.isoformat(), "o": 1}).encode()).decode()

    first = client.get(LIST, {"page_size": 2, "cursor": after_the_first}).json()
    second = client.get(LIST, {"page_size": 2, "cursor": before_nine}).json()

    assert [item["slug"] for item in first["results"]] == launch[1:3]
    assert [item["slug"] for item in second["results"]] == ["elsewhere"]
    assert [item["slug"] for item in Client().get(second["previous"]).json()["results"]] == [
        launch[-1],
        "older",
    ]


def make_pieces(count: int) -> None:
    """`count` pieces with two authors, three tags and a warning each, some cross-posted."""
    authors = AuthorFactory.create_batch(2)
    for n in range(count):
        ArticleFactory(
            authors=authors,
            tag_names=["Culture", "Product", f"Topic {n % 5}"],
            origin_url=f"https://www.linkedin.com/pulse/x-{n}/" if n % 3 == 0 else "",
            spoiler_warning="spoilers",
            hold_behind_warning=n % 4 == 0,
        )


# The page of rows, then the bylines, warnings and tags of all of them; with nothing kept, the
# site's settings and the next scheduled publication too.
LIST_QUERIES = 4
DETAIL_QUERIES = 4
NOTHING_KEPT = 2


@pytest.mark.parametrize("count", [1, 20])
def test_a_page_of_any_size_costs_the_same_queries(
    client, settings, django_assert_num_queries, count
):
    settings.PAGE_CACHE_SECONDS = 0
    make_pieces(count)
    slug = Article.objects.published().first().slug

    with django_assert_num_queries(LIST_QUERIES + NOTHING_KEPT):
        assert len(client.get(LIST, {"page_size": 20}).json()["results"]) == count
    with django_assert_num_queries(LIST_QUERIES):
        client.get(LIST, {"page_size": 20})
    with django_assert_num_queries(DETAIL_QUERIES):
        assert client.get(f"{LIST}{slug}/").status_code == 200


def test_a_page_after_a_cursor_costs_what_the_first_does(
    client, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    make_pieces(30)
    first = client.get(LIST, {"page_size": 10}).json()

    with django_assert_num_queries(LIST_QUERIES):
        second = client.get(first["next"]).json()
    with django_assert_num_queries(LIST_QUERIES):
        back = client.get(second["previous"]).json()

    assert len(second["results"]) == 10
    assert back["results"] == first["results"]


@pytest.mark.parametrize("count", [1, 20])
def test_a_filtered_page_adds_one_query_per_named_author_or_topic(
    client, settings, django_assert_num_queries, count
):
    settings.PAGE_CACHE_SECONDS = 0
    make_pieces(count)
    client.get(LIST)
    author = Article.objects.published().first().lead_author

    with django_assert_num_queries(LIST_QUERIES + 2):
        response = client.get(LIST, {"author": author.slug, "tag": "culture", "kind": "news"})
    assert len(response.json()["results"]) == count
