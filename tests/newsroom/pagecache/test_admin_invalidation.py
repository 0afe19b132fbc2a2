"""Exact invalidation of an editor's save in the admin: the row, then its topics and inlines,
in one transaction, retire the kept pages that show the change, and only those (the newsroom
of `newsroom_site`)."""

import pytest
from reversion.models import Version
from taggit.models import Tag

from tests.admin_forms import form_data
from tests.factories import ArticleFactory, AuthorFactory
from tests.newsroom.pagecache.newsroom_site import (
    API_STORY,
    DANAS_SIDE,
    ELIS_SIDE,
    made_afresh,
    read_all,
)

pytestmark = pytest.mark.django_db


def story_form(editor_client, newsroom, **changes) -> tuple[str, dict]:
    url = f"/admin/articles/article/{newsroom['story'].pk}/change/"
    return url, form_data(editor_client.get(url), _continue="", **changes)


def save_the_story_headline(editor_client, newsroom):
    return story_form(editor_client, newsroom, headline="Culture story, corrected")


def move_the_story_to_markets(editor_client, newsroom):
    return story_form(editor_client, newsroom, headline="Markets story", tags="Markets")


def give_the_story_to_eli(editor_client, newsroom):
    return story_form(
        editor_client,
        newsroom,
        headline="A story by Eli",
        **{"bylines-0-author": newsroom["eli"].pk},
    )


def spoil_the_story_in_the_form(editor_client, newsroom):
    return story_form(
        editor_client,
        newsroom,
        headline="Spoiled story",
        **{
            "warnings-TOTAL_FORMS": "1",
            "warnings-0-kind": "spoilers",
            "warnings-0-text": "reveals the finale",
            "warnings-0-subject": "Low Tide",
            "warnings-0-position": "0",
        },
    )


@pytest.mark.parametrize(
    ("change", "fresh", "shown_on"),
    [
        (save_the_story_headline, DANAS_SIDE | API_STORY, DANAS_SIDE | API_STORY),
        # The column's related pieces now hold the story, which shares its topic.
        (
            move_the_story_to_markets,
            DANAS_SIDE | API_STORY | {"markets", "markets-feed", "api-markets", "column"},
            {"index", "story", "dana", "feed", "markets", "markets-feed", *API_STORY},
        ),
        (
            give_the_story_to_eli,
            DANAS_SIDE | API_STORY | {"eli", "eli-feed", "api-eli"},
            {"index", "story", "culture", "feed", "eli", "eli-feed", *API_STORY},
        ),
        (
            spoil_the_story_in_the_form,
            DANAS_SIDE | {"op-eds"} | API_STORY,
            DANAS_SIDE | API_STORY,
        ),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_an_admin_save_retires_exactly_the_pages_its_changes_show_on(
    client, editor_client, newsroom, change, fresh, shown_on
):
    url, data = change(editor_client, newsroom)
    read_all(client)

    assert editor_client.post(url, data).status_code == 302
    seen = read_all(client)

    assert made_afresh(seen) == fresh
    assert {name for name, (_, html) in seen.items() if data["headline"] in html} >= shown_on


def restore_first_version(editor_client, article, **changes):
    """Restore `article`'s oldest revision from its history, as an editor would."""
    first = Version.objects.get_for_object(article).order_by("pk").first()
    url = f"/admin/articles/article/{article.pk}/history/{first.pk}/"
    return editor_client.post(url, form_data(editor_client.get(url), **changes))


def test_restoring_a_revision_retires_the_pages_of_the_version_it_replaces(
    client, editor_client, newsroom
):
    url, data = give_the_story_to_eli(editor_client, newsroom)
    assert editor_client.post(url, data).status_code == 302
    read_all(client)

    assert restore_first_version(editor_client, newsroom["story"]).status_code == 302
    seen = read_all(client)

    # Eli's pages showed the story as his: they are made again without it.
    assert made_afresh(seen) == DANAS_SIDE | API_STORY | {"eli", "eli-feed", "api-eli"}
    assert not {name for name, (_, html) in seen.items() if "A story by Eli" in html}
    assert {name for name, (_, html) in seen.items() if "Culture story" in html} >= (
        DANAS_SIDE | API_STORY
    )


def test_restoring_the_draft_of_a_published_piece_with_unpublish_takes_it_off_every_page(
    client, editor_client, newsroom
):
    draft = newsroom["draft"]
    url = f"/admin/articles/article/{draft.pk}/change/"
    assert editor_client.post(url, form_data(editor_client.get(url), _publish="")).status_code == (
        302
    )
    draft.refresh_from_db()
    assert draft.is_published
    shown = read_all(client)
    assert {name for name, (_, html) in shown.items() if "Draft in progress" in html} >= {
        "index",
        "dana",
        "culture",
        "feed",
    }

    assert restore_first_version(editor_client, draft, _unpublish="").status_code == 302
    seen = read_all(client)

    draft.refresh_from_db()
    assert not draft.is_published
    assert not {name for name, (_, html) in seen.items() if "Draft in progress" in html}
    assert made_afresh(seen) & ELIS_SIDE == set()


# A slug given to an author or a topic later: the filters naming it find them at once.


def rename_in_the_admin(editor_client, url, **changes) -> None:
    response = editor_client.post(url, form_data(editor_client.get(url), _continue="", **changes))
    assert response.status_code == 302


@pytest.mark.parametrize(
    "address", ["/news/?author=dana-whitfield", "/api/v1/articles/?author=dana-whitfield"]
)
def test_an_author_filter_finds_an_author_given_its_slug_later(
    client, editor_client, cached, address
):
    dana = AuthorFactory(name="Dana Whitfield", slug="dana")
    ArticleFactory(headline="Dana files a story", slug="story", authors=[dana])
    assert "Dana files a story" not in client.get(address).content.decode()

    rename_in_the_admin(
        editor_client, f"/admin/articles/author/{dana.pk}/change/", slug="dana-whitfield"
    )

    assert "Dana files a story" in client.get(address).content.decode()


@pytest.mark.parametrize("address", ["/news/?tag=arts", "/api/v1/articles/?tag=arts"])
def test_a_topic_filter_finds_a_topic_given_its_slug_later(client, editor_client, cached, address):
    ArticleFactory(headline="A culture story", slug="story", tag_names=["Culture"])
    assert "A culture story" not in client.get(address).content.decode()

    culture = Tag.objects.get(slug="culture")
    rename_in_the_admin(
        editor_client, f"/admin/taggit/tag/{culture.pk}/change/", name="Arts", slug="arts"
    )

    assert "A culture story" in client.get(address).content.decode()
    assert "A culture story" not in client.get(address.replace("arts", "culture")).content.decode()
