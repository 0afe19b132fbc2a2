"""Links in a pasted piece: redirects unwrapped, tracking removed, hashtag links dropped."""

import re
from urllib.parse import parse_qs, urljoin, urlsplit

from articles.crosspost import origins

from .report import Report

# Redirectors that carry the real address in a query parameter.
REDIRECTORS = {
    ("linkedin.com", "/redir/redirect"): "url",
    ("linkedin.com", "/safety/go"): "url",
    ("medium.com", "/r/"): "url",
    ("google.com", "/url"): "q",
    ("facebook.com", "/l.php"): "u",
}
# Shorteners whose target cannot be known without following them, which we never do.
SHORTENERS = {"lnkd.in", "t.co", "bit.ly", "buff.ly", "ow.ly", "tinyurl.com", "dlvr.it"}
_TAG_PATH = re.compile(r"/(feed/hashtag|hashtag|tag|tags|topic|topics)(/|$|\?)", re.I)


def _unwrap_redirect(url: str) -> str | None:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    for (domain, path), param in REDIRECTORS.items():
        matches_host = host == domain or host.endswith("." + domain)
        if matches_host and parts.path.rstrip("/") == path.rstrip("/"):
            target = parse_qs(parts.query).get(param, [""])[0]
            if target.startswith(("http://", "https://")):
                return target
    return None


def clean_link(href: str, *, base_url: str, text: str, report: Report) -> str | None:
    """The address a pasted link should keep, or None to keep only its text."""
    href = (href or "").strip()
    if href.lower().startswith("mailto:"):
        return href
    if text.startswith("#") or _TAG_PATH.search(href):
        report.count("tag links")
        report.tag_texts.add(text)
        return None
    if href.startswith("#") or not href:
        return None
    absolute = urljoin(base_url, href) if base_url else href
    if not absolute.lower().startswith(("http://", "https://")):
        report.count("unsafe links")
        return None
    if (target := _unwrap_redirect(absolute)) is not None:
        report.count("redirects")
        absolute = target
    cleaned = origins.clean_url(absolute)
    if cleaned != absolute.strip():
        report.count("tracking")
    if (urlsplit(cleaned).hostname or "").lower().removeprefix("www.") in SHORTENERS:
        report.count("short links")
    return cleaned
