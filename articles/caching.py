"""What each change to the News section's content retires (see `articles.cache_tags`).

A change to a piece retires its own tag and every listing it was in or is in now (with the parts
of their counts it is in), but only if readers could see it before the change or can after:
saving a draft or a scheduled piece retires nothing. Renaming an author or a topic retires its
listing, the public pieces that show the name, and every page of the list of authors or topics
(a new slug moves it to another page). Scheduled pieces retire the same when their time comes
(`went_public`). Press contacts are public from the moment they are saved: a change to one
retires the press room's list, everything that shows that contact, and, for a default contact,
the releases that name none of their own. A media-kit item retires what shows it: its release's
page and downloads while the release is public (nothing before), or the press room's kit.
A piece leaving the Google News sitemap's two days retires that sitemap at that moment: both
moments, a piece's time and the end of its two days, are the section's schedule
(`next_change_after`).

A change that may make a page of the section public at an address it was not at before also
retires the site's 404s (`pagecache.ADDRESSES`, through each model's `addresses`): a piece
published, moved or back from withdrawal (a scheduled one at its time), a public author or
topic renamed, a byline or a topic added to a public piece (its author's or topic's page may
be new). Pages at a public piece's address, such as its media kit, come and go with it.
"""

from datetime import datetime
from functools import partial

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Exists, Min, Model, OuterRef, Q, QuerySet
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.cache_tags import (
    AUTHORS,
    DEFAULT_CONTACTS,
    NEWS,
    NEWS_SITEMAP,
    PRESS_CONTACTS,
    PRESS_KIT,
    SPOILERS,
    TOPICS,
    article_tag,
    article_tags,
    author_tag,
    contact_tag,
    kind_tag,
    period_tag,
    periods_of,
    tag_tag,
)
from articles.models import (
    Article,
    Author,
    Byline,
    ContentWarning,
    MediaKitItem,
    PressContact,
    article_content_type,
)
from articles.sitemaps import NEWS_WINDOW
from newsroom import pagecache
from newsroom.compiled import CompiledLookup
from newsroom.notes import listed_notes

# What `article_retires`, `article_addresses` and `Article.is_scheduled` read of a row, besides
# its key.
ARTICLE_READS = ("status", "published_at", "kind", "slug")
# The rows besides its own that decide what a change to a piece retires.
SHOWN_PARTS = (TaggedItem, Byline, ContentWarning)
# What a piece shows of them: the keys of its topics and authors, and whether it carries a
# spoiler warning (`_shows`).
Shows = tuple[list[int], list[int], bool]


def article_retires(article: Article) -> set[str]:
    """What a change to `article`, as it stands, retires: nothing unless readers can see it.

    Reads only `ARTICLE_READS` of the row."""
    if article.pk is None or not article.is_published:
        return set()
    shows = pagecache.read_once(
        ("articles:shows", article.pk), partial(_shows, article.pk), depends_on=SHOWN_PARTS
    )
    return _retired(article, shows)


def article_addresses(article: Article) -> set[str]:
    """Where `article`, as it stands, is public: its slug, or nothing while readers cannot see
    it. Reads only `ARTICLE_READS` of the row."""
    return {article.slug} if article.pk is not None and article.is_published else set()


def byline_addresses(byline: Byline) -> set[str]:
    """A byline of a public piece: its author's page (which the byline may have brought)."""
    return {str(byline.author_id)} if _retires_of_article(byline.article_id) else set()


def tagged_item_addresses(item: TaggedItem) -> set[str]:
    """A topic on a public piece: the topic's page (which the topic may have brought)."""
    return {str(item.tag_id)} if tagged_item_retires(item) else set()


def author_addresses(author: Author) -> set[str]:
    """An author's page, while a public piece shows it."""
    public = Article.objects.published().filter(bylines__author_id=author.pk)
    return {author.slug} if author.pk is not None and public.exists() else set()


def topic_addresses(tag: Tag) -> set[str]:
    """A topic's page, while a public piece carries it."""
    public = Article.objects.published().filter(tags__id=tag.pk)
    return {tag.slug} if tag.pk is not None and public.exists() else set()


def _retired(article: Article, shows: Shows) -> set[str]:
    """What a public piece retires, given what it shows (`_shows`)."""
    tag_ids, author_ids, spoilers = shows
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


def _shows(pk: int) -> Shows:
    """The topics and authors a piece's listings are, and whether it has a spoiler warning: one
    query, from the piece's row (none, for a row that is gone)."""
    content_type = article_content_type()
    found = SHOWS.rows(article=pk, content_type=content_type)
    if not found:
        return [], [], False
    return _as_shows(*found[0])


def _as_shows(topics, authors, spoilers) -> Shows:
    """What `SHOWN` reads of a piece, as `Shows`."""
    return [tag for (tag,) in topics or ()], [author for (author,) in authors or ()], spoilers


