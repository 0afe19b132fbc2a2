"""Merging topics, as the admin's “Merge selected tags” does (`merge_topics`), and deleting
them (`delete_topics`).

A merge gives every piece tagged with one of the chosen topics the kept one instead, and the
merged-away topics go: their addresses (their slugs where readers saw them, and their own
former addresses) become the kept topic's former addresses, so their pages, feeds and API
entries answer 301 there, as after a rename (`newsroom.former_addresses.follow_merge`); the
readers following one of them by email follow the kept topic. The pieces are re-tagged all
at once, in the same few queries however many there are, and what the tagged rows' own
signals would do for each is done for all of them together: each public piece's kept pages
are retired and an `article.updated` of it recorded (`articles.caching`,
`articles.events.recording`).

A topic deleted leaves every piece the same way, where the rows' own deletion (taggit's
cascade) went through them one by one. Its address goes with it: its page, feeds and API
entry, and its former addresses, answer 404 (an editor who wants them kept merges it instead).
Its readers stop following it, and those who followed nothing else are unsubscribed
(`articles.alerts.subscribing.unfollow_topics`). So are they when a topic is deleted in a
shell (`unfollowed_on_delete`), though taggit's cascade still takes its pieces one by one
there: Django collects the tagged rows, and sends their signals, whatever a topic's own
`pre_delete` does.
"""

from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Exists, OuterRef, Subquery
from taggit.models import Tag, TaggedItem

from articles import caching
from articles.alerts.subscribing import unfollow_topics
from articles.cache_tags import TOPICS
from articles.events.recording import record_updates
from articles.models import Article, Subscriber, article_content_type
from articles.models.topics import is_public
from newsroom import former_addresses, pagecache


@transaction.atomic
def merge_topics(topics: list[Tag], *, into: str) -> Tag:
    """Merge `topics` into the topic named `into` (the existing one of that name, whatever its
    case, or a new one); a piece that had both keeps one. The kept topic."""
    kept = Tag.objects.filter(name__iexact=into).first() or Tag.objects.create(name=into)
    merged = {topic: is_public(topic, DEFAULT_DB_ALIAS) for topic in topics if topic.pk != kept.pk}
    pks = [topic.pk for topic in merged]
    items = TaggedItem.objects.filter(tag_id__in=pks)
    carrying = items.filter(content_type_id=article_content_type()).values("object_id")
    public_pks = list(
        Article.objects.published().filter(pk__in=carrying).values_list("pk", flat=True)
    )
    public = Article.objects.filter(pk__in=public_pks)
    kept_was_public = is_public(kept, DEFAULT_DB_ALIAS)
    # What the pages of the public pieces showed before, then what they show after.
    retired = caching.pieces_retire(public)
    _retag(pks, kept=kept)
    retired |= caching.pieces_retire(public)
    if former_addresses.follow_merge(kept, merged=merged) or (public_pks and not kept_was_public):
        # An address that answered 404 (a former one of a topic no piece showed, or the kept
        # topic's own) may answer now.
        retired.add(pagecache.ADDRESSES)
    if retired:
        pagecache.retire({TOPICS, *retired})
    if public_pks:
        record_updates(public)
    _follow_kept(kept, merged=list(merged))
    Tag.objects.filter(pk__in=pks).delete()
    return kept


def _retag(pks: list[int], *, kept: Tag) -> None:
    """Give every piece tagged with one of the topics `pks` the `kept` one instead, once, in
    two statements however many there are (each row's own save and signals went through them
    one by one: `merge_topics` does what those signals did, for all of them together)."""
    items = TaggedItem.objects.filter(tag_id__in=pks)
    same_piece = TaggedItem.objects.filter(
        content_type_id=OuterRef("content_type_id"), object_id=OuterRef("object_id")
    )
    # A piece keeps one row: the kept topic's, or else its first merged-away one, re-tagged.
    items.filter(
        Exists(same_piece.filter(tag=kept))
        | Exists(same_piece.filter(tag_id__in=pks, pk__lt=OuterRef("pk")))
    )._raw_delete(items.db)
    items.update(tag=kept)


def _follow_kept(kept: Tag, *, merged: list[Tag]) -> None:
    """Readers following a merged-away topic by email follow `kept` instead (once)."""
    following = Subscriber.tags.through.objects
    for topic in merged:
        has_kept = following.filter(tag=kept).values("subscriber_id")
        following.filter(tag=topic).exclude(subscriber_id__in=Subquery(has_kept)).update(tag=kept)


@transaction.atomic
def delete_topics(topics: Iterable[Tag], *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Delete `topics`, taking them from every piece."""
    pks = [topic.pk for topic in topics]
    items = TaggedItem.objects.using(using).filter(tag_id__in=pks)
    carrying = items.filter(content_type_id=article_content_type()).values("object_id")
    public = Article.objects.using(using).published().filter(pk__in=carrying)
    # Keyed before the rows go: the pieces no longer carry the topics afterwards.
    public_pks = list(public.values_list("pk", flat=True))
    retired = caching.pieces_retire(Article.objects.using(using).filter(pk__in=public_pks))
    # The rows' own signals would retire and record each piece, one by one: they are done here
    # for all of them together, and the rows go in one statement.
    items._raw_delete(using)
    if retired:
        pagecache.retire({TOPICS, *retired}, using=using)
        record_updates(Article.objects.using(using).filter(pk__in=public_pks), using=using)
    unfollow_topics(pks, using=using)
    Tag.objects.using(using).filter(pk__in=pks).delete()


def unfollowed_on_delete(sender, instance: Tag, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """pre_delete of a topic, however it goes (`delete_topics`, or a shell's `delete()`): its
    readers stop following it, and those who followed nothing else are unsubscribed."""
    unfollow_topics([instance.pk], using=using)
