"""A merge keeps the merged-away topics' addresses working: each one's page, feeds and API
entry, and the addresses it had before, answer 301 to the kept topic's, the query carried on,
as after a rename. The merged-away topics are gone; their readers' alerts follow the kept
topic; the kept copies of every page the merge changes are retired here and at the edge, and
each public piece that now shows another topic is an `article.updated`."""

import pytest
from django.test import Client
from taggit.models import Tag

from articles.models import Event, Subscriber, TopicRedirect
from newsroom import pagecache
from newsroom.pagecache import CACHE_STATUS_HEADER
from tests.articles.admin.test_topic_merging import MERGE_URL, choose
from tests.articles.events.pieces import UPDATED, draft, public
from tests.factories import ArticleFactory, StaffFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

# Every address at a topic's slug, as readers and feed readers follow them.
ADDRESSES = [
    "/news/tags/{}/",
    "/news/feed/tags/{}/",
    "/news/atom/tags/{}/",
    "/news/feed/tags/{}.json",
    "/api/v1/tags/{}/",
]


def merge(browser, *names: str, into: str):
    choose(browser, *names)
    response = browser.post(MERGE_URL, {"new_tag_name": into})
    assert response.status_code == 302
    return response


def rename(tag: Tag, slug: str) -> None:
    tag.slug = slug
    tag.save()


def former_addresses() -> dict[str, str]:
    return dict(TopicRedirect.objects.values_list("old_slug", "topic__slug"))


@pytest.mark.parametrize("pattern", ADDRESSES)
def test_each_address_of_a_merged_away_topic_answers_301_to_the_kept_topics(
    editor_client, client, pattern
):
    ArticleFactory(tag_names=["Culture"])
    ArticleFactory(tag_names=["Television"])

    merge(editor_client, "Culture", "Television", into="Culture")

    response = client.get(pattern.format("television") + "?utm_source=letter")
    assert (response.status_code, response["Location"]) == (
        301,
        pattern.format("culture") + "?utm_source=letter",
    )
    assert "private" in response["Cache-Control"]
    assert client.get(pattern.format("culture")).status_code == 200


def test_merging_into_a_new_name_redirects_every_merged_away_topic(editor_client, client):
    ArticleFactory(tag_names=["Culture", "Television"])
    ArticleFactory(tag_names=["Television"])

    merge(editor_client, "Culture", "Television", into="Arts and culture")

    assert former_addresses() == {
        "culture": "arts-and-culture",
        "television": "arts-and-culture",
    }
    for slug in ("culture", "television"):
        response = client.get(f"/news/tags/{slug}/")
        assert (response.status_code, response["Location"]) == (301, "/news/tags/arts-and-culture/")
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["Arts and culture"]


def test_a_merged_away_topics_former_addresses_follow_it_in_one_hop(editor_client, client):
    ArticleFactory(tag_names=["Culture"])
    ArticleFactory(tag_names=["Television"])
    rename(Tag.objects.get(name="Television"), "tv")

    merge(editor_client, "Culture", "Television", into="Culture")

    assert former_addresses() == {"television": "culture", "tv": "culture"}
    for slug in ("television", "tv"):
        assert client.get(f"/news/tags/{slug}/")["Location"] == "/news/tags/culture/"


def test_the_kept_topics_own_former_addresses_stay(editor_client, client):
    ArticleFactory(tag_names=["Culture"])
    ArticleFactory(tag_names=["Arts"])
    rename(Tag.objects.get(name="Culture"), "kultur")

    merge(editor_client, "Culture", "Arts", into="Culture")

    assert former_addresses() == {"culture": "kultur", "arts": "kultur"}
    assert client.get("/news/tags/culture/")["Location"] == "/news/tags/kultur/"
    assert client.get("/news/tags/kultur/").status_code == 200


def test_no_former_address_is_kept_at_the_kept_topics_own_slug(editor_client, client):
    ArticleFactory(tag_names=["Arts"])
    ArticleFactory(tag_names=["Film"])
    arts = Tag.objects.get(name="Arts")
    rename(arts, "culture")
    rename(arts, "arts")
    # Arts left "culture" for "arts"; the new topic "Culture" is made at "culture".
    assert former_addresses() == {"culture": "arts"}

    merge(editor_client, "Arts", "Film", into="Culture")

    assert former_addresses() == {"arts": "culture", "film": "culture"}
    assert client.get("/news/tags/culture/").status_code == 200


def test_a_merged_away_address_left_by_another_topic_first_stays_with_that_topic(
    editor_client, client
):
    ArticleFactory(tag_names=["Television"])
    rename(Tag.objects.get(name="Television"), "tv")
    # Another topic was given the address television left, and is merged away.
    ArticleFactory(tag_names=["Television series"])
    rename(Tag.objects.get(name="Television series"), "television")
    ArticleFactory(tag_names=["Culture"])

    merge(editor_client, "Culture", "Television series", into="Culture")

    assert former_addresses() == {"television": "tv", "television-series": "culture"}
    assert client.get("/news/tags/television/")["Location"] == "/news/tags/tv/"
    assert client.get("/news/tags/television-series/")["Location"] == "/news/tags/culture/"


