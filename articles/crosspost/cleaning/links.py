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
# The platforms' own pages listing a hashtag or topic, as (domain, path). Only on these hosts:
# other sites' /tag/ and /topics/ pages (a release, a magazine's topic) are what the author linked.
TAG_PAGES = {
    ("linkedin.com", "/feed/hashtag"),
    ("linkedin.com", "/pulse/topics"),
    ("x.com", "/hashtag"),
    ("x.com", "/i/topics"),
    ("twitter.com", "/hashtag"),
    ("twitter.com", "/i/topics"),
    ("instagram.com", "/explore/tags"),
    ("facebook.com", "/hashtag"),
    ("bsky.app", "/hashtag"),
    ("medium.com", "/tag"),
    ("medium.com", "/topic"),
}
# "#leadership", but not "#1" or "#1 in the survey".
_HASHTAG_TEXT = re.compile(r"#\w*[^\W\d]\w*")


def is_short_link(url: str) -> bool:
    """Whether `url` is on a shortener (lnkd.in, bit.ly…), which hides where it leads; one
    that will not parse ("https://[::1/") is no address, refused as one where it is given."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return False
    return host.lower().removeprefix("www.") in SHORTENERS


def _on(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def _is_tag_page(url: str) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    path = parts.path.lower().rstrip("/")
    return any(
        _on(host, domain) and (path == prefix or path.startswith(prefix + "/"))
        for domain, prefix in TAG_PAGES
    )


def _is_web_address(url: str) -> bool:
    """Whether `url` is an http(s) address a browser could follow: one that will not parse
    (an unclosed "[", a port past 65535) is no link, only text, nor is one naming a user before
    its host, which leads elsewhere than it reads (`origins.has_user_info`)."""
    if not url.lower().startswith(("http://", "https://")):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (read for its check)
    except ValueError:
        return False
    return bool(parts.hostname) and not origins.has_user_info(url)


def _unwrap_redirect(url: str) -> str | None:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    for (domain, path), param in REDIRECTORS.items():
        if _on(host, domain) and parts.path.rstrip("/") == path.rstrip("/"):
            target = parse_qs(parts.query).get(param, [""])[0]
            if target.startswith(("http://", "https://")):
                return target
    return None


def clean_link(href: str, *, base_url: str, text: str, report: Report) -> str | None:
    """The address a pasted link should keep, or None to keep only its text."""
    href = (href or "").strip()
    if href.lower().startswith("mailto:"):
        return href
    try:
        absolute = urljoin(base_url, href) if base_url else href
    except ValueError:  # no address at all ("http://["): kept as text, below
        absolute = ""
    if _HASHTAG_TEXT.fullmatch(text) or (_is_web_address(absolute) and _is_tag_page(absolute)):
        report.count("tag links")
        report.tag_texts.add(text)
        return None
    if href.startswith("#") or not href:
        return None
    if not _is_web_address(absolute):
        report.count("unsafe links")
        return None
    if (target := _unwrap_redirect(absolute)) is not None:
        report.count("redirects")
        if not _is_web_address(target):
            report.count("unsafe links")
            return None
        absolute = target
    cleaned = origins.clean_url(absolute)
    if cleaned != absolute.strip():
        report.count("tracking")
    if is_short_link(cleaned):
        report.count("short links")
    return cleaned
