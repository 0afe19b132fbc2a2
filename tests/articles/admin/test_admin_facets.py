"""Every admin changelist answers with facet counts on (`?_facets=True`), filtered or not.

Facet counting runs each list filter once per choice with the choice's own value, which for a
filter over primary keys is an int, not the string a query string gives.
"""

import re
from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.urls import reverse

from articles.models import Article, Correction
from articles.workflow import previews
from newsroom.models import SiteSettings
from tests.factories import ArticleFactory, AuthorFactory, SitePageFactory, StaffFactory

pytestmark = pytest.mark.django_db

FACETS = {"_facets": "True"}


@pytest.fixture
def content(admin_user):
    dana = AuthorFactory(name="Dana Whitfield")
    marcus = AuthorFactory(name="Marcus Ellis")
    AuthorFactory(name="Without bylines")
    published = ArticleFactory(authors=[dana, marcus], tag_names=["Culture", "Television"])
    draft = ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, authors=[marcus], tag_names=["Culture"]
    )
    ArticleFactory(kind=Article.Kind.OP_ED, authors=[dana], is_featured=True)
    Correction.objects.create(article=published, text="An earlier version was wrong.")
    previews.create_link(article=draft, reviewer="Dana Whitfield", created_by=admin_user)
    SitePageFactory(title="About")
    SitePageFactory(title="Press kit", status="draft", show_in_navigation=False)
    SiteSettings.load().save()
    return {"dana": dana, "marcus": marcus}


def changelists(*, filtered: bool = False) -> list[str]:
    return [
        f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        for model, model_admin in admin.site._registry.items()
        if model_admin.list_filter or not filtered
    ]


@pytest.mark.parametrize("name", changelists())
def test_every_changelist_answers_with_facets_on(admin_client, content, name):
    response = admin_client.get(reverse(name), FACETS, follow=True)

    assert response.status_code == 200


@pytest.mark.parametrize("name", changelists(filtered=True))
def test_every_filter_choice_answers_with_facets_on(admin_client, content, name):
    url = reverse(name)
    changelist = admin_client.get(url, FACETS).context["cl"]
    queries = [
        choice["query_string"]
        for spec in changelist.filter_specs
        for choice in spec.choices(changelist)
    ]

    answers = {query: admin_client.get(f"{url}{query}").status_code for query in queries}

    assert queries
    assert all("_facets=True" in query for query in queries)
    assert set(answers.values()) == {200}, answers


def test_the_article_author_and_tag_filters_count_and_filter_with_facets_on(admin_client, content):
    url = reverse("admin:articles_article_changelist")
    dana = content["dana"]

    response = admin_client.get(url, {"author": dana.pk, **FACETS})

    assert response.status_code == 200
    assert sorted(a.headline for a in response.context["cl"].result_list) == sorted(
        Article.objects.filter(bylines__author=dana).values_list("headline", flat=True)
    )
    page = response.content.decode()
    # Each filter counts within the other filters' selection: tags among Dana's two pieces.
    assert "Dana Whitfield (2)" in page
    assert "Marcus Ellis (2)" in page
    assert "Culture (1)" in page
    assert "Television (1)" in page

    response = admin_client.get(url, {"tag": "television", **FACETS})
    assert response.status_code == 200
    assert [a.headline for a in response.context["cl"].result_list] == list(
        Article.objects.filter(tags__slug="television").values_list("headline", flat=True)
    )


def test_a_contributor_filters_by_no_topic_or_author_only_hidden_drafts_carry(
    contributor_client, contributor
):
    ArticleFactory(authors=[AuthorFactory(name="Dana Whitfield")], tag_names=["Markets"])
    ArticleFactory(
        status=Article.Status.DRAFT,
        published_at=None,
        created_by=StaffFactory(username="ed", group="Editors"),
        authors=[AuthorFactory(name="Nadia Incoming-CEO")],
        tag_names=["Project Falcon acquisition"],
    )
    ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, created_by=contributor, tag_names=["Mine"]
    )

    page = contributor_client.get(reverse("admin:articles_article_changelist")).content.decode()

    assert "Markets" in page
    assert "Dana Whitfield" in page
    assert "Mine" in page
    assert "Project Falcon" not in page
    assert "Incoming-CEO" not in page


def test_the_author_list_counts_only_the_pieces_the_user_may_open(
    contributor_client, contributor, editor_client
):
    dana = AuthorFactory(name="Dana Whitfield")
    ArticleFactory(authors=[dana])
    ArticleFactory(
        status=Article.Status.DRAFT,
        published_at=None,
        created_by=StaffFactory(username="ed", group="Editors"),
        authors=[dana],
    )
    ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=contributor)
    ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, created_by=contributor, authors=[dana]
    )
    count = re.compile(r'<td class="field-article_count">(\d+)</td>')
    url = reverse("admin:articles_author_changelist")
    dana_only = {"q": "Whitfield"}

    # The editors' draft is not the contributor's to know of, not even as a number.
    assert count.findall(contributor_client.get(url, dana_only).content.decode()) == ["2"]
    assert count.findall(editor_client.get(url, dana_only).content.decode()) == ["3"]
    by_count = contributor_client.get(url, {**dana_only, "o": "4"})
    assert by_count.status_code == 200
    assert count.findall(by_count.content.decode()) == ["2"]


@pytest.mark.parametrize("value", ["abc", "²", "-1", "", "9" * 30])
def test_a_hostile_author_filter_value_lists_every_article(admin_client, content, value):
    url = reverse("admin:articles_article_changelist")

    response = admin_client.get(f"{url}?{urlencode({'author': value, **FACETS})}")

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) in (0, Article.objects.count())
