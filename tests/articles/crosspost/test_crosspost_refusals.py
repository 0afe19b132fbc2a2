"""The paste page refuses an original already re-published (under any of its addresses), one
someone else is drafting, and bad input, with a clear message and nothing saved."""

from html import unescape

import pytest

from articles.models import Article, Author
from tests.articles.crosspost.paste_page import (
    ORIGIN,
    PAGE,
    form_errors,
    paste_form,
)
from tests.factories import ArticleFactory, AuthorFactory, StaffFactory

pytestmark = pytest.mark.django_db


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
