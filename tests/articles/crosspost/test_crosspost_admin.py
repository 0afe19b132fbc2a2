"""Staff paste a cross-posted piece in the admin, check what it becomes and get a clean draft."""

from datetime import date
from html import unescape

import pytest

from articles.models import Article, Author, ContentWarning
from tests.articles.crosspost.paste_page import (
    ORIGIN,
    PAGE,
    form_errors,
    make_draft,
    paste_form,
    staff,
)
from tests.articles.crosspost.pastes import pasted
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db


def test_the_article_list_offers_the_paste_page_to_those_who_may_add(client, admin_client):
    assert "Add cross-posted piece" in admin_client.get("/admin/articles/article/").text
    assert PAGE in admin_client.get("/admin/articles/article/").text

    client.force_login(staff("view_article", "change_article"))
    assert "Add cross-posted piece" not in client.get("/admin/articles/article/").text
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, paste_form()).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(PAGE)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_page_renders_with_every_field_and_the_paste_helper(admin_client):
    response = admin_client.get(PAGE)

    assert response.status_code == 200
    html = response.text
    assert "<h1>Add cross-posted piece</h1>" in html
    for name in ["origin_url", "author", "new_author_name", "origin_published_on", "pasted"]:
        assert f'name="{name}"' in html
    assert 'type="hidden" name="pasted_html"' in html
    assert "js/paste-html.js" in html
    assert "admin/js/autocomplete.js" in html


def test_a_pasted_linkedin_article_becomes_a_clean_draft_op_ed(admin_client):
    dana = AuthorFactory(name="Dana Whitfield", role="Co-CEO")

    response = make_draft(
        admin_client,
        paste_form(
            author=str(dana.pk),
            pasted_html=pasted("linkedin_article.html"),
            pasted="What a TV show teaches us about work …",
            introduction="Our co-CEO on a show the office watched.\n\nShe wrote it in January.",
        ),
    )

    article = Article.objects.get()
    assert response.redirect_chain == [(f"/admin/articles/article/{article.pk}/change/", 302)]
    assert article.status == Article.Status.DRAFT
    assert article.kind == Article.Kind.OP_ED
    assert article.headline == "What a TV show teaches us about work"
    assert article.slug == "what-a-tv-show-teaches-us-about-work"
    assert article.origin_url == ORIGIN
    assert article.origin_platform == "LinkedIn"
    assert article.origin_published_on == date(2025, 1, 14)
    assert article.indexing == Article.Indexing.ORIGIN
    assert article.introduction == (
        "<p>Our co-CEO on a show the office watched.</p><p>She wrote it in January.</p>"
    )
    assert article.body.startswith("<p>Over the holidays, half of our office watched")
    assert "Like" not in article.body
    assert [(b.author, b.role) for b in article.bylines.all()] == [(dana, "Co-CEO")]
    [warning] = article.warnings.all()
    assert (warning.kind, warning.text) == ("spoilers", "contains spoilers for season one")
    assert "What was done to the pasted piece:<ul><li>" in response.text
    page = unescape(response.text)
    assert "The draft op-ed “What a TV show teaches us about work” was made" in page
    assert "Removed the hashtags at the end: #leadership #culture #television #teamwork." in page
    assert "Moved “(Warning: contains spoilers for season one)” into the warnings." in page


def test_a_date_given_on_the_form_wins_over_one_found_in_the_paste(admin_client):
    author = AuthorFactory(name="Dana Whitfield")

    make_draft(
        admin_client,
        paste_form(
            author=str(author.pk),
            origin_published_on="2025-01-13",
            pasted_html=pasted("linkedin_article.html"),
        ),
    )

    assert Article.objects.get().origin_published_on == date(2025, 1, 13)


