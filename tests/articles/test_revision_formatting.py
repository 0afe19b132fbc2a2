"""The revision comparison names a change that leaves the words alone: a picture's alt text,
bold, italic or a link's extent."""

import pytest
import reversion
from bs4 import BeautifulSoup
from reversion.models import Version

from tests.articles.test_revisions import save_in_admin, versions_of
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def compared_rows(client, article) -> dict[str, str]:
    """The comparison of `article`'s first and last revisions: each row's text by its label."""
    versions = versions_of(article)
    response = client.get(
        f"/admin/articles/article/{article.pk}/history/compare/",
        {"from": versions[0].pk, "to": versions[-1].pk},
    )
    assert response.status_code == 200
    rows = BeautifulSoup(response.content.decode(), "html.parser").select(".revision-diff tbody tr")
    return {row.th.get_text(): row.td.decode_contents() for row in rows}


def figure(settings, alt: str) -> str:
    return (
        f'<p>The new pier.</p><figure class="figure"><img src="{settings.MEDIA_URL}pier.jpg" '
        f'alt="{alt}"><figcaption class="figure-caption">The pier</figcaption></figure>'
    )


def test_a_changed_alt_text_is_named_in_the_comparison(editor_client, settings):
    article = ArticleFactory(body=figure(settings, "A ferry at the pier"))
    save_in_admin(editor_client, article, body=figure(settings, "A ferry leaving the pier"))

    rows = compared_rows(editor_client, article)

    assert "Body" not in rows  # the words are the same
    assert rows["Body: formatting and images"] == (
        f"Image {settings.MEDIA_URL}pier.jpg, alt text: A ferry <del>at</del> <ins>leaving</ins>"
        " the pier"
    )


@pytest.mark.parametrize(
    ("before", "after", "shown"),
    [
        (
            "<p>Read the report today.</p>",
            "<p>Read <strong>the report</strong> today.</p>",
            "<ins>Bold: the report</ins>",
        ),
        (
            "<p>Read <em>the report</em> today.</p>",
            "<p>Read the report today.</p>",
            "<del>Italic: the report</del>",
        ),
        (
            "<p>Read <em>the report</em> today.</p>",
            "<p>Read <em>the report today</em>.</p>",
            "Italic: the report<ins> today</ins>",
        ),
        (
            '<p>Read <a href="https://example.com/r">the report</a> today.</p>',
            '<p>Read <a href="https://example.com/r">the</a> report today.</p>',
            "Link: the<del> report</del>",
        ),
    ],
)
def test_a_change_of_formatting_alone_is_named_in_the_comparison(
    editor_client, before, after, shown
):
    article = ArticleFactory(body=before)
    save_in_admin(editor_client, article, body=after)

    rows = compared_rows(editor_client, article)

    assert rows["Body: formatting and images"] == shown


def test_the_words_of_a_formatted_piece_are_compared_as_before(editor_client):
    article = ArticleFactory(body="<p>Read <strong>the report</strong> today.</p>")
    save_in_admin(editor_client, article, body="<p>Read <strong>the report</strong> now.</p>")

    rows = compared_rows(editor_client, article)

    assert rows == {"Body": "Read the report <del>today</del> <ins>now</ins>."}


def test_the_formatting_row_shows_stored_markup_as_text(editor_client, settings):
    article = ArticleFactory(body=figure(settings, "A ferry"))
    save_in_admin(editor_client, article, body=figure(settings, '<script>alert(1)</script>"'))

    html = compared_rows(editor_client, article)["Body: formatting and images"]

    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_a_contributor_cannot_read_the_formatting_of_anothers_piece_by_forged_ids(
    contributor, contributor_client
):
    own = ArticleFactory(status="draft", published_at=None, created_by=contributor)
    with reversion.create_revision():
        own.save()
    theirs = ArticleFactory(
        status="draft", published_at=None, body="<p><strong>A secret plan</strong></p>"
    )
    for body in ("<p><strong>A secret plan</strong></p>", "<p><em>A secret plan</em></p>"):
        theirs.body = body
        with reversion.create_revision():
            theirs.save()
    older, newer = Version.objects.get_for_object(theirs).order_by("pk")

    for path in (
        f"/admin/articles/article/{own.pk}/history/compare/",
        f"/admin/articles/article/{theirs.pk}/history/compare/",
    ):
        response = contributor_client.get(path, {"from": older.pk, "to": newer.pk})

        assert response.status_code in (403, 404)
        assert "secret" not in response.content.decode()
