"""Exact invalidation: each kind of change retires the kept pages that show it, and only those.

Two public pieces share nothing: Dana's news story on Culture and Eli's op-ed on Markets; a
draft by Dana on Culture waits. A press release by the press office names no contacts of its
own, so it shows Ruth, the default media contact; Ana is a contact too, not a default one, and
a second release waits as a draft. Every page (and the read API's answers) is read once, a
change is made, and every page is read again: those showing the change come back made afresh
(`X-Page-Cache: miss`) with it, the rest come straight from the cache (`hit`).
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Byline, ContentWarning, PressContact
from articles.workflow import previews, publishing
from newsroom import pagecache
from newsroom.models import SiteSettings
from newsroom.pagecache import schedule
from tests.admin_forms import form_data
from tests.factories import ArticleFactory, AuthorFactory, PressContactFactory, SitePageFactory

pytestmark = pytest.mark.django_db

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


@pytest.fixture
def newsroom():
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


# Each change returns the text it puts on pages; the cases below say where it must show.


def edit_story_headline(newsroom):
    newsroom["story"].headline = "Culture story, corrected"
    newsroom["story"].save()
    return "Culture story, corrected"


def publish_the_draft(newsroom):
    publishing.publish(newsroom["draft"])
    return "Draft in progress"


def warn_on_the_story(newsroom):
    ContentWarning.objects.create(
        article=newsroom["story"], kind=ContentWarning.Kind.GRIEF, text="describes a shipwreck"
    )
    return "describes a shipwreck"


def spoil_the_story(newsroom):
    ContentWarning.objects.create(
        article=newsroom["story"], text="reveals the finale", subject="Low Tide"
    )
    return "reveals the finale"


def add_a_byline_to_the_story(newsroom):
    guest = AuthorFactory(name="Guest Writer", slug="guest")
    Byline.objects.create(article=newsroom["story"], author=guest, position=1)
    return "Guest Writer"


def tag_the_story(newsroom):
    newsroom["story"].tags.add("Science")
    return "Science"


def rename_eli(newsroom):
    newsroom["eli"].name = "Eli N. Okafor"
    newsroom["eli"].save()
    return "Eli N. Okafor"


def rename_markets(newsroom):
    tag = Tag.objects.get(slug="markets")
    tag.name = "Money markets"
    tag.save()
    return "Money markets"


def rename_the_site(newsroom):
    SiteSettings(site_name="Northwind News").save()
    return "Northwind News"


def rewrite_the_about_paragraph(newsroom):
    SiteSettings(boilerplate="<p>Northwind Labs makes tools for field research.</p>").save()
    return "tools for field research"


def rename_ruth(newsroom):
    newsroom["ruth"].name = "Ruth Calloway-Marsh"
    newsroom["ruth"].save()
    return "Ruth Calloway-Marsh"


def rename_ana(newsroom):
    newsroom["ana"].name = "Ana Ribeiro-Costa"
    newsroom["ana"].save()
    return "Ana Ribeiro-Costa"


def make_ana_a_default(newsroom):
    newsroom["ana"].for_releases = True
    newsroom["ana"].save()
    return "Ana Ribeiro"


def add_a_contact(newsroom):
    PressContactFactory(name="Theo Marsh", slug="theo", for_releases=False)
    return "Theo Marsh"


def name_ana_on_the_release(newsroom):
    newsroom["release"].press_contacts.add(newsroom["ana"])
    return "Ana Ribeiro"


def give_ana_the_release_from_her_side(newsroom):
    newsroom["ana"].releases.add(newsroom["release"])
    return "Ana Ribeiro"


def delete_ruth(newsroom):
    PressContact.objects.filter(slug="ruth").delete()
    return "Press room"


def publish_the_release(newsroom):
    publishing.publish(newsroom["release-draft"])
    return "Second studio planned"


# Renaming Eli or Markets retires the column wherever it shows, cards and feed entries included.
COLUMN_EVERYWHERE = ELIS_SIDE | {"index", "feed"}
# Where the API shows the story; and the column, with Eli or Markets.
API_STORY = {"api-articles", "api-story"}
API_COLUMN = {"api-articles", "api-op-eds"}
# Every page shows the site's name; a contact card shows only its contact.
EVERY_PAGE = set(PAGES) - {"ruth-card"}
# What the release is part of: the newest news, the press room, its own page.
RELEASES_SIDE = {"index", "feed", "press", "release"}


@pytest.mark.parametrize(
    ("change", "fresh", "shown_on"),
    [
        (edit_story_headline, DANAS_SIDE | API_STORY, DANAS_SIDE | API_STORY),
        # The story's related list now holds the draft, which shares its topic; the API's story
        # shows no related pieces.
        (publish_the_draft, DANAS_SIDE | {"api-articles"}, DANAS_SIDE | {"api-articles"}),
        (warn_on_the_story, DANAS_SIDE | API_STORY, {"story", *API_STORY}),
        # A spoiler changes the subjects every listing offers to hide (the API offers none).
        (spoil_the_story, DANAS_SIDE | {"op-eds"} | API_STORY, {"story", *API_STORY}),
        (add_a_byline_to_the_story, DANAS_SIDE | API_STORY, DANAS_SIDE | API_STORY),
        (tag_the_story, DANAS_SIDE | API_STORY, {"story", "feed", *API_STORY}),
        (
            rename_eli,
            COLUMN_EVERYWHERE | API_COLUMN | {"api-eli"},
            COLUMN_EVERYWHERE | API_COLUMN | {"api-eli"},
        ),
        # Eli's page shows the column's card; the API's Eli shows no articles.
        (
            rename_markets,
            COLUMN_EVERYWHERE | API_COLUMN | {"api-markets"},
            {"column", "markets", "markets-feed", *API_COLUMN, "api-markets"},
        ),
        # Every page and answer is tagged with the site; the API's show its name nowhere.
        (rename_the_site, EVERY_PAGE, HTML_PAGES - {"ruth-card"}),
        # The press room and every release end with the About paragraph, which is a setting.
        (rewrite_the_about_paragraph, EVERY_PAGE, {"press", "release"}),
        # Ruth is the release's contact by default: her card, the press room and the release.
        (rename_ruth, {"press", "release", "ruth-card"}, {"press", "release", "ruth-card"}),
        # Ana is on the press room only, until she is a default or named on the release.
        (rename_ana, {"press"}, {"press"}),
        (make_ana_a_default, {"press", "release"}, {"press", "release"}),
        (add_a_contact, {"press"}, {"press"}),
        (name_ana_on_the_release, RELEASES_SIDE | {"api-articles"}, {"press", "release"}),
        (
            give_ana_the_release_from_her_side,
            RELEASES_SIDE | {"api-articles"},
            {"press", "release"},
        ),
        (delete_ruth, {"press", "release", "ruth-card"}, {"press"}),
        (
            publish_the_release,
            {"index", "feed", "press", "api-articles"},
            {"index", "feed", "press", "api-articles"},
        ),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_a_change_retires_exactly_the_pages_that_show_it(client, newsroom, change, fresh, shown_on):
    read_all(client)
    assert made_afresh(read_all(client)) == set()  # everything kept

    shown = change(newsroom)
    seen = read_all(client)

    assert made_afresh(seen) == fresh
    assert {name for name, (_, html) in seen.items() if shown in html} >= shown_on


def test_an_unpublished_piece_leaves_every_page_it_was_on(client, newsroom):
    read_all(client)

    publishing.unpublish(newsroom["story"])
    seen = read_all(client)

    assert all("Culture story" not in seen[name][1] for name in DANAS_SIDE | API_STORY)
    assert client.get("/news/story/").status_code == 404
    assert client.get("/api/v1/articles/story/").status_code == 404
    elis_side = ELIS_SIDE | {"api-op-eds", "api-eli", "api-markets"}
    assert all(status == "hit" for name, (status, _) in seen.items() if name in elis_side)


def test_saving_drafts_changes_nothing_public(client, newsroom, django_assert_num_queries):
    read_all(client)
    draft = newsroom["draft"]

    draft.headline = "Draft, second go"
    draft.save()
    draft.tags.add("Markets")
    Byline.objects.create(article=draft, author=newsroom["eli"], position=1)
    ContentWarning.objects.create(article=draft, text="reveals the ending", subject="Low Tide")
    previews.create_link(article=draft, reviewer="Eli Okafor")
    later = timezone.now() + timedelta(days=1)
    scheduled = ArticleFactory(
        slug="later", published_at=later, authors=[newsroom["eli"]], tag_names=["Markets"]
    )
    publishing.publish(scheduled, at=later + timedelta(hours=1))
    schedule.next_publication()  # the schedule moved: found again once, by whichever request

    for url in PAGES.values():
        with django_assert_num_queries(0):
            response = client.get(url)
        assert response[pagecache.CACHE_STATUS_HEADER] == "hit", url


# An editor's save in the admin: the row, then its topics and inlines, in one transaction.


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
