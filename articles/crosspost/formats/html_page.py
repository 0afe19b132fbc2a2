"""Saved web pages: the article (or main) element, cleaned like a paste, and what the page's
head says of the headline, the original, its author and date."""

from datetime import date

from bs4 import BeautifulSoup
from django.utils.dateparse import parse_date, parse_datetime

from articles.crosspost import cleaning, origins
from articles.crosspost.formats.base import BadFile, Defaults
from articles.crosspost.importing import AuthorDetails, Piece, WarningDetails
from newsroom.nesting import MAX_NESTING, is_nested_too_deep


def _meta(soup: BeautifulSoup, **attrs) -> str:
    tag = soup.find("meta", attrs=attrs)
    return " ".join((tag.get("content") or "").split()) if tag else ""


def piece_from_html(text: str, *, defaults: Defaults) -> Piece:
    """A piece from a saved web page: its article (or main) element, cleaned like a paste.

    The headline comes from og:title, the first <h1> or the <title>; the original URL from the
    canonical link or og:url; the author from <meta name="author">; the original date from
    article:published_time or the first <time datetime>.
    """
    if is_nested_too_deep(text):
        raise BadFile(
            f"is nested more than {MAX_NESTING} levels deep (elements inside elements), deeper "
            "than any browser shows a page: import its text as plain text, or simplify it."
        )
    soup = BeautifulSoup(text, "html.parser")
    canonical = soup.find("link", rel="canonical")
    origin_url = (canonical.get("href") if canonical else "") or _meta(soup, property="og:url")
    origin_url = origins.clean_url(origin_url)
    if origin_url and not origin_url.startswith(("http://", "https://")):
        origin_url = ""
    h1 = soup.find("h1")
    headline = (
        _meta(soup, property="og:title")
        or (" ".join(h1.get_text(" ").split()) if h1 else "")
        or (" ".join(soup.title.get_text(" ").split()) if soup.title else "")
    )
    author_name = _meta(soup, name="author") or defaults.author
    published = _meta(soup, property="article:published_time")
    if not published and (stamp := soup.find("time", datetime=True)):
        published = stamp["datetime"]
    origin_date = _date_of(published)

    content = soup.find("article") or soup.find("main") or soup.body or soup
    piece = cleaning.clean_paste(
        html=str(content),
        base_url=origin_url,
        author_names=[author_name] if author_name else [],
        headline=headline,
    )
    if not piece.body:
        raise BadFile("has no text to import: its page holds no paragraphs after cleaning.")
    if not piece.headline:
        raise BadFile("has no headline: no og:title, <h1> or <title>.")
    if not author_name:
        raise BadFile('names no author: add <meta name="author" content="…"> or pass --author.')
    return Piece(
        headline=piece.headline,
        kind=piece.kind or defaults.kind,
        body=piece.body,
        dek=piece.dek or _meta(soup, name="description")[:300],
        authors=[AuthorDetails(author_name)],
        warnings=[WarningDetails.from_found(piece.warning)] if piece.warning else [],
        origin_url=origin_url,
        origin_published_on=origin_date or piece.published_on,
    )


def _date_of(value: str) -> date | None:
    if not value:
        return None
    try:
        moment = parse_datetime(value)
        return moment.date() if moment else parse_date(value[:10])
    except ValueError:
        return None