def test_plain_text_with_a_sensitive_warning_and_a_new_author(admin_client):
    text = (
        "(Warning: discusses a bereavement)\n\nOp-ed: What my father's workshop taught me\n\n"
        "He kept every tool in its place.\n\nI try to run a company the same way.\n\n"
        "#family #leadership"
    )

    response = make_draft(
        admin_client,
        paste_form(
            origin_url="https://marcus.substack.com/p/workshop?r=2xyz&utm_medium=ios",
            new_author_name="Marcus Ellis",
            new_author_role="Co-CEO",
            new_author_organisation="Northwind Labs",
            new_author_linkedin="www.linkedin.com/in/marcus-ellis/?utm_source=share",
            pasted=text,
        ),
    )

    assert response.redirect_chain[-1][1] == 302
    article = Article.objects.get()
    assert article.headline == "What my father's workshop taught me"
    assert article.kind == Article.Kind.OP_ED
    assert article.body == (
        "<p>He kept every tool in its place.</p><p>I try to run a company the same way.</p>"
    )
    assert article.origin_url == "https://marcus.substack.com/p/workshop"
    assert article.origin_platform == "Substack"
    assert article.warnings.get().kind == ContentWarning.Kind.GRIEF
    marcus = Author.objects.get(name="Marcus Ellis")
    assert (marcus.slug, marcus.role, marcus.organisation, marcus.linkedin_url) == (
        "marcus-ellis",
        "Co-CEO",
        "Northwind Labs",
        "https://www.linkedin.com/in/marcus-ellis/",
    )
    assert article.lead_author == marcus
    html = article.attribution.text
    assert html == "This piece was originally published on Marcus Ellis' Substack."


def test_staff_who_may_not_add_authors_choose_one(client):
    author = AuthorFactory(name="Dana Whitfield")
    client.force_login(staff("add_article", "change_article", "view_article", "view_author"))

    page = client.get(PAGE)
    refused = client.post(PAGE, paste_form(new_author_name="New Person", pasted="Head\n\nText"))
    accepted = make_draft(client, paste_form(author=str(author.pk), pasted="Head\n\nText"))

    assert page.status_code == 200
    assert 'name="new_author_name"' not in page.text
    assert "This field is required." in form_errors(refused)
    assert accepted.redirect_chain[-1][1] == 302
    assert not Author.objects.filter(name="New Person").exists()
    assert Article.objects.get().lead_author == author


def test_a_contributor_owns_the_draft_they_pasted_and_it_has_a_first_revision(client):
    from reversion.models import Version

    author = AuthorFactory(name="Dana Whitfield")
    contributor = staff("add_article", "change_article", "view_article", "view_author")
    client.force_login(contributor)

    make_draft(client, paste_form(author=str(author.pk), pasted="Head\n\nText"))

    article = Article.objects.get()
    assert article.created_by == contributor
    assert client.get(f"/admin/articles/article/{article.pk}/change/").status_code == 200
    [version] = Version.objects.get_for_object(article)
    assert version.revision.user == contributor
    assert version.revision.get_comment() == "Created from a pasted cross-post."


def test_a_paste_nested_too_deep_is_refused_keeping_its_plain_text(admin_client):
    author = AuthorFactory(name="Dana Whitfield")
    data = paste_form(
        author=str(author.pk),
        headline="What a TV show teaches us about work",
        pasted="The whole piece, as plain text.",
        pasted_html="<p>The whole piece,</p>" + "<div>" * 20_000 + "as plain text.",
    )

    response = admin_client.post(PAGE, data)

    assert form_errors(response) == (
        "* pasted\n  * The piece's formatting is nested more than 512 levels deep (elements "
        "inside elements), deeper than any browser shows a page. Its plain text is kept below: "
        "send the form again to use it, or simplify the original and paste it again."
    )
    form = response.context["form"]
    assert form["pasted"].value() == "The whole piece, as plain text."
    assert form["headline"].value() == "What a TV show teaches us about work"
    assert form["pasted_html"].value() == ""
    assert not Article.objects.exists()

    again = admin_client.post(PAGE, {**data, "pasted_html": form["pasted_html"].value()})

    assert again.templates[0].name.endswith("add_cross_post_check.html")
