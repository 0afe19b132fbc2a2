"""Which media contacts a page shows, each list read in one query however long it is.

A release shows the contacts its editors chose for it; one that names none shows the contacts
marked as defaults for releases. The press room shows every contact. Both say what they show
(`pagecache.shows`) every time they are asked, so each kept fragment that lists contacts is
retired when one of them changes, although the list is read once per request.
"""

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Exists, OuterRef, Q, Subquery

from articles.cache_tags import DEFAULT_CONTACTS, PRESS_CONTACTS, contact_tag
from articles.models import Article, ArticleKind, PressContact
from newsroom import pagecache
from newsroom.compiled import CompiledLookup, row_columns
from newsroom.notes import grouped_notes, listed_notes, place_in_order, read_notes

CONTACT_COLUMNS = row_columns(PressContact)
CONTACT_ORDER = ("position", "name", "id")
# What a release's page shows of a contact (`contact_notes`): all but the times its row was
# written.
PAGE_CONTACT_COLUMNS = row_columns(PressContact, leaving=("created_at", "updated_at"))
# A contact named on a release.
ReleaseContact = Article.press_contacts.through


def _release_contacts(article):
    chosen_here = ReleaseContact.objects.filter(article=article)
    return (
        PressContact.objects.annotate(
            chosen=Exists(chosen_here.filter(presscontact=OuterRef("pk")))
        )
        .filter(Q(chosen=True) | Q(for_releases=True) & ~Exists(chosen_here))
        .order_by(*CONTACT_ORDER)
        .values_list(*CONTACT_COLUMNS, "chosen")
    )


# Each compiled once (`newsroom.compiled`).
RELEASE_CONTACTS = CompiledLookup(_release_contacts, article=int)
ROOM_CONTACTS = CompiledLookup(
    lambda: PressContact.objects.order_by(*CONTACT_ORDER).values_list(*CONTACT_COLUMNS)
)


def contact_notes() -> dict[str, Subquery]:
    """Annotations for a query of articles: the contacts each names (`page_contacts`) and the
    defaults for releases (`page_default_contacts`), each as a JSON list of `PAGE_CONTACT_COLUMNS`
    with the contact's place in `CONTACT_ORDER` (`read_contact_notes` reads them)."""
    contacts = PressContact.objects.all()
    contacts = contacts.annotate(place=place_in_order(contacts, *CONTACT_ORDER))
    columns = (*PAGE_CONTACT_COLUMNS, "place")
    defaults = contacts.filter(for_releases=True)
    return {
        "page_contacts": listed_notes(contacts, "releases", *columns),
        "page_default_contacts": grouped_notes(defaults, "for_releases", *columns),
    }


def read_contact_notes(article: Article, chosen: list | None, defaults: list | None) -> None:
    """Keep on a release the contacts its `contact_notes` brought, in order, for
    `release_contacts`: those it names, or the defaults when it names none."""
    using = article._state.db or DEFAULT_DB_ALIAS
    uses_defaults = not chosen
    rows = defaults if uses_defaults else chosen
    contacts = read_notes(
        PressContact, rows, PAGE_CONTACT_COLUMNS, "place", extra=("place",), using=using
    )
    article._media_contacts = (contacts, uses_defaults)


def is_release(article: Article) -> bool:
    return article.kind == ArticleKind.PRESS_RELEASE


def release_contacts(article: Article) -> list[PressContact]:
    """The media contacts `article` shows: none unless it is a press release. Read in one query
    unless its row brought them (`read_contact_notes`)."""
    if not is_release(article) or article.pk is None:
        return []
    found = article.__dict__.get("_media_contacts")
    if found is None:
        using = article._state.db or DEFAULT_DB_ALIAS
        rows = RELEASE_CONTACTS.rows(article=article.pk, using=using)
        contacts = [PressContact.from_db(using, CONTACT_COLUMNS, row[:-1]) for row in rows]
        # Defaults when nothing was chosen; a default added later must then show here too.
        uses_defaults = not any(row[-1] for row in rows)
        found = article._media_contacts = (contacts, uses_defaults)
    contacts, uses_defaults = found
    pagecache.shows(
        *(contact_tag(contact.pk) for contact in contacts),
        *([DEFAULT_CONTACTS] if uses_defaults else []),
    )
    return contacts


def room_contacts() -> list[PressContact]:
    """Every press contact, in order, for the press room."""
    pagecache.shows(PRESS_CONTACTS)
    return [
        PressContact.from_db(DEFAULT_DB_ALIAS, CONTACT_COLUMNS, row) for row in ROOM_CONTACTS.rows()
    ]
