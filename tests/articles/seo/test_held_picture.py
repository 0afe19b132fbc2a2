"""What a link preview and structured data say of a piece's picture: its alt text, except for
a piece held behind its warning, whose page shows the picture's words only once the reader
opens the text (and the API gives them empty, by the same rule)."""

import json

import pytest

from articles.models import ContentWarning
from tests.articles.seo.test_structured_data import head_tags
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ALT = "Mourners outside the church"
CAPTION = "Her coffin is carried from the church by her three sons."


@pytest.fixture
def picture(make_upload):
    return {
        "featured_image": make_upload("funeral.jpg", size=(1600, 900)),
        "featured_image_alt": ALT,
        "featured_image_caption": CAPTION,
    }


def test_a_held_pieces_preview_and_structured_data_leave_out_its_pictures_words(client, picture):
    article = ArticleFactory(slug="held", hold_behind_warning=True, **picture)
    ContentWarning.objects.create(
        article=article, kind=ContentWarning.Kind.GRIEF, text="describes a bereavement"
    )

    html = client.get("/news/held/").content.decode()

    head = html[: html.index("</head>")]
    tags = head_tags(html)
    assert tags.meta["og:image"][0].endswith(".jpg")  # the picture itself is shared
    assert "og:image:alt" not in tags.meta
    assert "twitter:image:alt" not in tags.meta
    assert ALT not in head
    assert CAPTION not in head
    data = json.dumps(tags.json_ld, ensure_ascii=False)
    assert ALT not in data
    assert CAPTION not in data
    assert tags.article["image"]
    assert api_image(client, "held")[:2] == ("", "")  # the same rule


def test_an_open_pieces_preview_describes_its_picture(client, picture):
    ArticleFactory(slug="open", **picture)

    tags = head_tags(client.get("/news/open/").content.decode())

    assert tags.meta["og:image:alt"] == [ALT]
    assert tags.meta["twitter:image:alt"] == [ALT]
    assert api_image(client, "open")[:2] == (ALT, CAPTION)


def api_image(client, slug: str) -> tuple[str, str, str]:
    image = client.get(f"/api/v1/articles/{slug}/").json()["image"]
    return image["alt"], image["caption"], image["credit"]
