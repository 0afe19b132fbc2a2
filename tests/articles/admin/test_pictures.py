"""Pictures in the text: the picker the editor's "Insert figure" dialog opens, and the checks."""

import pytest
from bs4 import BeautifulSoup

from articles.editing.checks import text_pictures_note
from articles.models import Article
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

PICKER_URL = "/admin/articles/article/pictures/"


def test_the_picker_lists_the_pictures_of_articles_with_their_alt_text(editor_client, make_upload):
    ArticleFactory(
        headline="Ferry season opens",
        featured_image=make_upload("ferry.jpg"),
        featured_image_alt="The ferry at dawn",
        featured_image_caption="The first crossing",
    )
    ArticleFactory(headline="No picture")

    response = editor_client.get(PICKER_URL)

    assert response.status_code == 200
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }
    soup = BeautifulSoup(response.content, "html.parser")
    buttons = soup.select(".picture-picker__use")
    assert len(buttons) == 1
    assert buttons[0]["data-src"].startswith("/media/renditions/articles/")
    assert buttons[0]["data-alt"] == "The ferry at dawn"
    assert buttons[0]["data-caption"] == "The first crossing"
    assert not soup.find("script", src=False)  # no inline script under the CSP


def test_a_contributor_sees_only_the_pictures_of_pieces_they_may_open(
    contributor, contributor_client, make_upload
):
    ArticleFactory(
        status="draft", featured_image=make_upload("secret.jpg"), featured_image_alt="Secret"
    )
    ArticleFactory(
        status="draft",
        created_by=contributor,
        featured_image=make_upload("mine.jpg"),
        featured_image_alt="Mine",
    )

    soup = BeautifulSoup(contributor_client.get(PICKER_URL).content, "html.parser")

    assert [button["data-alt"] for button in soup.select(".picture-picker__use")] == ["Mine"]


def test_the_picker_is_for_signed_in_staff(client):
    assert client.get(PICKER_URL).status_code == 302


def test_the_picker_is_refused_to_staff_who_may_not_see_articles(client, make_upload):
    ArticleFactory(featured_image=make_upload("ferry.jpg"), featured_image_alt="The ferry")
    client.force_login(UserFactory(username="no-permissions", is_staff=True))

    response = client.get(PICKER_URL)

    assert response.status_code == 403
    assert "The ferry" not in response.content.decode()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<p>No picture.</p>", None),
        (
            '<figure><img src="/media/a.jpg" alt="A ferry"></figure>'
            '<figure><img src="/media/b.jpg" alt=" "></figure>',
            ("advice", "1 of 2 pictures in the text has no alt text"),
        ),
        ('<figure><img src="/media/a.jpg" alt="A ferry"></figure>', ("ok", "1 picture, each")),
    ],
)
def test_the_checks_ask_for_alt_text_on_pictures_in_the_text(body, expected):
    note = text_pictures_note(Article(body=body))

    if expected is None:
        assert note is None
    else:
        assert note.state == expected[0]
        assert expected[1] in note.text
