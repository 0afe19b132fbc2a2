"""The notice a returned piece shows until it is submitted again names the editor who returned
it and when, as the piece recorded the return, in the newsroom's time zone."""

from datetime import UTC, datetime
from html import unescape

import pytest
from django.test import Client
from django.utils.html import strip_tags

from articles.models import Article
from tests.admin_forms import form_data, saved
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

NOTE = "Needs a second source for the figures in paragraph three."
# 13:05 UTC, 14:05 in London's summer time.
RETURNED_AT = datetime(2026, 7, 7, 13, 5, tzinfo=UTC)


@pytest.fixture(autouse=True)
def london(settings):
    settings.TIME_ZONE = "Europe/London"


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def client_for(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def returned(client, article, note: str = NOTE, *, at: datetime = RETURNED_AT) -> None:
    """Return `article` to draft with `note` as `client`'s editor, recorded at `at`."""
    data = form_data(client.get(change_url(article)))
    assert (
        client.post(change_url(article), data | {"_return": "", "return_reason": note}).status_code
        == 302
    )
    Article.objects.filter(pk=article.pk).update(returned_at=at)


def notice(client, article) -> str:
    """The returned piece's notice on its page as `client` sees it, as text; "" for none."""
    response = client.get(change_url(article))
    assert response.status_code == 200
    html = response.content.decode()
    if "publishing__returned" not in html:
        return ""
    start = html.index("publishing__returned")
    return html[html.index(">", start) + 1 : html.index("</p>", start)]


def test_the_writer_reads_who_returned_the_piece_and_when(
    editor_client, contributor_client, in_review
):
    returned(editor_client, in_review)

    shown = notice(contributor_client, in_review)

    assert unescape(strip_tags(shown)) == (
        f"Returned to draft by Edna Editor on Jul 7, 2026 14:05 BST: “{NOTE}”"
    )
    assert '<time datetime="2026-07-07T14:05:00+01:00">' in shown


def test_the_editor_reads_the_same_notice(editor_client, in_review):
    returned(editor_client, in_review)

    assert "Returned to draft by Edna Editor on Jul 7, 2026 14:05 BST" in unescape(
        strip_tags(notice(editor_client, in_review))
    )


def test_another_contributor_cannot_open_the_piece_nor_read_its_notice(editor_client, in_review):
    returned(editor_client, in_review)
    other = client_for(StaffFactory(group="Contributors"))

    response = other.get(change_url(in_review), follow=True)

    html = response.content.decode()
    assert "publishing__returned" not in html
    assert NOTE not in html
    assert "Edna Editor" not in html


def test_an_editor_without_a_full_name_is_named_by_username(contributor_client, in_review):
    editor = StaffFactory(username="dana", first_name="", last_name="", group="Editors")
    returned(client_for(editor), in_review)

    assert "Returned to draft by dana on" in strip_tags(notice(contributor_client, in_review))


def test_the_writers_own_saves_after_the_return_leave_the_editor_named(
    editor_client, contributor_client, in_review
):
    returned(editor_client, in_review)

    saved(contributor_client, change_url(in_review), headline="Now with a second source")
    saved(contributor_client, change_url(in_review), headline="Now with two more sources")

    shown = strip_tags(notice(contributor_client, in_review))
    assert "by Edna Editor on Jul 7, 2026 14:05 BST" in unescape(shown)
    assert "Colin" not in shown


def test_a_second_return_names_its_own_editor_time_and_note(
    editor_client, contributor_client, in_review
):
    returned(editor_client, in_review, "First pass.")
    saved(contributor_client, change_url(in_review), _submit="")
    dana = StaffFactory(username="dana", first_name="Dana", last_name="Desk", group="Editors")
    # 10:30 UTC in winter is 10:30 in London.
    returned(
        client_for(dana), in_review, "Second pass.", at=datetime(2026, 12, 7, 10, 30, tzinfo=UTC)
    )

    assert unescape(strip_tags(notice(contributor_client, in_review))) == (
        "Returned to draft by Dana Desk on Dec 7, 2026 10:30 GMT: “Second pass.”"
    )


def test_the_note_and_the_editors_name_are_escaped(contributor_client, in_review):
    editor = StaffFactory(first_name="<b>Dana</b>", last_name="<i>Desk</i>", group="Editors")
    returned(client_for(editor), in_review, '<script>alert("x")</script> & more')

    html = contributor_client.get(change_url(in_review)).content.decode()

    assert "<script>alert" not in html
    assert "<b>Dana</b>" not in html
    assert "by &lt;b&gt;Dana&lt;/b&gt; &lt;i&gt;Desk&lt;/i&gt; on" in html
    assert "“&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more”" in html


def test_a_return_whose_editor_was_deleted_since_still_says_when(contributor_client, in_review):
    editor = StaffFactory(username="gone", first_name="Gone", last_name="Editor", group="Editors")
    returned(client_for(editor), in_review)
    editor.delete()

    assert unescape(strip_tags(notice(contributor_client, in_review))) == (
        f"Returned to draft on Jul 7, 2026 14:05 BST: “{NOTE}”"
    )
