"""Two people, one article: a stale save is refused with the input kept; presence is shown."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from articles.models import Article
from articles.workflow import editing
from tests.admin_forms import errors_on, form_data
from tests.factories import ArticleFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def two_editors():
    first = StaffFactory(first_name="Ana", last_name="Ribeiro", group="Editors")
    second = StaffFactory(first_name="Tom", last_name="Weiss", group="Editors")
    browsers = []
    for user in (first, second):
        browser = Client()
        browser.force_login(user)
        browsers.append(browser)
    return browsers


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def test_the_second_save_from_an_older_copy_is_refused_with_the_input_kept(two_editors):
    ana, tom = two_editors
    article = ArticleFactory(headline="Original headline", dek="Original summary.")
    url = change_url(article)
    ana_form = form_data(ana.get(url))
    tom_form = form_data(tom.get(url))

    assert ana.post(url, ana_form | {"headline": "Ana's headline"}).status_code == 302
    response = tom.post(url, tom_form | {"dek": "Tom's carefully written summary."})

    errors = errors_on(response)
    assert "Ana Ribeiro saved this article" in errors
    assert "after you opened it" in errors
    assert "Changed meanwhile: Headline." in errors
    html = response.content.decode()
    assert "Tom&#x27;s carefully written summary." in html  # the refused input is kept
    assert "Changed by Ana Ribeiro while you were editing" in html
    assert "<del>Original</del> <ins>Ana&#x27;s</ins> headline" in html
    article.refresh_from_db()
    assert (article.headline, article.dek) == ("Ana's headline", "Original summary.")


def test_saving_again_after_the_refusal_is_a_deliberate_choice_and_succeeds(two_editors):
    ana, tom = two_editors
    article = ArticleFactory(headline="Original headline")
    url = change_url(article)
    tom_form = form_data(tom.get(url))
    ana.post(url, form_data(ana.get(url)) | {"headline": "Ana's headline"})

    refused = tom.post(url, tom_form | {"headline": "Tom's headline"})
    again = tom.post(url, form_data(refused))

    assert again.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Tom's headline"


def test_a_refused_save_names_the_files_it_dropped_and_asks_for_them_again(
    two_editors, make_upload
):
    ana, tom = two_editors
    article = ArticleFactory(headline="Original headline")
    url = change_url(article)
    tom_form = form_data(tom.get(url))
    assert ana.post(url, form_data(ana.get(url), dek="Ana's dek.")).status_code == 302

    # Tom adds the featured image with its alt text and saves from his older copy.
    refused = tom.post(
        url,
        tom_form
        | {"featured_image": make_upload("harbour.jpg"), "featured_image_alt": "The harbour"},
    )

    # A browser cannot fill a file box in again: the refusal says so rather than "all kept".
    errors = errors_on(refused)
    assert "still in the form below, except the file you chose" in errors
    assert "choose harbour.jpg again before you save" in errors
    assert "choose harbour.jpg again before you save" in refused.content.decode()
    article.refresh_from_db()
    assert not article.featured_image

    again = tom.post(url, form_data(refused) | {"featured_image": make_upload("harbour.jpg")})

    assert again.status_code == 302, errors_on(again)
    article.refresh_from_db()
    assert article.featured_image_alt == "The harbour"
    assert article.featured_image.name.endswith(".jpg")


def test_the_same_user_saving_twice_from_one_form_is_refused_the_second_time(admin_client):
    article = ArticleFactory()
    url = change_url(article)
    stale = form_data(admin_client.get(url))

    assert admin_client.post(url, stale | {"headline": "One"}).status_code == 302
    response = admin_client.post(url, stale | {"headline": "Two"})

    assert "You saved this article at " in errors_on(response)
    assert "after this page was opened" in errors_on(response)


def test_going_back_after_publishing_and_saving_again_names_your_own_save(editor_client):
    draft = ArticleFactory(status="draft", published_at=None, headline="First headline")
    url = change_url(draft)
    stale = form_data(editor_client.get(url))
    assert editor_client.post(url, stale | {"_publish": ""}).status_code == 302

    response = editor_client.post(url, stale | {"headline": "From the page gone back to"})

    errors = errors_on(response)
    assert errors.count("You saved this article at ") == 1
    assert "after this page was opened (in another tab or window, or before going back" in errors
    assert "Changed meanwhile: Status, Publication time." in errors
    assert "Edna Editor" not in errors
    assert "after you opened it" not in errors
    html = response.content.decode()
    assert "You saved this article after this page was opened</h2>" in html
    assert "Changed by" not in html
    draft.refresh_from_db()
    assert (draft.headline, draft.status) == ("First headline", Article.Status.PUBLISHED)
    # The protection is the same: saving again from the form shown is the deliberate choice.
    again = form_data(response, headline="From the page gone back to")
    assert editor_client.post(url, again).status_code == 302


def test_a_conflict_names_the_other_editor_to_each_of_two_editors(two_editors):
    ana, tom = two_editors
    article = ArticleFactory()
    url = change_url(article)
    ana_form, tom_form = form_data(ana.get(url)), form_data(tom.get(url))
    assert tom.post(url, tom_form | {"headline": "Tom's"}).status_code == 302

    errors = errors_on(ana.post(url, ana_form | {"headline": "Ana's"}))

    assert "Tom Weiss saved this article at " in errors
    assert "after you opened it" in errors
    assert "You saved" not in errors


def test_a_contributor_is_told_of_the_editors_save_not_their_own(
    contributor_client, contributor, editor_client
):
    draft = ArticleFactory(status="draft", published_at=None, created_by=contributor)
    url = change_url(draft)
    stale = form_data(contributor_client.get(url))
    contributor_client.post(url, stale | {"headline": "Colin's"})  # their own save first
    assert editor_client.post(url, form_data(editor_client.get(url))).status_code == 302

    errors = errors_on(contributor_client.post(url, stale | {"headline": "Colin's again"}))

    assert "Edna Editor saved this article at " in errors
    assert "You saved" not in errors


def test_a_save_that_skips_the_version_token_is_refused(admin_client):
    article = ArticleFactory(headline="Kept")
    url = change_url(article)
    data = form_data(admin_client.get(url), headline="Overwritten")
    del data["edit_token"]

    response = admin_client.post(url, data)

    assert "after you opened it" in errors_on(response)
    article.refresh_from_db()
    assert article.headline == "Kept"


def test_a_publish_action_in_between_counts_as_a_change(admin_client):
    draft = ArticleFactory(status="draft", published_at=None)
    url = change_url(draft)
    stale = form_data(admin_client.get(url))
    admin_client.post(
        "/admin/articles/article/", {"action": "publish_selected", "_selected_action": [draft.pk]}
    )

    response = admin_client.post(url, stale | {"headline": "Edited"})

    assert "Status" in errors_on(response)
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED


def test_someone_else_opening_the_article_is_shown(two_editors):
    ana, tom = two_editors
    article = ArticleFactory()
    ana.get(change_url(article))

    html = tom.get(change_url(article)).content.decode()

    assert "Ana Ribeiro is editing this article" in html


def test_the_same_user_in_two_tabs_is_not_someone_else(admin_client):
    article = ArticleFactory()
    admin_client.get(change_url(article))

    html = admin_client.get(change_url(article)).content.decode()

    assert "is editing this article" not in html


def test_presence_lapses_after_a_few_minutes_and_ends_on_save(two_editors):
    ana_user = StaffFactory(first_name="Old", last_name="Visit", group="Editors")
    article = ArticleFactory()
    editing.note_editing(
        article_id=article.pk, user=ana_user, now=timezone.now() - timedelta(minutes=6)
    )
    ana, tom = two_editors
    assert "is editing" not in tom.get(change_url(article)).content.decode()

    url = change_url(article)
    ana.post(url, form_data(ana.get(url)))

    assert "is editing" not in tom.get(url).content.decode()


def test_someone_only_reading_a_form_they_cannot_change_is_not_editing(
    contributor_client, editor_client
):
    article = ArticleFactory()  # published: read-only for contributors
    contributor_client.get(change_url(article))

    assert "is editing" not in editor_client.get(change_url(article)).content.decode()
