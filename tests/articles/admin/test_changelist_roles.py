"""What each role finds in the article list, whatever the query string says: a contributor's
own pieces in any state and the public ones, never another's draft, piece in review, scheduled
or unpublished piece, through a filter, a search, an order or a forged lookup."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Author
from tests.articles.admin.article_forms import ADD_URL
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pieces(contributor):
    own = Author.objects.create(name="Colin Contributor", slug="colin", user=contributor)
    other = AuthorFactory(name="Dana Whitfield")
    later = timezone.now() + timedelta(days=2)
    return {
        "own draft": ArticleFactory(
            headline="Own draft", status="draft", published_at=None, authors=[own]
        ),
        "own review": ArticleFactory(
            headline="Own piece in review", status="in-review", published_at=None, authors=[own]
        ),
        "started draft": ArticleFactory(
            headline="Draft started by them",
            status="draft",
            published_at=None,
            created_by=contributor,
            authors=[other],
        ),
        "own live": ArticleFactory(headline="Own live piece", authors=[own]),
        "other live": ArticleFactory(headline="Dana's live piece", authors=[other]),
        "other draft": ArticleFactory(
            headline="Dana's draft", status="draft", published_at=None, authors=[other]
        ),
        "other review": ArticleFactory(
            headline="Dana's piece in review",
            status="in-review",
            published_at=None,
            authors=[other],
        ),
        "other scheduled": ArticleFactory(
            headline="Dana's scheduled piece", published_at=later, authors=[other]
        ),
        "other unpublished": ArticleFactory(
            headline="Dana's unpublished piece", status="unpublished", authors=[other]
        ),
        "other author": other,
    }


def listed(client, query: str = "") -> set[str]:
    response = client.get(f"{ADD_URL}{query}")
    assert response.status_code == 200
    return {article.headline for article in response.context["cl"].result_list}


CONTRIBUTOR_SEES = {
    "Own draft",
    "Own piece in review",
    "Draft started by them",
    "Own live piece",
    "Dana's live piece",
}


def test_a_contributor_lists_their_own_pieces_and_the_public_ones(contributor_client, pieces):
    assert listed(contributor_client) == CONTRIBUTOR_SEES
    assert listed(contributor_client, "?state=draft") == {"Own draft", "Draft started by them"}
    assert listed(contributor_client, "?state=in-review") == {"Own piece in review"}
    assert listed(contributor_client, "?state=scheduled") == set()
    assert listed(contributor_client, "?state=unpublished") == set()


def test_a_contributor_filtering_by_another_author_finds_only_their_public_pieces(
    contributor_client, pieces
):
    other = pieces["other author"].pk

    assert listed(contributor_client, f"?author={other}") == {
        "Dana's live piece",
        "Draft started by them",
    }
    assert listed(contributor_client, f"?author={other}&state=draft") == {"Draft started by them"}
    assert listed(contributor_client, f"?author={other}&state=scheduled") == set()


def test_a_contributor_search_finds_no_one_elses_hidden_piece(contributor_client, pieces):
    assert listed(contributor_client, "?q=Dana") == {"Dana's live piece", "Draft started by them"}
    assert listed(contributor_client, "?q=Whitfield&state=draft") == {"Draft started by them"}
    assert listed(contributor_client, "?q=scheduled") == set()


@pytest.mark.parametrize("order", ["1", "-1", "2", "3", "-3", "4", "-4"])
def test_every_order_of_a_contributors_list_holds_the_same_pieces(
    contributor_client, pieces, order
):
    assert listed(contributor_client, f"?o={order}") == CONTRIBUTOR_SEES


def test_a_lookup_no_filter_offers_in_a_contributors_list_is_refused(contributor_client, pieces):
    other = pieces["other author"].pk

    unknown = contributor_client.get(f"{ADD_URL}?author__id__exact={other}")
    across = contributor_client.get(f"{ADD_URL}?bylines__author__id__exact={other}")

    # A field the list does not have sends back to the whole list; a relation no filter offers
    # is refused.
    assert unknown.status_code == 302
    assert unknown["Location"] == f"{ADD_URL}?e=1"
    assert listed(contributor_client, "?e=1") == CONTRIBUTOR_SEES
    assert across.status_code == 400


@pytest.mark.parametrize(
    ("forged", "found"),
    [
        ("status=draft", {"Own draft", "Draft started by them"}),
        ("status__exact=in-review", {"Own piece in review"}),
        ("status__in=scheduled,unpublished,published", {"Own live piece", "Dana's live piece"}),
        ("published_at__gt={now}", set()),
        ("id__in={hidden},{own}", {"Own draft"}),
        ("pk={hidden}", set()),
    ],
)
def test_a_forged_lookup_on_a_column_finds_nothing_a_contributor_may_not_open(
    contributor_client, pieces, forged, found
):
    # Django's admin takes any lookup on the list's own columns; it narrows what the role sees.
    query = forged.format(
        other=pieces["other author"].pk,
        hidden=pieces["other draft"].pk,
        own=pieces["own draft"].pk,
        now=timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
    )

    assert listed(contributor_client, f"?{query}") == found


def test_the_filter_choices_name_only_what_a_contributor_may_open(contributor_client, pieces):
    hidden = AuthorFactory(name="Hidden Hannah")
    ArticleFactory(
        headline="Hannah's draft",
        status="draft",
        published_at=None,
        authors=[hidden],
        tag_names=["Secret launch"],
    )
    ArticleFactory(headline="Tagged live", tag_names=["Culture"], authors=[pieces["other author"]])

    changelist = contributor_client.get(ADD_URL).context["cl"]
    choices = {
        spec.title: [c["display"] for c in spec.choices(changelist)]
        for spec in changelist.filter_specs
    }

    assert "Hidden Hannah" not in choices["author"]
    assert "Dana Whitfield" in choices["author"]
    assert "Secret launch" not in choices["tag"]
    assert "Culture" in choices["tag"]


def test_an_editor_lists_every_piece_in_every_state(editor_client, pieces):
    everything = set(Article.objects.values_list("headline", flat=True))

    assert listed(editor_client) == everything
    assert listed(editor_client, "?state=scheduled") == {"Dana's scheduled piece"}
    assert listed(editor_client, "?q=Whitfield") == {
        "Draft started by them",
        "Dana's live piece",
        "Dana's draft",
        "Dana's piece in review",
        "Dana's scheduled piece",
        "Dana's unpublished piece",
    }


def test_an_editors_filter_choices_are_every_author_and_topic_with_a_piece(editor_client, pieces):
    AuthorFactory(name="No bylines yet")
    ArticleFactory(headline="Tagged draft", status="draft", published_at=None, tag_names=["Launch"])

    changelist = editor_client.get(ADD_URL).context["cl"]
    choices = {
        spec.title: [choice["display"] for choice in spec.choices(changelist)]
        for spec in changelist.filter_specs
    }

    assert "Dana Whitfield" in choices["author"]
    assert "Colin Contributor" in choices["author"]
    assert "No bylines yet" not in choices["author"]
    assert "Launch" in choices["tag"]


@pytest.mark.parametrize("client_name", ["editor_client", "contributor_client"])
def test_pages_far_into_the_list_hold_the_same_pieces_in_the_same_order(
    request, client_name, pieces, monkeypatch
):
    from django.contrib import admin

    from articles.admin import paging

    client = request.getfixturevalue(client_name)
    for number in range(6):
        ArticleFactory(
            headline=f"Older piece {number}",
            published_at=timezone.now() - timedelta(days=30, hours=number),
        )
    expected = [
        article.headline
        for article in Article.objects.order_by("-published_at", "-id")
        if client_name == "editor_client"
        or article.headline in CONTRIBUTOR_SEES
        or article.headline.startswith("Older")
    ]
    monkeypatch.setattr(admin.site.get_model_admin(Article), "list_per_page", 3)
    near = [client.get(ADD_URL, {"p": page}).context["cl"].result_list for page in (1, 2, 3, 4)]
    monkeypatch.setattr(paging, "FAR", 3)
    far = [client.get(ADD_URL, {"p": page}).context["cl"].result_list for page in (1, 2, 3, 4)]

    def headlines(pages):
        return [article.headline for page in pages for article in page]

    assert headlines(near) == expected[:12]
    assert headlines(far) == headlines(near)
