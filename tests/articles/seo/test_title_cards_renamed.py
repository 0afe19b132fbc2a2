"""A title card shows the site's name: renaming the site in its settings queues the task worker
to draw every public piece's new card ahead of its readers, each piece's card a task of its own
(`test_title_cards_redraw.py`). A reader who comes before the worker is never shown the old
card: a card's name follows the site's name, so the page finds no card for the new name and
draws it."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image

from articles.models import Article
from articles.seo import title_cards
from newsroom import theme
from newsroom.models import SiteSettings
from newsroom.photos import cards
from tests.admin_forms import form_data
from tests.articles.alerts.worker import waiting_tasks, work_the_queue
from tests.articles.seo.test_share_images import MEDIA, meta_of, stored_image
from tests.articles.seo.test_title_cards_ahead import assert_whole_card, card_files, shared_card
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_backend")]

SETTINGS_URL = "/admin/newsroom/sitesettings/1/change/"


def card_for(article, site_name: str) -> cards.TitleCard:
    return cards.TitleCard(
        title=article.headline,
        site_name=site_name,
        palette=theme.TITLE_CARD,
        folder=f"articles/{article.pk}",
    )


def drawing_of(card: cards.TitleCard) -> Image.Image:
    picture = Image.open(io.BytesIO(cards.draw(card)))
    picture.load()
    return picture


def rename_site(client, name: str) -> None:
    """Rename the site in its settings, as an editor does in the admin."""
    SiteSettings.objects.get_or_create(pk=1)
    response = client.post(SETTINGS_URL, form_data(client.get(SETTINGS_URL), site_name=name))
    assert response.status_code == 302


@pytest.fixture
def public_pieces(drawn):
    """Two public pieces without a picture, their cards drawn for the site's first name."""
    pieces = [
        ArticleFactory(slug="lisbon", headline="Northwind opens a Lisbon office"),
        ArticleFactory(slug="porto", headline="A second office in Porto"),
    ]
    work_the_queue()
    for article in pieces:
        assert card_files(article) == [card_for(article, "Newsroom").name]
    drawn.clear()
    return pieces


def test_renaming_the_site_has_the_worker_draw_each_public_pieces_new_card(
    client, admin_client, drawn, public_pieces, make_upload
):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None, headline="A draft")
    scheduled = ArticleFactory(
        published_at=timezone.now() + timedelta(days=1), headline="Out tomorrow"
    )
    pictured = ArticleFactory(
        headline="With a photo",
        featured_image=make_upload("harbour.jpg", size=(1600, 900)),
        featured_image_alt="The harbour at dawn",
    )
    work_the_queue()
    drawn.clear()

    rename_site(admin_client, "Northwind News")
    assert drawn == []  # nothing drawn on the editor's request
    work_the_queue()

    assert sorted(drawn) == ["A second office in Porto", "Northwind opens a Lisbon office"]
    for article in public_pieces:
        new = card_for(article, "Northwind News").name
        assert sorted(card_files(article)) == sorted([card_for(article, "Newsroom").name, new])
        assert_whole_card(new)
        # Its first reader finds the new card ready.
        assert shared_card(client, article) == new
        meta = meta_of(client, article.get_absolute_url())
        assert meta["og:image:alt"] == [f"{article.headline} · Northwind News"]
    assert card_files(draft) == card_files(scheduled) == card_files(pictured) == []
    assert len(drawn) == 2


def test_a_reader_before_the_worker_gets_the_new_names_card_and_the_worker_draws_the_rest(
    client, admin_client, drawn, public_pieces
):
    [lisbon, _] = public_pieces

    rename_site(admin_client, "Northwind News")

    new = card_for(lisbon, "Northwind News")
    assert shared_card(client, lisbon) == new.name
    assert drawn == ["Northwind opens a Lisbon office"]
    # The picture the page shares names the new site, as a fresh drawing of it does.
    assert stored_image(MEDIA + new.name).tobytes() == drawing_of(new).tobytes()
    drawn.clear()

    work_the_queue()

    assert drawn == ["A second office in Porto"]
    assert len(card_files(lisbon)) == 2


def test_saving_the_settings_without_renaming_the_site_queues_no_redraw(
    admin_client, drawn, public_pieces
):
    SiteSettings.objects.get_or_create(pk=1)
    response = admin_client.post(
        SETTINGS_URL, form_data(admin_client.get(SETTINGS_URL), news_heading="Latest")
    )
    assert response.status_code == 302

    assert waiting_tasks(title_cards.redraw_title_cards).count() == 0
    work_the_queue()
    assert drawn == []
