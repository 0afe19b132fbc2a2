"""The addresses a topic's page had before (`TopicRedirect`), and how a change of a topic's slug
keeps them (`slug_saving`, `slug_saved`: the topics are taggit's, whose save is not ours, so
these follow it as its `pre_save` and `post_save`)."""

from django.db import DEFAULT_DB_ALIAS, models
from taggit.models import Tag

from articles.models.article import Article
from newsroom import former_addresses
from newsroom.addresses import address


class TopicRedirect(former_addresses.FormerAddress):
    """An address a topic's page had while readers saw it; readers following it, or one of its
    feeds, are sent on (301) while a public piece carries the topic."""

    old_slug = models.SlugField(
        max_length=100,
        allow_unicode=True,
        help_text="The last part of the former address, after /news/tags/.",
    )
    topic = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name=former_addresses.RELATION)

    def __str__(self):
        return f"/news/tags/{self.old_slug}/ → {address('articles:tag', self.topic.slug)}"


def is_public(tag: Tag, using: str) -> bool:
    """Whether readers see the topic's page: a public piece carries it, as for
    `published().topics()`."""
    return Article.objects.using(using).published().filter(tags__id=tag.pk).exists()


def slug_saving(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, update_fields=None, **kw):
    """pre_save of a topic: note its stored slug, and whether readers see its page."""
    instance._former_slug = None
    if raw or instance.pk is None or (update_fields is not None and "slug" not in update_fields):
        return
    stored = Tag._base_manager.using(using).filter(pk=instance.pk).values_list("slug", flat=True)
    if (slug := stored.first()) is not None and slug != instance.slug:
        instance._former_slug = (slug, is_public(instance, using))


def slug_saved(sender, instance, raw=False, **kwargs):
    """post_save of a topic: keep the slug it moved from (`former_addresses`)."""
    noted = getattr(instance, "_former_slug", None)
    instance._former_slug = None
    if noted is not None:
        old_slug, was_public = noted
        former_addresses.follow_slug_change(instance, old_slug=old_slug, was_public=was_public)