def part_retires(part: Model) -> set[str]:
    """A byline, warning or correction: what a change to its article retires."""
    return _retires_of_article(part.article_id)


def tagged_item_retires(item: TaggedItem) -> set[str]:
    if item.content_type_id != article_content_type():
        return set()
    return _retires_of_article(item.object_id)


def _retires_of_article(pk: int) -> set[str]:
    article = pagecache.read_once(
        ("articles:row", pk), partial(_article_row, pk), depends_on=(Article,)
    )
    return article_retires(article) if article is not None else set()


def _article_row(pk: int) -> Article | None:
    """The piece's `ARTICLE_READS`, for the change of one of its parts."""
    found = ARTICLE_ROW.rows(article=pk)
    return Article.from_db(DEFAULT_DB_ALIAS, ROW_READS, found[0]) if found else None


# What `_article_row` and `_shows` read, compiled once (see `newsroom.compiled`): each save of
# a public piece and of each of its parts asks them. The content type is passed as a value, as
# for the pages' compiled lookups.
ROW_READS = ("id", *ARTICLE_READS)
ARTICLE_ROW = CompiledLookup(
    lambda article: Article.objects.filter(pk=article).values_list(*ROW_READS), article=int
)
SHOWN = ("shown_topics", "shown_authors", "shown_spoilers")


def _with_shows(articles: QuerySet, content_type: int) -> QuerySet:
    """`articles`, each with what `_shows` reads of it (`SHOWN`)."""
    return articles.annotate(
        shown_topics=listed_notes(
            TaggedItem.objects.filter(content_type=content_type), "object_id", "tag_id"
        ),
        shown_authors=listed_notes(Byline.objects.all(), "article_id", "author_id"),
        shown_spoilers=Exists(
            ContentWarning.objects.filter(article=OuterRef("pk"), kind=ContentWarning.Kind.SPOILERS)
        ),
    )


SHOWS = CompiledLookup(
    lambda article, content_type: _with_shows(
        Article.objects.filter(pk=article), content_type
    ).values_list(*SHOWN),
    article=int,
    content_type=int,
)


def pieces_retire(articles: QuerySet[Article]) -> set[str]:
    """What a change to each of `articles` retires, as `article_retires` says, in one query
    however many there are (a topic deleted from all of them at once)."""
    content_type = article_content_type()
    tags: set[str] = set()
    for row in _with_shows(articles, content_type).values_list(*ROW_READS, *SHOWN):
        article = Article.from_db(DEFAULT_DB_ALIAS, ROW_READS, row[: len(ROW_READS)])
        if article.is_published:
            tags |= _retired(article, _as_shows(*row[len(ROW_READS) :]))
    return tags


def author_retires(author: Author) -> set[str]:
    """An author's listing and page, the list of authors, and the public pieces that show their
    name; nothing for an author readers cannot see yet (no public piece)."""
    public = Article.objects.published().filter(bylines__author_id=author.pk)
    pieces = article_tags(public.values_list("pk", flat=True))
    return {author_tag(author.pk), AUTHORS, *pieces} if pieces else set()


def topic_retires(tag: Tag) -> set[str]:
    """A topic's listing and page, the list of topics, and the public pieces that show its name;
    nothing for a topic no public piece carries."""
    public = Article.objects.published().filter(tags__id=tag.pk)
    pieces = article_tags(public.values_list("pk", flat=True))
    return {tag_tag(tag.pk), TOPICS, *pieces} if pieces else set()


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


def next_change_after(when: datetime) -> datetime | None:
    """The first time after `when` at which the section changes by itself: a scheduled piece
    goes public, or a piece leaves the Google News sitemap's two days. One query for both, over
    the pieces of the two days before `when` and after it."""
    recent = Article.objects.filter(
        status=Article.Status.PUBLISHED, published_at__gt=when - NEWS_WINDOW
    )
    found = recent.aggregate(
        going=Min("published_at", filter=Q(published_at__gt=when)), oldest=Min("published_at")
    )
    leaving = found["oldest"] + NEWS_WINDOW if found["oldest"] is not None else None
    return min((time for time in (found["going"], leaving) if time is not None), default=None)


def went_public(since: datetime, until: datetime) -> set[str]:
    """What the pieces scheduled for after `since` and up to `until` retire, and the Google
    News sitemap if a piece left its two days meanwhile."""
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    scheduled = published.filter(published_at__gt=since, published_at__lte=until)
    tags: set[str] = set()
    for article in scheduled.only("pk", "kind", "status", "published_at"):
        tags |= article_retires(article)
    if tags:
        # Each piece that went public did so at an address that was a 404 until now.
        tags.add(pagecache.ADDRESSES)
    left = published.filter(
        published_at__gt=since - NEWS_WINDOW, published_at__lte=until - NEWS_WINDOW
    )
    if left.exists():
        tags.add(NEWS_SITEMAP)
    return tags
