"""What a press release's page shows besides the article, brought by the article's own row.

With a cache that keeps nothing, the page is made in full on every request: its row then brings
the release's media contacts and media kit as JSON lists (`release_notes`), as it brings its
bylines, rather than two queries more. Other kinds show neither, and the database skips both.
"""

from django.db.models import Case, JSONField, When

from articles.models import Article, ArticleKind
from articles.press.contacts import contact_notes, is_release, read_contact_notes
from articles.press.media_kit import kit_notes, read_kit_notes


def release_notes() -> dict[str, Case]:
    """Annotations for a query of articles: a release's contacts (those it names, and the
    defaults) and its kit items, in the order `read_release_notes` takes them; None for other
    kinds."""
    notes = {**contact_notes(), "page_kit": kit_notes()}
    return {
        name: Case(When(kind=ArticleKind.PRESS_RELEASE, then=list_of), output_field=JSONField())
        for name, list_of in notes.items()
    }


def read_release_notes(
    article: Article, chosen: list | None, defaults: list | None, kit: list | None
) -> None:
    """Keep on a release what its `release_notes` brought, for the page's contacts and kit."""
    if is_release(article):
        read_contact_notes(article, chosen, defaults)
        read_kit_notes(article, kit)
