"""An original URL naming a user before its host is never shown to the public, even when one is
in the database (saved before such addresses were refused, or written by a script): the page,
its credit, canonical link and JSON-LD, the feeds and the API leave it out."""

import json

import pytest

from articles.models import Article
from tests.articles.pages import page_text

pytestmark = pytest.mark.django_db

STORED = {
    "another host behind a familiar name": "https://www.linkedin.com@evil.example/pulse/work-dana",
    "a name and password": "https://dana:secret@www.linkedin.com/pulse/work-dana",
}
PUBLIC = [
    "/news/what-a-tv-show-teaches-us-about-work/",
    "/news/feed/",
    "/news/atom/",
    "/news/feed.json",
    "/api/v1/articles/what-a-tv-show-teaches-us-about-work/",
    "/api/v1/articles/",
]


@pytest.mark.parametrize("stored", STORED.values(), ids=STORED.keys())
def test_public_pages_never_show_an_original_url_naming_a_user(client, op_ed, stored):
    Article.objects.filter(pk=op_ed.pk).update(origin_url=stored)

    for path in PUBLIC:
        response = client.get(path)
        assert response.status_code == 200, path
        content = response.content.decode()
        assert "@evil.example" not in content, path
        assert "evil.example" not in content, path
        assert "dana:secret" not in content, path
        assert "secret@" not in content, path

    page = client.get(PUBLIC[0])
    html = page.content.decode()
    # The credit still names the original, without a link; the page is its own canonical copy.
    assert (
        "This piece was originally published on Dana Whitfield's LinkedIn on Jan 14, 2025."
        in page_text(page)
    )
    assert (
        '<link rel="canonical" href="http://testserver/news/what-a-tv-show-teaches-us-about-work/">'
        in html
    )
    api = json.loads(client.get(PUBLIC[4]).content)
    assert api["origin"] is None
    assert api["canonical"].endswith("/news/what-a-tv-show-teaches-us-about-work/")
