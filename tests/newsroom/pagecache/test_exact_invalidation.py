"""Exact invalidation: each kind of change retires the kept pages that show it, and only those.

In the newsroom of `newsroom_site` (two pieces that share nothing, a draft, two releases and
their contacts), every page (and the read API's answers) is read once, a change is made, and
every page is read again: those showing the change come back made afresh
(`X-Page-Cache: miss`) with it, the rest come straight from the cache (`hit`).
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from taggit.models import Tag

from articles.models import Byline, ContentWarning, PressContact
from articles.workflow import previews, publishing
from newsroom import pagecache
from newsroom.models import SiteSettings
from newsroom.pagecache import schedule
from tests.factories import ArticleFactory, AuthorFactory, PressContactFactory
from tests.newsroom.pagecache.newsroom_site import (
    API_STORY,
    DANAS_SIDE,
    ELIS_SIDE,
    HTML_PAGES,
    PAGES,
    made_afresh,
    read_all,
)

pytestmark = pytest.mark.django_db

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
# Where the API shows the column, with Eli or Markets.
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
