"""A deleted piece that ran keeps its former addresses: they are noted with its deletion and
come back with it, except one another article has taken meanwhile, which stays that article's."""

from datetime import timedelta

import pytest
import reversion
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, DeletedVersion, SlugRedirect
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def renamed_twice_and_deleted() -> int:
    """A published piece renamed from "harbour-plan" to "harbour-plan-approved", then to
    "harbour-plan-final", kept in a revision and deleted: its id."""
    article = ArticleFactory(headline="Harbour plan", slug="harbour-plan")
    for slug in ("harbour-plan-approved", "harbour-plan-final"):
        article.slug = slug
        article.save()
    with reversion.create_revision():
        article.save()
    pk = article.pk
    article.delete()
    return pk


def recover() -> Article:
    """Recover the deleted piece from code, as a script would, and publish it again."""
    (version,) = Version.objects.get_deleted(Article)
    version.revision.revert()
    article = Article.objects.get(pk=version.object_id)
    article.status = Article.Status.PUBLISHED
    article.save()
    return article


def former_addresses() -> dict[str, int]:
    return dict(SlugRedirect.objects.values_list("old_slug", "article"))


def test_the_deletion_notes_the_former_addresses_and_frees_them():
    pk = renamed_twice_and_deleted()

    kept = DeletedVersion.objects.get(article_id=pk)
    assert [address["slug"] for address in kept.former_addresses] == [
        "harbour-plan",
        "harbour-plan-approved",
    ]
    assert former_addresses() == {}


def test_a_recovered_piece_answers_its_former_addresses_again_under_their_keys(client):
    pk = renamed_twice_and_deleted()
    keys = [address["id"] for address in DeletedVersion.objects.get().former_addresses]

    recover()

    assert former_addresses() == {"harbour-plan": pk, "harbour-plan-approved": pk}
    assert sorted(SlugRedirect.objects.values_list("pk", flat=True)) == sorted(keys)
    assert client.get("/news/harbour-plan/")["Location"] == "/news/harbour-plan-final/"
    assert client.get("/news/harbour-plan-approved/")["Location"] == "/news/harbour-plan-final/"
    assert not DeletedVersion.objects.filter(article_id=pk).exists()


def test_a_former_address_comes_back_with_the_time_it_was_left():
    article = ArticleFactory(headline="Harbour plan", slug="harbour-plan")
    article.slug = "harbour-plan-final"
    article.save()
    long_ago = timezone.now() - timedelta(days=400)
    SlugRedirect.objects.update(created_at=long_ago)
    with reversion.create_revision():
        article.save()
    article.delete()

    recover()

    assert SlugRedirect.objects.get(old_slug="harbour-plan").created_at == long_ago


def test_a_former_address_another_piece_lives_at_now_stays_that_piece(client):
    pk = renamed_twice_and_deleted()
    other = ArticleFactory(headline="Harbour plan", slug="harbour-plan")

    recover()

    assert former_addresses() == {"harbour-plan-approved": pk}
    assert client.get("/news/harbour-plan/").context["article"] == other


def test_a_former_address_another_piece_left_meanwhile_stays_with_that_piece(client):
    pk = renamed_twice_and_deleted()
    other = ArticleFactory(headline="Harbour plan", slug="harbour-plan")
    other.slug = "harbour-plan-2"
    other.save()

    recover()

    assert former_addresses() == {"harbour-plan": other.pk, "harbour-plan-approved": pk}
    assert client.get("/news/harbour-plan/")["Location"] == "/news/harbour-plan-2/"
