"""Staff paste a cross-posted piece in the admin, check what it becomes and get a clean draft."""

from datetime import date
from html import unescape

import pytest
from django.contrib.auth.models import Permission

from articles.models import Article, Author, ContentWarning
from tests.articles.crosspost.pastes import pasted
from tests.factories import ArticleFactory, AuthorFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGE = "/admin/articles/article/add-cross-post/"
CHECK = "/admin/articles/article/add-cross-post/check/"
ORIGIN = "https://www.linkedin.com/pulse/what-tv-show-teaches-us-work-dana-whitfield/"


def staff(*codenames: str):
    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def paste_form(**overrides) -> dict:
    data = {
        "origin_url": f"{ORIGIN}?trackingId=abc%3D%3D&trk=public_post",
        "author": "",
        "new_author_name": "",
        "new_author_role": "",
        "new_author_organisation": "",
        "new_author_linkedin": "",
        "origin_published_on": "",
        "headline": "",
        "introduction": "",
        "pasted": "",
        "pasted_html": "",
    }
    return data | overrides


def form_errors(response) -> str:
    assert response.status_code == 200, "expected the form again, with errors"
    return unescape(response.context["form"].errors.as_text())


def check_data(response, **changes) -> dict:
    """The check step's form as the page shows it, with `changes` made: what "Make the draft"
    posts."""
    assert response.status_code == 200, response.status_code
    assert response.templates[0].name.endswith("add_cross_post_check.html"), "not the check step"
    form = response.context["form"]
    data = {name: form[name].value() for name in form.fields if name != "keep"}
    return {name: "" if value is None else value for name, value in data.items()} | changes


def make_draft(client, data: dict, **changes):
    """Paste, then make the draft from the check step as shown (with `changes`)."""
    return client.post(CHECK, check_data(client.post(PAGE, data), **changes), follow=True)


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


def test_a_piece_already_imported_is_refused_with_a_link_to_it(admin_client):
    existing = ArticleFactory(headline="The first copy", origin_url=ORIGIN)
    author = AuthorFactory()

    response = admin_client.post(
        PAGE,
        paste_form(
            origin_url=f"{ORIGIN}?utm_source=share&utm_medium=member_desktop",
            author=str(author.pk),
            pasted="A headline\n\nThe text.",
        ),
    )

    assert "This original is already re-published as" in form_errors(response)
    assert (
        f'<a href="/admin/articles/article/{existing.pk}/change/">The first copy</a>'
        in response.text
    )
    assert Article.objects.count() == 1


POST = (
    "https://www.linkedin.com/posts/dana-whitfield_meetings-notes-activity-7151234567890123456-AbCd"
)


@pytest.mark.parametrize(
    ("stored", "pasted"),
    [
        (ORIGIN, ORIGIN.rstrip("/")),
        (ORIGIN, ORIGIN.replace("https://", "http://")),
        (ORIGIN, ORIGIN.replace("www.", "")),
        (ORIGIN, ORIGIN.replace("www.", "uk.")),
        (POST, "https://www.linkedin.com/feed/update/urn:li:activity:7151234567890123456/"),
        (
            "https://x.com/dana/status/1879123456789",
            "https://twitter.com/dana/status/1879123456789",
        ),
        # A tweet is its status id, whatever the handle's case or the form of its address.
        (
            "https://twitter.com/DanaWhitfield/status/1879123456789",
            "https://x.com/danawhitfield/status/1879123456789",
        ),
        (
            "https://x.com/dana/status/1879123456789",
            "https://twitter.com/i/web/status/1879123456789",
        ),
        (
            "https://x.com/i/status/1879123456789",
            "https://mobile.twitter.com/Dana/status/1879123456789/",
        ),
        (
            "https://x.com/dana/status/1879123456789",
            "https://x.com/dana/status/1879123456789/photo/1",
        ),
        # Substack's "Copy link", which leads to the post's own address.
        (
            "https://dana.substack.com/p/why-boards-fail",
            "https://open.substack.com/pub/dana/p/why-boards-fail?r=2xyz&utm_campaign=post"
            "&utm_medium=web&showWelcomeOnShare=true",
        ),
    ],
    ids=[
        "trailing-slash",
        "http",
        "no-www",
        "country-host",
        "post-as-feed-update",
        "twitter",
        "handle-case",
        "tweet-as-i-web",
        "tweet-as-i",
        "tweet-photo",
        "substack-share",
    ],
)
def test_the_same_original_under_another_of_its_addresses_is_refused(admin_client, stored, pasted):
    ArticleFactory(headline="The first copy", origin_url=stored)

    response = admin_client.post(
        PAGE,
        paste_form(origin_url=pasted, author=str(AuthorFactory().pk), pasted="A headline\n\nText."),
    )

    assert "This original is already re-published as" in form_errors(response)
    assert Article.objects.count() == 1