def test_a_merged_away_topic_readers_never_saw_leaves_no_address(editor_client, client):
    ArticleFactory(tag_names=["Culture"])
    draft(tag_names=["Television"])

    merge(editor_client, "Culture", "Television", into="Culture")

    assert former_addresses() == {}
    assert client.get("/news/tags/television/").status_code == 404


def test_readers_following_a_merged_away_topic_follow_the_kept_one(editor_client):
    ArticleFactory(tag_names=["Culture", "Television", "Film"])
    culture, television, film = (
        Tag.objects.get(name=name) for name in ("Culture", "Television", "Film")
    )
    both = SubscriberFactory(everything=False, tags=[culture, television])
    merged_away = SubscriberFactory(everything=False, tags=[television, film])
    elsewhere = SubscriberFactory(everything=False, tags=[film])

    merge(editor_client, "Culture", "Television", into="Culture")

    following = {
        subscriber.pk: sorted(subscriber.tags.values_list("name", flat=True))
        for subscriber in Subscriber.objects.all()
    }
    assert following == {
        both.pk: ["Culture"],
        merged_away.pk: ["Culture", "Film"],
        elsewhere.pk: ["Film"],
    }


def test_a_merge_retires_the_kept_copies_of_both_topics_pages(editor_client, client):
    ArticleFactory(tag_names=["Culture"], headline="Opera season opens")
    ArticleFactory(tag_names=["Television"], headline="A quiz show returns")
    for slug in ("culture", "television"):
        client.get(f"/news/tags/{slug}/")
        assert client.get(f"/news/tags/{slug}/")[CACHE_STATUS_HEADER] == "hit"

    merge(editor_client, "Culture", "Television", into="Culture")

    assert client.get("/news/tags/television/").status_code == 301
    assert "A quiz show returns" in client.get("/news/tags/culture/").content.decode()


def test_a_merge_purges_both_topics_and_the_pieces_moved_at_the_edge(editor_client, purged):
    with purged():
        kept = ArticleFactory(tag_names=["Culture"])
        moved = ArticleFactory(tag_names=["Television"])
        culture, television = Tag.objects.get(name="Culture"), Tag.objects.get(name="Television")

    with purged() as change:
        merge(editor_client, "Culture", "Television", into="Culture")

    assert {
        f"tag-{culture.pk}",
        f"tag-{television.pk}",
        f"article-{moved.pk}",
        "news",
        pagecache.ADDRESSES,
    } <= change.tags
    assert f"article-{kept.pk}" not in change.tags


def test_a_former_address_that_answered_404_is_purged_once_it_redirects(
    editor_client, client, purged
):
    with purged():
        ArticleFactory(tag_names=["Culture"])
        withdrawn = ArticleFactory(tag_names=["Television"])
        rename(Tag.objects.get(name="Television"), "tv")
        withdrawn.status = withdrawn.Status.UNPUBLISHED
        withdrawn.save()
    assert client.get("/news/tags/television/").status_code == 404

    with purged() as change:
        merge(editor_client, "Culture", "Television", into="Culture")

    assert pagecache.ADDRESSES in change.tags
    assert client.get("/news/tags/television/")["Location"] == "/news/tags/culture/"


def test_each_public_piece_moved_is_updated_once_with_the_kept_topic(
    editor_client, recorder, django_capture_on_commit_callbacks
):
    moved = public(tag_names=["Television"])
    both = public(tag_names=["Culture", "Television"])
    untouched = public(tag_names=["Culture"])
    draft(tag_names=["Television"])

    with django_capture_on_commit_callbacks(execute=True):
        merge(editor_client, "Culture", "Television", into="Culture")

    assert sorted(article_id for _, article_id, _ in recorder.handed) == [moved.pk, both.pk]
    assert set(recorder.kinds) == {UPDATED}
    for _, _, payload in recorder.handed:
        assert [tag["slug"] for tag in payload["tags"]] == ["culture"]
    assert not Event.objects.filter(article_id=untouched.pk, kind=UPDATED).exists()


def signed_in(who: str) -> Client:
    """A browser signed in as `who`: nobody, a staff account in no group, a contributor."""
    browser = Client()
    if who == "staff in no group":
        user = StaffFactory(username="stan")
        user.groups.clear()
        browser.force_login(user)
    elif who == "contributor":
        browser.force_login(StaffFactory(username="cora"))
    return browser


@pytest.mark.parametrize(
    ("who", "refused"),
    [("anonymous", 302), ("staff in no group", 403), ("contributor", 403)],
)
def test_no_one_but_an_editor_merges_even_with_forged_tag_ids(client, who, refused):
    piece = ArticleFactory(tag_names=["Culture", "Television"])
    browser = signed_in(who)
    forged = [str(pk) for pk in Tag.objects.values_list("pk", flat=True)]
    session = browser.session
    session["selected_tag_ids"] = ",".join(forged)
    session.save()

    chose = browser.post(
        "/admin/taggit/tag/", {"action": "render_tag_form", "_selected_action": forged}
    )
    merged = browser.post(MERGE_URL, {"new_tag_name": "Culture"})

    assert (chose.status_code, merged.status_code) == (refused, refused)
    if refused == 302:
        assert merged["Location"].startswith("/admin/login/")
    assert sorted(piece.tags.names()) == ["Culture", "Television"]
    assert former_addresses() == {}
    assert client.get("/news/tags/television/").status_code == 200
