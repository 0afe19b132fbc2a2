"""Rows read from the database become the instances Django would make, without calling the
model (`newsroom.rows`)."""

import pickle

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.db.models.signals import post_init, pre_init

from articles.models import Article, Byline, ContentWarning
from newsroom.models import SiteSettings
from newsroom.rows import RowModel
from tests.conftest import image_bytes
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def made_by_django(model: type[models.Model], pk: int, names: list[str] | None = None):
    """What Django's own `from_db` makes of the row `pk` of `model` (of `names`, or all)."""
    names = names or [field.attname for field in model._meta.concrete_fields]
    row = model.objects.filter(pk=pk).values_list(*names).get()
    return models.Model.from_db.__func__(model, "default", names, row)


def field_values(instance: models.Model) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def test_every_model_of_the_site_reads_its_rows_without_being_called():
    site_models = [
        model for app in ("articles", "newsroom") for model in apps.get_app_config(app).get_models()
    ]
    assert len(site_models) > 15
    assert [m.__name__ for m in site_models if not issubclass(m, RowModel)] == []


def test_a_row_read_is_the_instance_djangos_own_loading_makes():
    author = AuthorFactory(name="Ana Ruiz")
    article = ArticleFactory(headline="Rows, read", dek="A dek", authors=[author])
    warning = ContentWarning.objects.create(
        article=article, kind="spoilers", text="contains spoilers"
    )
    byline = Byline.objects.select_related("author").get(article=article)
    reads = [
        Article.objects.get(pk=article.pk),
        byline,
        byline.author,
        ContentWarning.objects.get(pk=warning.pk),
    ]

    for read in reads:
        assert field_values(read) == field_values(made_by_django(type(read), read.pk))
        assert (read._state.adding, read._state.db) == (False, "default")
        assert read.get_deferred_fields() == set()
    read = Article.objects.get(pk=article.pk)
    assert (read.headline, read.dek, read.slug) == ("Rows, read", "A dek", article.slug)
    assert (byline.author.name, byline.author_id) == ("Ana Ruiz", author.pk)


def test_a_partial_row_defers_the_rest_and_loads_it_when_read():
    article = ArticleFactory(headline="Partial", body="<p>The whole text.</p>")

    read = Article.objects.only("id", "headline").get(pk=article.pk)

    django_made = made_by_django(Article, article.pk, ["id", "headline"])
    assert read.get_deferred_fields() == django_made.get_deferred_fields()
    assert read.__dict__.keys() - {"_state", "saved_state"} == {"id", "headline"}
    assert "body" in read.get_deferred_fields()
    # What a save compares with (`Article.from_db`) holds only what the row brought.
    assert read.saved_state == {}
    assert read.headline == "Partial"
    assert read.body == "<p>The whole text.</p>"


def test_an_instance_read_saves_pickles_and_refreshes_like_any_other():
    article = ArticleFactory(headline="Before")

    read = Article.objects.get(pk=article.pk)
    read.headline = "After"
    read.save()
    # As the cache keeps values: pickled, then read back (what this test made itself).
    again = pickle.loads(pickle.dumps(Article.objects.get(pk=article.pk)))  # noqa: S301
    again.refresh_from_db()

    assert again.headline == "After"
    assert again.slug == article.slug
    assert Article.objects.filter(headline="After").count() == 1


def test_reading_rows_sends_no_init_signal_but_making_an_instance_does():
    ArticleFactory()
    SiteSettings.objects.create(pk=1, site_name="Rows")
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(sender)

    post_init.connect(receiver)
    try:
        list(Article.objects.all())
        SiteSettings.objects.get(pk=1)
        assert seen == []
        Article(headline="New")
        assert seen == [Article]
    finally:
        post_init.disconnect(receiver)


def test_no_init_signal_has_a_receiver_for_the_sites_models_but_image_sizes():
    """A receiver of `pre_init` or `post_init` (a field tracker, a history app) would not hear
    about rows read; the only one there is, the image fields', is meant not to."""
    site_models = {
        model for app in ("articles", "newsroom") for model in apps.get_app_config(app).get_models()
    }
    heard = {
        (signal_name, getattr(receiver, "__qualname__", repr(receiver)))
        for signal_name, signal in (("pre_init", pre_init), ("post_init", post_init))
        for model in site_models
        for receiver in signal._live_receivers(model)[0]
    }
    assert heard == {("post_init", "ImageField.update_dimension_fields")}


def test_a_row_whose_picture_size_was_never_stored_is_read_without_opening_the_picture():
    article = ArticleFactory()
    name = default_storage.save("articles/unmeasured.jpg", ContentFile(image_bytes()))
    Article.objects.filter(pk=article.pk).update(
        featured_image=name,
        featured_image_alt="A picture",
        featured_image_width=None,
        featured_image_height=None,
    )
    # Gone from storage: opening it to measure it would fail.
    default_storage.delete(name)

    read = Article.objects.get(pk=article.pk)

    assert read.featured_image.name == name
    assert (read.featured_image_width, read.featured_image_height) == (None, None)


def test_a_new_picture_is_measured_as_it_is_assigned(make_upload):
    article = ArticleFactory()
    read = Article.objects.get(pk=article.pk)

    read.featured_image = make_upload("wide.jpg", size=(1600, 900))
    read.featured_image_alt = "A wide picture"
    read.save()

    assert Article.objects.values_list("featured_image_width", "featured_image_height").get(
        pk=article.pk
    ) == (1600, 900)
