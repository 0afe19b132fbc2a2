"""Contributors draft and submit; editors do everything. Checked over HTTP, on the form and POST."""

import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.utils import timezone

from articles.models import Article, DraftBuffer
from articles.workflow import editing, publishing
from tests.admin_forms import form_data
from tests.articles.admin.article_forms import article_form
from tests.factories import ArticleFactory, AuthorFactory, make_editor

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/articles/article/"


def change_url(article) -> str:
    return f"{LIST_URL}{article.pk}/change/"


def messages_of(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def test_the_groups_hold_exactly_the_permissions_of_their_role():
    def codenames(name):
        group = Group.objects.get(name=name)
        return set(group.permissions.values_list("content_type__app_label", "codename"))

    contributors = codenames("Contributors")
    editors = codenames("Editors")

    assert ("articles", "publish_article") in editors
    assert ("articles", "publish_article") not in contributors
    assert ("articles", "delete_article") not in contributors
    assert ("articles", "add_previewlink") not in contributors
    assert ("articles", "change_author") not in contributors
    assert {("articles", "add_article"), ("articles", "change_article")} <= contributors
    assert {("newsroom", "change_sitepage"), ("taggit", "change_tag")} <= editors
    assert not any(app == "auth" for app, _ in contributors | editors)


def test_a_contributor_creates_a_draft_that_is_theirs(contributor_client, contributor):
    response = contributor_client.post(f"{LIST_URL}add/", article_form(AuthorFactory()))

    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.created_by == contributor


def test_a_contributor_cannot_publish_through_the_form(contributor_client):
    response = contributor_client.post(
        f"{LIST_URL}add/", article_form(AuthorFactory(), _publish="")
    )

    assert response.status_code == 403
    assert not Article.objects.exists()


def test_a_contributors_form_has_no_schedule_nor_feature_flag(contributor_client, contributor):
    article = ArticleFactory(status="draft", published_at=None, created_by=contributor)

    response = contributor_client.get(change_url(article))

    form = response.context["adminform"].form
    assert "schedule_at" not in form.fields
    assert "published_at" not in form.fields
    assert "is_featured" not in form.fields


def test_a_contributor_edits_and_submits_their_own_draft(contributor_client, contributor):
    article = ArticleFactory(status="draft", published_at=None, created_by=contributor)
    data = form_data(
        contributor_client.get(change_url(article)), headline="Better headline", _submit=""
    )

    response = contributor_client.post(change_url(article), data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.status) == ("Better headline", "in-review")


def test_a_posted_publication_time_or_feature_flag_from_a_contributor_is_ignored(
    contributor_client, contributor
):
    article = ArticleFactory(status="draft", published_at=None, created_by=contributor)
    data = form_data(contributor_client.get(change_url(article)))
    data |= {"published_at_0": "2030-01-01", "published_at_1": "09:00", "is_featured": "on"}

    contributor_client.post(change_url(article), data)

    article.refresh_from_db()
    assert article.published_at is None
    assert not article.is_featured


def test_a_contributor_may_edit_drafts_that_carry_their_byline(contributor_client, contributor):
    article = ArticleFactory(
        status="draft", published_at=None, authors=[AuthorFactory(user=contributor)]
    )

    response = contributor_client.get(change_url(article))

    assert response.context["has_change_permission"]


@pytest.mark.parametrize("mine", [True, False], ids=["own published piece", "someone else's"])
def test_a_contributor_cannot_change_what_is_not_their_draft(contributor_client, contributor, mine):
    article = ArticleFactory(headline="Original", created_by=contributor if mine else None)
    page = contributor_client.get(change_url(article))
    assert page.status_code == 200
    assert not page.context["has_change_permission"]  # shown read-only

    data = article_form(None, headline="Defaced")
    response = contributor_client.post(change_url(article), data)

    # Their own piece is shown again read-only, with what they sent to copy (see below).
    assert response.status_code == (200 if mine else 403)
    article.refresh_from_db()
    assert article.headline == "Original"


def keep_typing(browser, article, fields: dict):
    body = json.dumps({"token": editing.edit_token(article), "fields": fields})
    return browser.post(autosave_url(article), body, content_type="application/json")


def autosave_url(article) -> str:
    return f"{LIST_URL}{article.pk}/autosave/"


def test_a_contributors_unsaved_edits_survive_an_editor_publishing_the_piece(
    contributor, contributor_client
):
    piece = ArticleFactory(
        status="in-review", published_at=None, created_by=contributor, body="<p>Old text.</p>"
    )
    url = change_url(piece)
    typed = form_data(contributor_client.get(url), body="<p>Three new paragraphs of work.</p>")
    kept = keep_typing(contributor_client, piece, {"dek": "A summary kept while typing."})
    assert kept.status_code == 200

    # Meanwhile an editor publishes the piece as it was.
    publishing.publish(Article.objects.get(pk=piece.pk))
    version = Article.objects.get(pk=piece.pk).version

    response = contributor_client.post(url, typed | {"_continue": ""})

    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    html = response.content.decode()
    assert "An editor published this piece while you were editing" in html
    assert "copy it and send it to an editor" in html
    assert "&lt;p&gt;Three new paragraphs of work.&lt;/p&gt;</textarea>" in html
    assert not BeautifulSoup(html, "html.parser").select("#article_form button[type=submit]")
    piece.refresh_from_db()
    assert (piece.body, piece.version) == ("<p>Old text.</p>", version)

    # Their autosave copy reads back, and the read-only form shows it to copy; it stays theirs.
    kept = contributor_client.get(autosave_url(piece))
    assert kept.status_code == 200
    assert kept.json()["fields"] == {"dek": "A summary kept while typing."}
    page = contributor_client.get(url).content.decode()
    assert "Your unsaved changes from" in page
    assert "A summary kept while typing.</textarea>" in page
    assert keep_typing(contributor_client, piece, {"dek": "More"}).status_code == 403
    assert contributor_client.post(f"{autosave_url(piece)}discard/").status_code == 403
    assert DraftBuffer.objects.get().fields == {"dek": "A summary kept while typing."}
    piece.refresh_from_db()
    assert piece.version == version


def test_a_late_save_shows_no_one_else_a_piece_nor_changes_one(contributor, contributor_client):
    others_public = ArticleFactory(headline="Theirs, public")
    others_scheduled = ArticleFactory(
        headline="Theirs, scheduled", published_at=timezone.now() + timedelta(days=1)
    )
    own_scheduled = ArticleFactory(
        headline="Mine", created_by=contributor, published_at=timezone.now() + timedelta(days=1)
    )
    editor_buffer = DraftBuffer.objects.create(
        article=own_scheduled,
        user=make_editor(),
        fields={"headline": "The editor's unsaved headline"},
        based_on_version=1,
        based_on_token="1:0",
    )
    sent = article_form(None, headline="Defaced", body="<p>Defaced.</p>")

    assert contributor_client.post(change_url(others_public), sent).status_code == 403
    assert contributor_client.get(autosave_url(others_public)).status_code == 403
    for forged in (others_scheduled.pk, 999999):
        response = contributor_client.post(f"{LIST_URL}{forged}/change/", sent, follow=True)
        assert "Theirs, scheduled" not in response.content.decode()
        assert "doesn’t exist" in messages_of(response)
        forged_autosave = contributor_client.get(f"{LIST_URL}{forged}/autosave/")
        assert forged_autosave.status_code == 404
    # Only their own buffer: an editor's of the same piece is never shown to them.
    assert contributor_client.get(autosave_url(own_scheduled)).status_code == 404
    page = contributor_client.post(change_url(own_scheduled), sent).content.decode()
    assert "An editor scheduled this piece while you were editing" in page
    assert "The editor&#x27;s unsaved headline" not in page
    # A forged publishing button is refused before anything is read, as ever.
    forged_publish = contributor_client.post(change_url(own_scheduled), sent | {"_publish": ""})
    assert forged_publish.status_code == 403

    stored = Article.objects.order_by("pk").values_list("headline", "version")
    assert list(stored) == [
        (article.headline, article.version)
        for article in (others_public, others_scheduled, own_scheduled)
    ]
    assert list(DraftBuffer.objects.all()) == [editor_buffer]


def test_someone_elses_draft_is_not_in_a_contributors_admin(contributor_client):
    article = ArticleFactory(headline="Original", status="draft", published_at=None)

    page = contributor_client.get(change_url(article), follow=True)
    response = contributor_client.post(change_url(article), article_form(None, headline="Defaced"))

    assert "Original" not in page.content.decode()
    assert "doesn’t exist" in messages_of(page)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Original"


def test_a_contributor_cannot_delete(contributor_client, contributor):
    article = ArticleFactory(status="draft", published_at=None, created_by=contributor)

    response = contributor_client.post(f"{LIST_URL}{article.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


def test_a_contributor_sees_no_publish_actions_and_a_forged_one_does_nothing(
    contributor_client, contributor
):
    article = ArticleFactory(status="draft", published_at=None, created_by=contributor)

    actions = dict(contributor_client.get(LIST_URL).context["action_form"].fields["action"].choices)
    assert "submit_for_review" in actions
    assert "publish_selected" not in actions
    assert "unpublish_selected" not in actions

    for action in ["publish_selected", "unpublish_selected"]:
        contributor_client.post(LIST_URL, {"action": action, "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT

    live = ArticleFactory()
    contributor_client.post(
        LIST_URL, {"action": "unpublish_selected", "_selected_action": [live.pk]}
    )
    live.refresh_from_db()
    assert live.is_published


def test_a_contributor_submits_only_their_own_drafts_for_review(contributor_client, contributor):
    mine = ArticleFactory(status="draft", published_at=None, created_by=contributor)
    theirs = ArticleFactory(status="draft", published_at=None)
    public = ArticleFactory()

    response = contributor_client.post(
        LIST_URL,
        {"action": "submit_for_review", "_selected_action": [mine.pk, theirs.pk, public.pk]},
        follow=True,
    )

    mine.refresh_from_db()
    theirs.refresh_from_db()
    public.refresh_from_db()
    assert (mine.status, theirs.status, public.status) == ("in-review", "draft", "published")
    assert "Submitted 1 draft for review." in messages_of(response)
    assert "1 article was left as it was" in messages_of(response)


def test_a_contributor_cannot_link_an_author_to_a_login(contributor_client, contributor):
    response = contributor_client.post(
        "/admin/articles/author/add/",
        {"name": "Dana Whitfield", "slug": "dana-whitfield", "user": str(contributor.pk)},
    )

    assert response.status_code == 302
    assert AuthorFactory._meta.model.objects.get().user is None


def test_a_contributor_cannot_reach_site_pages_or_users(contributor_client):
    assert contributor_client.get("/admin/newsroom/sitepage/").status_code == 403
    assert contributor_client.get("/admin/auth/user/").status_code == 403
    assert contributor_client.get("/admin/articles/article/recover/").status_code == 403


def test_an_editor_publishes_schedules_and_unpublishes(editor_client):
    draft = ArticleFactory(status="draft", published_at=None)
    later = timezone.localtime() + timedelta(days=2)
    data = form_data(
        editor_client.get(change_url(draft)),
        _schedule="",
        schedule_at=later.strftime("%Y-%m-%dT09:00"),
    )

    response = editor_client.post(change_url(draft), data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_scheduled

    editor_client.post(LIST_URL, {"action": "unpublish_selected", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Article.Status.UNPUBLISHED


def test_an_editor_edits_anyones_published_piece_and_deletes(editor_client):
    article = ArticleFactory(headline="Old")
    data = form_data(editor_client.get(change_url(article)), headline="New")

    assert editor_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.headline == "New"

    response = editor_client.post(f"{LIST_URL}{article.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.exists()


def test_an_editor_manages_site_pages_and_authors(editor_client):
    assert editor_client.get("/admin/newsroom/sitepage/add/").status_code == 200
    assert editor_client.get("/admin/articles/author/add/").status_code == 200
    assert editor_client.get("/admin/taggit/tag/").status_code == 200
    assert editor_client.get("/admin/auth/user/").status_code == 403
