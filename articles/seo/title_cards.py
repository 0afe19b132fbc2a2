"""Title cards drawn ahead of readers, by the task worker.

When a publication or an update of a public piece is handed on (`articles.events`), the
`title-cards` channel queues `draw_title_card`, which draws and stores the piece's card if it
shares one and none is stored for its text yet: after the commit, in the worker, and for a
scheduled piece when its publication falls due. Its first reader then finds the card ready,
kept with the page cache's values as the page looks it up (`social.title_card`). A reader who
comes before the worker still draws it; the card is stored whole whichever comes first.
"""

from django_tasks import task

from articles.events import Channel
from articles.events.queue import enqueue
from articles.models import Article, Event
from articles.seo import social
from newsroom.models import SiteSettings

# What can change what a public piece's card shows: its headline, when it goes public or later.
DRAWN_ON = frozenset({Event.Kind.PUBLISHED, Event.Kind.UPDATED})


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


def handle(event: Event) -> None:
    # Run twice (a retry), it queues the task twice: the second finds the card stored.
    if event.kind in DRAWN_ON:
        enqueue(draw_title_card, event.article_id)


TITLE_CARDS = Channel("title-cards", handle)
