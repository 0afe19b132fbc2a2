"""An author's profile link naming a user before its host is refused on save and never shown to
the public, even when one is in the database (saved before such addresses were refused, or
written by a script): their page, the author box and JSON-LD of their pieces, and the API leave
it out, and show the other link."""

import json

import pytest

from articles.models import Author
from tests.articles.hostile_everything import admin_post

pytestmark = pytest.mark.django_db

STORED = {
    "another host behind a familiar name": "https://www.linkedin.com@evil.example/in/dana",
    "a name and password": "https://dana:secret@www.linkedin.com/in/dana",
}
WEBSITE = "https://dana.example/"
PUBLIC = [
    "/news/what-a-tv-show-teaches-us-about-work/",
    "/news/authors/dana-whitfield/",
    "/news/feed/authors/dana-whitfield/",
    "/news/feed.json",
    "/api/v1/authors/dana-whitfield/",
    "/api/v1/authors/",
]


def json_ld(html: str) -> list[dict]:
    blocks = html.split('<script type="application/ld+json">')[1:]
    return [json.loads(block.partition("</script>")[0]) for block in blocks]


def same_as(html: str) -> list[list[str]]:
    """The `sameAs` of every Person with a page here in the page's JSON-LD, however deep (the
    original's author, in `isBasedOn`, has none)."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("@type") == "Person" and "url" in node:
                found.append(node.get("sameAs", []))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json_ld(html))
    return found


@pytest.mark.parametrize("field", ["linkedin_url", "website_url"])
@pytest.mark.parametrize("stored", STORED.values(), ids=STORED.keys())
def test_public_pages_never_show_a_profile_link_naming_a_user(client, op_ed, field, stored):
    other = {"linkedin_url": "website_url", "website_url": "linkedin_url"}[field]
    kept = WEBSITE if other == "website_url" else "https://www.linkedin.com/in/dana-whitfield/"
    Author.objects.filter(slug="dana-whitfield").update(**{field: stored, other: kept})

    for path in PUBLIC:
        response = client.get(path)
        assert response.status_code == 200, path
        content = response.content.decode()
        assert "evil.example" not in content, path
        assert "dana:secret" not in content, path
        assert "secret@" not in content, path

    # The other link is still shown on their page, and given to search engines as theirs.
    assert f'href="{kept}"' in client.get("/news/authors/dana-whitfield/").content.decode()
    for path in PUBLIC[:2]:
        html = client.get(path).content.decode()
        assert {tuple(links) for links in same_as(html)} == {(kept,)}, path
    api = json.loads(client.get("/api/v1/authors/dana-whitfield/").content)
    assert (api[field], api[other]) == ("", kept)


def test_a_profile_link_naming_a_user_is_refused_on_save(admin_client):
    response, errors = admin_post(
        admin_client,
        "/admin/articles/author/add/",
        {"name": "Dana", "slug": "dana", "linkedin_url": STORED["a name and password"]},
    )

    assert response.status_code == 200
    assert "Leave out the part before “@”: this address leads to www.linkedin.com." in errors
    assert not Author.objects.exists()
