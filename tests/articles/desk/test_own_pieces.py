""" "Yours" on the article list: the pieces of the user signed in that are still being written
(drafts and pieces in review, as byline author or as the one who started them), linked from the
dashboard with a count that matches the list."""

import re

import pytest
from django.utils import timezone

from articles.models import Author
from tests.factories import ArticleFactory, AuthorFactory, StaffFactory

pytestmark = pytest.mark.django_db

LIST = "/admin/articles/article/"
MINE = f"{LIST}?mine=in-progress"


def listed(client, query: str) -> set[int]:
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    return {article.pk for article in response.context["cl"].queryset}


def pieces_of(user) -> dict[str, int]:
    """A piece of each kind the filter must take or leave, for `user`; their ids by name."""
    bylined = Author.objects.filter(user=user).first() or AuthorFactory(user=user)
    return {
        "started": ArticleFactory(status="draft", published_at=None, created_by=user).pk,
        "bylined": ArticleFactory(status="in-review", published_at=None, authors=[bylined]).pk,
        "both": ArticleFactory(
            status="draft", published_at=None, created_by=user, authors=[bylined]
        ).pk,
        "live": ArticleFactory(created_by=user).pk,
        "scheduled": ArticleFactory(
            created_by=user, published_at=timezone.now() + timezone.timedelta(days=1)
        ).pk,
        "pulled": ArticleFactory(status="unpublished", authors=[bylined]).pk,
    }


def test_the_list_shows_an_editor_their_own_drafts_and_pieces_in_review(editor_client, editor):
    own = pieces_of(editor)
    others = pieces_of(StaffFactory(group="Editors"))

    assert listed(editor_client, "mine=in-progress") == {
        own["started"],
        own["bylined"],
        own["both"],
    }
    # Without the filter, everyone's drafts, as before.
    drafts = listed(editor_client, "state=draft")
    assert {own["started"], others["started"]} <= drafts


def test_a_contributor_sees_their_own_pieces_never_another_writers(contributor_client, contributor):
    own = pieces_of(contributor)
    pieces_of(StaffFactory(group="Contributors"))

    assert listed(contributor_client, "mine=in-progress") == {
        own["started"],
        own["bylined"],
        own["both"],
    }


@pytest.mark.parametrize("forged", ["{other}", "1", "yes", "in-progress&mine=all"])
def test_a_forged_value_never_lists_another_users_drafts(contributor_client, contributor, forged):
    other = StaffFactory(group="Contributors")
    theirs = pieces_of(other)

    shown = listed(contributor_client, "mine=" + forged.format(other=other.pk))

    assert not shown & {theirs["started"], theirs["bylined"], theirs["both"]}


def test_the_filter_is_offered_on_the_list(contributor_client):
    html = contributor_client.get(LIST).content.decode()

    assert 'href="?mine=in-progress"' in html
    assert "Your drafts and pieces in review" in html


@pytest.mark.parametrize("client_name", ["editor_client", "contributor_client"])
def test_the_dashboard_links_to_the_users_own_pieces_with_the_lists_count(request, client_name):
    client = request.getfixturevalue(client_name)
    user = request.getfixturevalue(client_name.removesuffix("_client"))
    for _ in range(6):
        pieces_of(user)  # 18 in progress, more than the dashboard shows
    pieces_of(StaffFactory(group="Contributors"))

    html = client.get("/admin/").content.decode()

    link = re.search(rf'<a href="{re.escape(MINE)}">([^<]*)</a>', html.replace("&amp;", "&"))
    assert link is not None
    assert link.group(1) == "Your drafts and pieces in review (18)"
    assert client.get(MINE).context["cl"].result_count == 18


def test_the_dashboard_counts_what_the_list_shows_with_few_pieces(contributor_client, contributor):
    ArticleFactory(status="draft", published_at=None, created_by=contributor)
    ArticleFactory(published_at=None, status="draft")  # someone else's

    html = contributor_client.get("/admin/").content.decode()

    assert f'<a href="{MINE}">Your drafts and pieces in review (1)</a>' in html
    assert contributor_client.get(MINE).context["cl"].result_count == 1


def test_the_dashboard_offers_no_count_to_a_user_with_nothing_in_progress(contributor_client):
    html = contributor_client.get("/admin/").content.decode()

    assert "You have no drafts." in html
    assert MINE not in html
