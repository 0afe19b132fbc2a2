"""The changelist's actions on pieces saved, or deleted, by someone else while the action runs.

An action reads the rows it was given once, then moves them one by one; each move sends the
signals a save sends. A receiver saving the next piece stands for an editor whose save lands
between the action's read and that piece's turn. Rows are moved newest first: the piece made
last (`first`) before the one made earlier (`second`).
"""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.db.models.signals import post_save
from django.test import Client
from django.utils import timezone

from articles.models import Article
from tests.admin_forms import errors_on, form_data
from tests.articles.admin.article_forms import ADD_URL
from tests.factories import ArticleFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meanwhile():
    """`meanwhile(first, then)`: once the action saves `first`, `then()` runs, once."""
    receivers = []

    def arrange(first: Article, then) -> None:
        def receiver(sender, instance, **kwargs):
            if instance.pk == first.pk and receivers:
                post_save.disconnect(receiver, sender=Article)
                receivers.clear()
                then()

        receivers.append(receiver)
        post_save.connect(receiver, sender=Article, weak=False)

    yield arrange
    for receiver in receivers:
        post_save.disconnect(receiver, sender=Article)


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def test_an_unpublish_action_never_takes_a_piece_back_to_an_older_version(admin_client, meanwhile):
    second = ArticleFactory(headline="Original headline")
    first = ArticleFactory()
    tom = Client()
    tom.force_login(StaffFactory(first_name="Tom", last_name="Weiss", group="Editors"))
    ana = Client()
    ana.force_login(StaffFactory(first_name="Ana", last_name="Ribeiro", group="Editors"))
    url = change_url(second)
    tom_form = {}

    def ana_saves_twice_tom_opening_it_between():
        form = form_data(ana.get(url))
        assert ana.post(url, form | {"headline": "Ana's headline"}).status_code == 302
        tom_form.update(form_data(tom.get(url)))
        form = form_data(ana.get(url))
        assert ana.post(url, form | {"dek": "Ana's summary."}).status_code == 302

    meanwhile(first, ana_saves_twice_tom_opening_it_between)
    admin_client.post(
        ADD_URL, {"action": "unpublish_selected", "_selected_action": [first.pk, second.pk]}
    )
    second.refresh_from_db()
    assert second.status == Article.Status.UNPUBLISHED

    # Tom's copy is older than Ana's saves: his save is refused, not written over hers.
    response = tom.post(url, tom_form | {"dek": "Tom's summary."})

    assert "Ana Ribeiro saved this article" in errors_on(response)
    second.refresh_from_db()
    assert (second.headline, second.dek) == ("Ana's headline", "Ana's summary.")


def test_a_publish_action_keeps_an_embargo_set_while_it_ran(admin_client, meanwhile):
    second = ArticleFactory(status="draft", published_at=None)
    first = ArticleFactory(status="draft", published_at=None)
    ana = Client()
    ana.force_login(StaffFactory(first_name="Ana", last_name="Ribeiro", group="Editors"))
    url = change_url(second)
    embargo = (timezone.localtime() + timedelta(days=2)).replace(second=0, microsecond=0)

    def ana_sets_an_embargo():
        form = form_data(ana.get(url))
        typed = {
            "embargoed_until_0": embargo.strftime("%Y-%m-%d"),
            "embargoed_until_1": embargo.strftime("%H:%M"),
        }
        assert ana.post(url, form | typed).status_code == 302

    meanwhile(first, ana_sets_an_embargo)
    response = admin_client.post(
        ADD_URL,
        {"action": "publish_selected", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )

    second.refresh_from_db()
    assert second.embargoed_until == embargo
    assert not Article.objects.published().filter(pk=second.pk).exists()
    assert f"“{second.headline}” was not published now: it is embargoed until" in " ".join(
        said(response)
    )


def test_an_action_passes_over_a_piece_deleted_while_it_ran(admin_client, meanwhile):
    second = ArticleFactory()
    first = ArticleFactory()
    meanwhile(first, lambda: Article.objects.filter(pk=second.pk).delete())

    response = admin_client.post(
        ADD_URL,
        {"action": "unpublish_selected", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "Unpublished 1 article." in said(response)
    assert list(Article.objects.values_list("pk", "status")) == [
        (first.pk, Article.Status.UNPUBLISHED)
    ]
