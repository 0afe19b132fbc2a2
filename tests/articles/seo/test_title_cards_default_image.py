"""A piece without a picture is shared with the site's default image, or, without one, with its
title card: removing the default image has the task worker draw every public piece's card
ahead of its readers, as renaming the site does; setting one draws nothing."""

import pytest

from articles.seo import title_cards
from newsroom.models import SiteSettings
from tests.admin_forms import form_data
from tests.articles.alerts.worker import waiting_tasks, work_the_queue
from tests.articles.seo.test_title_cards_ahead import assert_whole_card, card_files, shared_card
from tests.articles.seo.test_title_cards_renamed import SETTINGS_URL, card_for
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_backend")]


def change_settings(client, **changes) -> None:
    """Save the site settings in the admin, as an editor does."""
    response = client.post(SETTINGS_URL, form_data(client.get(SETTINGS_URL), **changes))
    assert response.status_code == 302


@pytest.fixture
def pictured_site(make_upload):
    SiteSettings(
        default_image=make_upload("office.jpg", size=(1600, 900)), default_image_alt="Our office"
    ).save()


@pytest.fixture
def public_pieces(pictured_site, drawn):
    """Two public pieces without a picture, shared with the site's default image."""
    pieces = [
        ArticleFactory(slug="lisbon", headline="Northwind opens a Lisbon office"),
        ArticleFactory(slug="porto", headline="A second office in Porto"),
    ]
    work_the_queue()
    assert drawn == []
    return pieces


def test_removing_the_default_image_has_the_worker_draw_each_public_pieces_card(
    client, editor_client, drawn, public_pieces
):
    change_settings(editor_client, **{"default_image-clear": "on", "default_image_alt": ""})
    assert not SiteSettings.load().default_image
    assert drawn == []  # nothing drawn on the editor's request
    assert waiting_tasks(title_cards.redraw_title_cards).count() == 1

    work_the_queue()

    assert sorted(drawn) == ["A second office in Porto", "Northwind opens a Lisbon office"]
    for article in public_pieces:
        card = card_for(article, "Newsroom").name
        assert card_files(article) == [card]
        assert_whole_card(card)
        assert shared_card(client, article) == card
    assert len(drawn) == 2


def test_removing_the_image_and_renaming_the_site_at_once_queues_one_redraw(
    editor_client, drawn, public_pieces
):
    change_settings(
        editor_client,
        **{"default_image-clear": "on", "default_image_alt": "", "site_name": "Northwind News"},
    )

    assert waiting_tasks(title_cards.redraw_title_cards).count() == 1
    work_the_queue()
    for article in public_pieces:
        assert card_files(article) == [card_for(article, "Northwind News").name]


def test_setting_a_default_image_or_its_alt_text_queues_no_redraw(
    editor_client, drawn, make_upload
):
    SiteSettings.objects.get_or_create(pk=1)
    ArticleFactory(headline="Northwind opens a Lisbon office")
    work_the_queue()
    drawn.clear()

    change_settings(
        editor_client, default_image=make_upload("office.jpg"), default_image_alt="Our office"
    )
    change_settings(editor_client, default_image_alt="The office by the river")

    assert waiting_tasks(title_cards.redraw_title_cards).count() == 0
    work_the_queue()
    assert drawn == []