def test_a_piece_someone_else_is_drafting_is_refused_without_naming_it(
    contributor_client,
):
    editor = StaffFactory(username="ed", group="Editors")
    hidden = ArticleFactory(
        status=Article.Status.DRAFT,
        headline="Falcon ships in May",
        origin_url=ORIGIN,
        created_by=editor,
    )

    response = contributor_client.post(
        PAGE,
        paste_form(
            origin_url=ORIGIN, author=str(AuthorFactory().pk), pasted="A headline\n\nThe text."
        ),
    )

    assert "already re-published by the newsroom, in a piece you cannot open" in form_errors(
        response
    )
    assert "Falcon ships in May" not in response.text
    assert f"/admin/articles/article/{hidden.pk}/change/" not in response.text
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"pasted": "  "}, "Paste the piece: its text is what the draft is made of."),
        (
            {"pasted": "Like\nComment\nShare\n128 reactions"},
            "Nothing of the piece was left after cleaning.",
        ),
        ({"origin_url": "javascript:alert(1)"}, "Enter a full web address starting with https://."),
        (
            {"origin_url": "https://www.linkedin.com@evil.example/pulse/piece"},
            "Leave out the part before “@”: this address leads to evil.example.",
        ),
        (
            {"origin_url": "https://dana:secret@www.linkedin.com/pulse/piece"},
            "Leave out the part before “@”: this address leads to www.linkedin.com.",
        ),
        ({"origin_url": ""}, "This field is required."),
        (
            {"origin_url": "https://lnkd.in/gQ7xK2bR"},
            "This is a short link. Open it and paste the address it leads to.",
        ),
        ({"origin_url": "bit.ly/3xYzAbC"}, "This is a short link."),
        ({"author": ""}, "Choose the author, or add a new one below."),
        (
            {"new_author_name": "dana whitfield", "author": ""},
            "Dana Whitfield is already an author: choose them above instead.",
        ),
        ({"new_author_name": "Someone New"}, "Choose an author or add a new one, not both."),
        ({"author": "99999"}, "Select a valid choice. That choice is not one of the available"),
        ({"author": "one"}, "Select a valid choice. That choice is not one of the available"),
        ({"headline": "h" * 201}, "Ensure this value has at most 200 characters (it has 201)."),
        ({"origin_url": "https://x.example/" + "a" * 500}, "at most 500 characters"),
        (
            {"author": "", "new_author_name": "n" * 121},
            "Ensure this value has at most 120 characters (it has 121).",
        ),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(
    admin_client, overrides, message
):
    author = AuthorFactory(name="Dana Whitfield")
    data = paste_form(author=str(author.pk), pasted="A headline\n\nThe text.") | overrides

    response = admin_client.post(PAGE, data)

    assert message in form_errors(response)
    assert not Article.objects.exists()
    assert Author.objects.count() == 1
    if data["pasted"].strip():
        assert data["pasted"] in unescape(response.text)  # what was pasted is kept


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("origin_url", "linkedin post of dana"),
        ("origin_url", "ftp://files.example/piece"),
        ("new_author_linkedin", "dana on linkedin"),
    ],
)
def test_a_web_address_that_is_not_one_is_reported_once(admin_client, field, value):
    data = paste_form(new_author_name="Dana Whitfield", pasted="A headline\n\nThe text.")

    response = admin_client.post(PAGE, data | {field: value})

    assert response.context["form"].errors[field] == [
        "Enter a full web address starting with https://."
    ]


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
