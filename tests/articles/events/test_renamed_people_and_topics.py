"""A public piece shows its authors' and topics' names and addresses: renaming an author or a
topic, or changing its slug, is an update of every public piece that shows it, one
`article.updated` each, written with the change; a save that changes neither, and drafts and
scheduled pieces, record nothing. However many pieces an author has, the change costs the same
number of queries."""

from datetime import timedelta

import pytest
import reversion
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from articles.models import Article, Author, Event
from tests.admin_forms import form_data
from tests.articles.events.pieces import UPDATED, draft, public
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def test_renaming_an_author_updates_each_public_piece_of_theirs_with_the_new_name(
    recorder, changes
):
    author = AuthorFactory(name="Dana Whitfield", slug="dana-whitfield")
    first, second = public(authors=[author]), public(authors=[author, AuthorFactory()])
    public(authors=[AuthorFactory()])
    draft(authors=[author])
    ArticleFactory(authors=[author], published_at=timezone.now() + timedelta(days=1))
    Event.objects.update(handled_at=timezone.now())

    author.name = "Dana Whitfield-Okafor"
    changes(author.save)

    assert sorted(article_id for _, article_id, _ in recorder.handed) == [first.pk, second.pk]
    assert recorder.kinds == [UPDATED, UPDATED]
    for _, _, payload in recorder.handed:
        assert payload["authors"][0]["name"] == "Dana Whitfield-Okafor"


def test_an_authors_new_slug_updates_their_public_pieces_with_the_new_address(recorder, changes):
    author = AuthorFactory(slug="dana")
    piece = public(authors=[author])

    author.slug = "dana-whitfield"
    changes(author.save)

    [(kind, article_id, payload)] = recorder.handed
    assert (kind, article_id) == (UPDATED, piece.pk)
    assert payload["authors"][0]["slug"] == "dana-whitfield"
    assert payload["authors"][0]["url"] == "http://testserver/news/authors/dana-whitfield/"


def test_renaming_a_topic_updates_each_public_piece_that_carries_it(recorder, changes):
    piece = public(tag_names=["Ferries"])
    public(tag_names=["Harbour"])
    draft(tag_names=["Ferries"])
    topic = Tag.objects.get(name="Ferries")

    topic.name, topic.slug = "Ferry services", "ferry-services"
    changes(topic.save)

    [(kind, article_id, payload)] = recorder.handed
    assert (kind, article_id) == (UPDATED, piece.pk)
    assert [(tag["name"], tag["slug"]) for tag in payload["tags"]] == [
        ("Ferry services", "ferry-services")
    ]


def test_saving_an_author_or_topic_without_a_new_name_or_slug_records_nothing(changes):
    author = AuthorFactory()
    public(authors=[author], tag_names=["Ferries"])
    topic = Tag.objects.get(name="Ferries")

    author.bio = "Writes about ferries."
    author.role = "Chief executive"
    changes(author.save)
    changes(topic.save)

    assert not Event.objects.filter(handled_at=None).exists()


def test_renaming_someone_only_drafts_show_records_nothing(changes):
    author = AuthorFactory()
    draft(authors=[author], tag_names=["Unannounced"])
    topic = Tag.objects.get(name="Unannounced")

    author.name = "Someone Else"
    changes(author.save)
    topic.name = "Still unannounced"
    changes(topic.save)

    assert not Event.objects.exists()


def test_an_update_waiting_to_be_handed_on_covers_the_rename(recorder, changes):
    author = AuthorFactory()
    piece = public(authors=[author])

    def edit_and_rename():
        piece.headline = "A sharper headline"
        piece.save()
        author.name = "A New Name"
        author.save()

    changes(edit_and_rename)

    assert recorder.kinds == [UPDATED]
    assert recorder.handed[0][2]["headline"] == "A sharper headline"
    assert recorder.handed[0][2]["authors"][0]["name"] == "A New Name"


def test_a_rolled_back_rename_records_nothing(changes):
    author = AuthorFactory()
    public(authors=[author])

    def failing_request():
        with transaction.atomic():
            author.name = "Never saved"
            author.save()
            raise RuntimeError("the request failed after the save")

    with pytest.raises(RuntimeError):
        failing_request()

    assert not Event.objects.filter(handled_at=None).exists()


def renaming_queries(count: int) -> int:
    author = AuthorFactory()
    for _ in range(count):
        public(authors=[author], tag_names=["Ferries"])
    author.name = f"{author.name} renamed"
    topic = Tag.objects.get(name="Ferries")
    topic.name = f"Ferries {count}"
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        author.save()
        topic.save()
    assert Event.objects.filter(handled_at=None).count() == count
    Event.objects.all().delete()
    Article.objects.all().delete()
    return len(queries)


def test_renaming_an_author_of_many_pieces_costs_what_renaming_one_of_one_does():
    assert renaming_queries(30) == renaming_queries(1)


def test_an_editor_renaming_an_author_in_the_admin_updates_their_public_piece(editor_client):
    author = AuthorFactory(name="Ruth Calloway", slug="ruth-calloway")
    piece = public(authors=[author])
    url = f"/admin/articles/author/{author.pk}/change/"

    saved = editor_client.post(url, form_data(editor_client.get(url), name="Ruth Calloway-Benn"))

    assert saved.status_code == 302
    assert list(Event.objects.filter(handled_at=None).values_list("kind", "article_id")) == [
        (UPDATED, piece.pk)
    ]


def test_restoring_an_authors_older_name_updates_their_public_piece(editor_client):
    author = AuthorFactory(name="Ruth Calloway", slug="ruth-calloway")
    with reversion.create_revision():
        author.save()
    version = Version.objects.get_for_object(author).first()
    author.name = "Ruth Calloway-Benn"
    author.save()
    piece = public(authors=[author])
    url = f"/admin/articles/author/{author.pk}/history/{version.pk}/"

    saved = editor_client.post(url, form_data(editor_client.get(url)))

    assert saved.status_code == 302
    assert Author.objects.get(pk=author.pk).name == "Ruth Calloway"
    assert list(Event.objects.filter(handled_at=None).values_list("kind", "article_id")) == [
        (UPDATED, piece.pk)
    ]
