"""Merging topics, as the admin's “Merge selected tags” does (`merge_topics`).

A merge gives every piece tagged with one of the chosen topics the kept one instead, and the
merged-away topics go: their addresses (their slugs where readers saw them, and their own
former addresses) become the kept topic's former addresses, so their pages, feeds and API
entries answer 301 there, as after a rename (`newsroom.former_addresses.follow_merge`); the
readers following one of them by email follow the kept topic. Each piece re-tagged is a
change of its topics: its kept pages are retired and a public one is an `article.updated`,
through the tagged rows' own signals (`articles.caching`, `articles.events.recording`).
"""

from django.db import transaction
from django.db.models import Subquery
from taggit.models import Tag, TaggedItem

from articles.models import Subscriber
from articles.models.topics import is_public
from newsroom import former_addresses, pagecache


@transaction.atomic
def merge_topics(topics: list[Tag], *, into: str) -> Tag:
    """Merge `topics` into the topic named `into` (the existing one of that name, whatever its
    case, or a new one); a piece that had both keeps one. The kept topic."""
    kept = Tag.objects.filter(name__iexact=into).first() or Tag.objects.create(name=into)
    merged = {topic: is_public(topic, "default") for topic in topics if topic.pk != kept.pk}
    for topic in merged:
        for item in TaggedItem.objects.select_for_update().filter(tag=topic):
            has_kept = TaggedItem.objects.filter(
                tag=kept, content_type_id=item.content_type_id, object_id=item.object_id
            ).exists()
            if has_kept:
                item.delete()
            else:
                item.tag = kept
                item.save()
    if former_addresses.follow_merge(kept, merged=merged):
        # An address that answered 404 (a former one of a topic no piece showed) may answer now.
        pagecache.retire({pagecache.ADDRESSES})
    _follow_kept(kept, merged=list(merged))
    Tag.objects.filter(pk__in=[topic.pk for topic in merged]).delete()
    return kept


def _follow_kept(kept: Tag, *, merged: list[Tag]) -> None:
    """Readers following a merged-away topic by email follow `kept` instead (once)."""
    following = Subscriber.tags.through.objects
    for topic in merged:
        has_kept = following.filter(tag=kept).values("subscriber_id")
        following.filter(tag=topic).exclude(subscriber_id__in=Subquery(has_kept)).update(tag=kept)
