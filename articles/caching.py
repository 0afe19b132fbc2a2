"""What each change to the News section's content retires (see `articles.cache_tags`).

A change to a piece retires its own tag and every listing it was in or is in now (with the parts
of their counts it is in), but only if readers could see it before the change or can after:
saving a draft or a scheduled piece retires nothing. Renaming an author or a topic retires its
listing and the public pieces that show the name. Scheduled pieces retire the same when their
time comes (`went_public`). Press
contacts are public from the moment they are saved: a change to one retires the press room's
list, everything that shows that contact, and, for a default contact, the releases that name
none of their own. A media-kit item retires what shows it: its release's page and downloads while
the release is public (nothing before), or the press room's kit.
"""

from datetime import datetime
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.cache_tags import (
    DEFAULT_CONTACTS,
    NEWS,
    PRESS_CONTACTS,
    PRESS_KIT,
    SPOILERS,
    article_tag,
    article_tags,
    author_tag,
    contact_tag,
    kind_tag,
    period_tag,
    periods_of,
    tag_tag,
)
from articles.models import Article, Author, Byline, ContentWarning, MediaKitItem, PressContact
from newsroom import pagecache

# What `article_retires` and `Article.is_scheduled` read of a row, besides its key.
ARTICLE_READS = ("status", "published_at", "kind")
# The rows besides its own that decide what a change to a piece retires.
SHOWN_PARTS = (TaggedItem, Byline, ContentWarning)


def article_retires(article: Article) -> set[str]:
    """What a change to `article`, as it stands, retires: nothing unless readers can see it.

    Reads only `ARTICLE_READS` of the row."""
    if article.pk is None or not article.is_published:
        return set()
    tag_ids, author_ids, spoilers = pagecache.read_once(
        ("articles:shows", article.pk), partial(_shows, article.pk), depends_on=SHOWN_PARTS
    )
    listings = {
        NEWS,
        kind_tag(article.kind),
        *(tag_tag(pk) for pk in tag_ids),
        *(author_tag(pk) for pk in author_ids),
    }
    periods = periods_of(article.published_at, timezone.now())
    return {
        article_tag(article.pk),
        *listings,
        *(period_tag(listing, period) for listing in listings for period in periods),
        *([SPOILERS] if spoilers else []),
    }


def _shows(pk: int) -> tuple[list[int], list[int], bool]:
    """The topics and authors a piece's listings are, and whether it has a spoiler warning."""
    tag_ids = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Article), object_id=pk
    ).values_list("tag_id", flat=True)
    author_ids = Byline.objects.filter(article_id=pk).values_list("author_id", flat=True)
    spoilers = ContentWarning.objects.filter(
        article_id=pk, kind=ContentWarning.Kind.SPOILERS
    ).exists()
    return list(tag_ids), list(author_ids), spoilers


def part_retires(part: Model) -> set[str]:
    """A byline, warning or correction: what a change to its article retires."""
    return _retires_of_article(part.article_id)


def tagged_item_retires(item: TaggedItem) -> set[str]:
    if item.content_type_id != ContentType.objects.get_for_model(Article).pk:
        return set()
    return _retires_of_article(item.object_id)


def _retires_of_article(pk: int) -> set[str]:
    article = pagecache.read_once(
        ("articles:row", pk),
        Article.objects.filter(pk=pk).only(*ARTICLE_READS).first,
        depends_on=(Article,),
    )
    return article_retires(article) if article is not None else set()


def author_retires(author: Author) -> set[str]:
    """An author's listing and page, and the public pieces that show their name; nothing for an
    author readers cannot see yet (no public piece)."""
    public = Article.objects.published().filter(bylines__author_id=author.pk)
    pieces = article_tags(public.values_list("pk", flat=True))
    return {author_tag(author.pk), *pieces} if pieces else set()


def topic_retires(tag: Tag) -> set[str]:
    """A topic's listing and page, and the public pieces that show its name; nothing for a
    topic no public piece carries."""
    public = Article.objects.published().filter(tags__id=tag.pk)
    pieces = article_tags(public.values_list("pk", flat=True))
    return {tag_tag(tag.pk), *pieces} if pieces else set()


def contact_retires(contact: PressContact) -> set[str]:
    """A press contact as it was or is: their own tag, the press room's list, and the releases
    showing the default contacts if they were or are one."""
    defaults = {DEFAULT_CONTACTS} if contact.for_releases else set()
    return {contact_tag(contact.pk), PRESS_CONTACTS, *defaults}


def kit_item_retires(item: MediaKitItem) -> set[str]:
    """A media-kit item as it was or is: its release's tag if readers can see the release, or
    the press room's kit."""
    if item.article_id is None:
        return {PRESS_KIT}
    public = Article.objects.published().filter(pk=item.article_id).exists()
    return {article_tag(item.article_id)} if public else set()


def releases_relinked(sender, instance, action, reverse, pk_set, using, **kwargs):
    """Releases given or relieved of a contact from the contact's side
    (`contact.releases.add(…)`): what a change to each of those releases retires. From the
    release's side the release's own `watch` sees it."""
    if not reverse or action not in ("pre_clear", "post_add", "post_remove"):
        return
    if action == "pre_clear":
        pk_set = sender.objects.filter(presscontact=instance).values_list("article_id", flat=True)
    tags: set[str] = set()
    for article in Article.objects.filter(pk__in=list(pk_set or [])).only(
        "pk", "kind", "status", "published_at"
    ):
        tags |= article_retires(article)
    pagecache.retire(tags, using=using)


def went_public(since: datetime, until: datetime) -> set[str]:
    """What the pieces scheduled for after `since` and up to `until` retire."""
    scheduled = Article.objects.filter(
        status=Article.Status.PUBLISHED, published_at__gt=since, published_at__lte=until
    )
    tags: set[str] = set()
    for article in scheduled.only("pk", "kind", "status", "published_at"):
        tags |= article_retires(article)
    return tags
