"""Plain-text exports of a published news page, laid out as the page shows it."""

from articles.crosspost import cleaning, credits
from articles.crosspost.formats.base import BadFile, Defaults, start_of_day
from articles.crosspost.importing import AuthorDetails, Piece, WarningDetails, text_to_html

READ_BELOW = "Read the full piece below."
BACK_TO_NEWS = "Back to News"


def piece_from_text_export(text: str, *, defaults: Defaults) -> Piece:
    """A piece from a news page saved as text, laid out as the page shows it:

    the date; "<Kind>: <Headline>"; optional "(Warning: …)" lines; the editor's introduction;
    an optional "Read the full piece below."; the body; an optional "This piece was originally
    published on <Author>'s <Platform>."; an optional "Back to News".
    """
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) < 3:
        raise BadFile(
            "too short for a news page export: expected a date line, a “<Kind>: <Headline>” "
            "line and the text."
        )
    published_on = credits.parse_date(lines[0])
    if published_on is None:
        raise BadFile(f"line 1 should be the date, e.g. “Jan 17, 2025”; found “{lines[0]}”.")
    kind, headline = cleaning.split_kind_label(lines[1])
    rest = lines[2:]

    warnings = []
    while rest and (warning := cleaning.read_warning(rest[0])):
        warnings.append(WarningDetails.from_found(warning))
        rest.pop(0)
    if rest and rest[-1].casefold() == BACK_TO_NEWS.casefold():
        rest.pop()
    credit = credits.parse_attribution(rest[-1]) if rest else None
    if credit:
        rest.pop()

    introduction: list[str] = []
    if READ_BELOW in rest:
        split = rest.index(READ_BELOW)
        introduction, rest = rest[:split], rest[split + 1 :]
    if not rest:
        raise BadFile("has no text: nothing follows the headline and warnings.")

    author_name = (credit.author_name if credit else "") or defaults.author
    if not author_name:
        raise BadFile(
            "names no author: it has no “…originally published on <Author>'s <Platform>.” "
            "line. Pass --author NAME."
        )
    return Piece(
        headline=headline,
        kind=kind or defaults.kind,
        # Each line a paragraph, or a list's point: the export's lines are the page's blocks.
        body=text_to_html("\n".join(rest)),
        introduction=text_to_html("\n".join(introduction)),
        authors=[AuthorDetails(author_name)],
        warnings=warnings,
        origin_platform=credit.platform if credit else "",
        origin_author=credit.author_name if credit else "",
        origin_published_on=credit.published_on if credit else None,
        published_at=start_of_day(published_on, where="line 1: "),
    )
