"""Title cards drawn ahead of readers, by the task worker.

When a publication or an update of a public piece is handed on (`articles.events`), the
`title-cards` channel queues `draw_title_card`, which draws and stores the piece's card if it
shares one and none is stored for its text yet: after the commit, in the worker, and for a
scheduled piece when its publication falls due. Its first reader then finds the card ready,
kept with the page cache's values as the page looks it up (`social.title_card`). A reader who
comes before the worker still draws it; the card is stored whole whichever comes first.

A card shows the site's name too, and is shown only while the site has no default image:
renaming the site in its settings, or removing its default image, queues `redraw_title_cards`,
which queues `draw_title_card` for every public piece without a picture, a batch of pieces at
a time, each batch after the one before. It covers the pieces there were at the change: a piece
made after it is drawn by its own publication, with the new name, and a site named before
anything is written (or filled by a script afterwards) queues no redraw at all.
A card's name follows the site's name, so a reader before the worker finds no card for the
new name and draws it; no page shares the old one.

A queryset's `update()` of the settings queues nothing, and is left allowed rather than
refused as a warning's is (`articles.models.notices`): the redraw only saves readers time, a
card being drawn by the first page that finds none for what it shows, while what `update()`
does miss there, the retiring of every page, is documented with its remedy for every model
(docs/configuration.md). The settings are one row the admin saves; a script calls `save()` on
`SiteSettings.load()`, or after an `update()` queues `redraw_title_cards` itself.
"""

from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import post_save, pre_save
from django_tasks import task

from articles.events import Channel
from articles.events.queue import enqueue
from articles.models import Article, Event
from articles.seo import social
from newsroom.models import SiteSettings

# What can change what a public piece's card shows: its headline, when it goes public or later.
DRAWN_ON = frozenset({Event.Kind.PUBLISHED, Event.Kind.UPDATED})
# Pieces a redraw reads and queues a card for at a time: at 100,000 pieces, never all at once.
REDRAW_BATCH = 500


@task()
def draw_title_card(article_id: int) -> str:
    """Make sure the public piece's title card is stored, if it shares one; what was done."""
    # Public as every page decides it, by the database's clock.
    article = Article.objects.published().filter(pk=article_id).first()
    if article is None:
        return "not public"
    site_settings = SiteSettings.current()
    if not social.shares_title_card(article, site_settings):
        return "shares another picture"
    card = social.title_card(article, site_name=site_settings.site_name)
    # A card that cannot be made is logged; its readers' pages try again.
    return "ready" if card is not None else "not made"


@task()
def redraw_title_cards(after: int = 0, upto: int | None = None) -> str:
    """Queue the drawing of the card of every public piece without a picture, for the site's
    name as it is now: `REDRAW_BATCH` pieces from the one after `after` up to `upto` (pieces'
    ids; every piece without it), each its own `draw_title_card`, and the rest as another
    `redraw_title_cards`; what was queued.

    Each piece's card is a task of its own, so a piece that cannot be drawn stops no other,
    and no task holds the worker longer than one card or one batch of queueing takes."""
    if SiteSettings.current().default_image:
        return "shares another picture"
    pieces = Article.objects.published().filter(featured_image="", pk__gt=after).order_by("pk")
    if upto is not None:
        pieces = pieces.filter(pk__lte=upto)
    # The batch and the rest are queued together or not at all: a worker stopped midway runs
    # this task again, and a card queued twice is drawn once (the second finds it stored).
    with transaction.atomic():
        batch = list(pieces.values_list("pk", flat=True)[:REDRAW_BATCH])
        for article_id in batch:
            enqueue(draw_title_card, article_id)
        if len(batch) == REDRAW_BATCH:
            enqueue(redraw_title_cards, batch[-1], upto)
    return f"{len(batch)} queued"


def site_saving(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    """Note whether the save changes what the pieces without a picture are shared with: a title
    card is shown after it (the site has no default image) and either the site's name on it
    differs from the one stored (or the default, before the settings were first saved), or a
    default image was shown in its place until now."""
    stored = (
        sender.objects.using(using).filter(pk=1).values_list("site_name", "default_image").first()
    )
    if stored is None:
        stored = (sender._meta.get_field("site_name").get_default(), "")
    name, image = stored
    instance._title_cards_changed = not instance.default_image and (
        name != instance.site_name or bool(image)
    )


def site_saved(sender, instance, **kwargs):
    # Restoring a revision of the settings is a raw save, and may change them too.
    if getattr(instance, "_title_cards_changed", False):
        instance._title_cards_changed = False
        # Pieces made from now on are drawn by their publication, with the new name.
        newest = Article.objects.order_by("-pk").values_list("pk", flat=True).first()
        if newest is not None:
            enqueue(redraw_title_cards, 0, newest)


def watch_site_name() -> None:
    """Redraw the cards when what they show changes (the site is renamed, or its default image
    removed), however its settings are saved."""
    pre_save.connect(site_saving, sender=SiteSettings, dispatch_uid="title-cards:site-saving")
    post_save.connect(site_saved, sender=SiteSettings, dispatch_uid="title-cards:site-saved")


def handle(event: Event) -> None:
    # Run twice (a retry), it queues the task twice: the second finds the card stored.
    if event.kind in DRAWN_ON:
        enqueue(draw_title_card, event.article_id)


TITLE_CARDS = Channel("title-cards", handle)
