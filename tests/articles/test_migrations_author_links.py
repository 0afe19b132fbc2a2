"""Migration 0050: authors' stored profile links lose the user named before their host, or, when
that names another site than the link leads to, the link itself."""

import pytest

from articles.crosspost import origins
from articles.models.fields import validate_http_url
from newsroom.pagecache import CACHE_STATUS_HEADER
from tests.articles.migrating import SITE_LATEST, latest, migrate
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("restore_schema")]

BEFORE = [("articles", "0049_article_return_note"), SITE_LATEST]
AFTER = [("articles", "0050_author_links_without_user_info"), SITE_LATEST]
PROFILE = "www.linkedin.com/in/dana/"

# (slug, LinkedIn profile, website, both after the migration)
STORED = [
    # A name and password before the link's own host: they go, the address stays.
    (
        "password",
        f"https://dana:secret@{PROFILE}",
        "https://dana:pw@dana.example/",
        (f"https://{PROFILE}", "https://dana.example/"),
    ),
    ("port", "", "https://reader@dana.example:8443/a", ("", "https://dana.example:8443/a")),
    # LinkedIn's own name before LinkedIn's host, in the LinkedIn field: only the name goes.
    ("twice", f"https://www.linkedin.com@{PROFILE}", "", (f"https://{PROFILE}", "")),
    # Another site's name before the host: neither reading is safe to keep.
    (
        "lookalike",
        "https://www.linkedin.com@evil.example/in/dana",
        "https://dana.example@evil.example/",
        ("", ""),
    ),
    (
        "mixed",
        "https://www.linkedin.com@evil.example/in/dana",
        "https://dana.example/",
        ("", "https://dana.example/"),
    ),
    # No user: kept as they are, an "@" in the path too.
    (
        "clean",
        f"https://{PROFILE}",
        "https://medium.com/@dana",
        (f"https://{PROFILE}", "https://medium.com/@dana"),
    ),
    ("none", "", "", ("", "")),
]


def test_stored_profile_links_lose_the_user_before_their_host_or_the_link():
    old_apps = migrate(BEFORE)
    Author = old_apps.get_model("articles", "Author")
    for slug, linkedin, website, _ in STORED:
        Author.objects.create(name=slug, slug=slug, linkedin_url=linkedin, website_url=website)

    new_apps = migrate(AFTER)
    Author = new_apps.get_model("articles", "Author")
    rows = Author.objects.values_list("slug", "linkedin_url", "website_url")
    assert {slug: (linkedin, website) for slug, linkedin, website in rows} == {
        slug: after for slug, _, _, after in STORED
    }
    # Each link left is one a save accepts now.
    for url in filter(None, (url for *_, after in STORED for url in after)):
        validate_http_url(url)
        assert origins.linkable(url) == url

    # Going back cannot give the names and passwords back: the links stay as cleaned.
    old_apps = migrate(BEFORE)
    Author = old_apps.get_model("articles", "Author")
    assert Author.objects.get(slug="password").linkedin_url == f"https://{PROFILE}"
    migrate(AFTER)


def test_pages_showing_a_link_cleaned_of_its_user_are_retired_and_link_it_again(client):
    migrate(latest())
    author = AuthorFactory(name="Dana Whitfield", slug="dana-whitfield")
    ArticleFactory(slug="work", authors=[author])
    type(author).objects.filter(pk=author.pk).update(linkedin_url=f"https://dana:secret@{PROFILE}")
    pages = ["/news/work/", "/news/authors/dana-whitfield/"]
    for path in pages:
        client.get(path)
        page = client.get(path)
        assert page[CACHE_STATUS_HEADER] == "hit", path
        assert f'href="https://{PROFILE}"' not in page.content.decode(), path

    migrate(BEFORE)
    migrate(latest())

    for path in pages:
        page = client.get(path)
        assert page[CACHE_STATUS_HEADER] == "miss", path
        assert f'href="https://{PROFILE}"' in page.content.decode(), path
