"""Where a cross-posted piece first appeared: platforms, clean origin URLs and their identity.

Pure functions of their arguments (no database), shared by the model, the admin, the paste
cleaner and the importer, so every path names a platform and knows an original the same way.
The credit line written from them is in `articles.crosspost.credits`.
"""

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

from newsroom import tracking


@dataclass(frozen=True)
class Platform:
    """A place pieces first appear. `personal` platforms hold an author's own page or account
    ("Dana Whitfield's LinkedIn"); the others are publications a piece runs in ("in Forbes")."""

    name: str
    domains: tuple[str, ...]
    personal: bool = False
    aliases: tuple[str, ...] = ()
    # Query parameters this platform adds for tracking, beyond the common ones.
    tracking_params: frozenset[str] = frozenset()


PLATFORMS: tuple[Platform, ...] = (
    Platform(
        "LinkedIn",
        ("linkedin.com", "lnkd.in"),
        personal=True,
        tracking_params=frozenset(
            {
                "lipi",
                "midtoken",
                "midsig",
                "trkemail",
                "eid",
                "rcm",
                "originalsubdomain",
                "miniprofileurn",
            }
        ),
    ),
    Platform("Medium", ("medium.com",), personal=True, tracking_params=frozenset({"source", "gi"})),
    Platform(
        "Substack",
        ("substack.com",),
        personal=True,
        tracking_params=frozenset({"r", "showwelcomeonshare", "triedredirect", "publication_id"}),
    ),
    Platform(
        "X",
        ("x.com", "twitter.com"),
        personal=True,
        aliases=("Twitter", "X (Twitter)", "X/Twitter"),
        tracking_params=frozenset({"s", "t"}),
    ),
    Platform(
        "Threads",
        ("threads.net", "threads.com"),
        personal=True,
        tracking_params=frozenset({"xmt", "slof"}),
    ),
    Platform("Bluesky", ("bsky.app",), personal=True),
    Platform(
        "Facebook",
        ("facebook.com", "fb.com"),
        personal=True,
        tracking_params=frozenset({"mibextid", "rdid", "__cft__[0]", "__tn__", "sfnsn"}),
    ),
    Platform("Instagram", ("instagram.com",), personal=True),
    # "si" names the account that pressed Share; "t" (where a video starts) is kept.
    Platform(
        "YouTube",
        ("youtube.com", "youtu.be"),
        personal=True,
        tracking_params=frozenset({"si", "feature"}),
    ),
    Platform(
        "TikTok",
        ("tiktok.com",),
        personal=True,
        tracking_params=frozenset({"_r", "_t", "is_from_webapp", "sender_device"}),
    ),
    Platform(
        "Reddit", ("reddit.com",), personal=True, tracking_params=frozenset({"share_id", "rdt"})
    ),
    Platform("Tumblr", ("tumblr.com",), personal=True),
    Platform("Mastodon", ("mastodon.social", "mastodon.online"), personal=True),
    Platform("Forbes", ("forbes.com",), tracking_params=frozenset({"sh", "ss"})),
    Platform("Fortune", ("fortune.com",)),
    Platform(
        "The New York Times",
        ("nytimes.com",),
        aliases=("New York Times", "NYT", "NY Times"),
        tracking_params=frozenset({"smid", "smtyp", "partner"}),
    ),
    Platform("The Wall Street Journal", ("wsj.com",), aliases=("Wall Street Journal", "WSJ")),
    Platform(
        "the Financial Times",
        ("ft.com",),
        aliases=("Financial Times", "FT"),
        tracking_params=frozenset({"sharetype", "segmentid"}),
    ),
    Platform("The Guardian", ("theguardian.com",), aliases=("Guardian",)),
    Platform("The Washington Post", ("washingtonpost.com",), aliases=("Washington Post",)),
    Platform("the Los Angeles Times", ("latimes.com",), aliases=("Los Angeles Times",)),
    Platform("USA Today", ("usatoday.com",)),
    Platform("The Boston Globe", ("bostonglobe.com",), aliases=("Boston Globe",)),
    Platform("the Chicago Tribune", ("chicagotribune.com",), aliases=("Chicago Tribune",)),
    Platform("The Times", ("thetimes.co.uk", "thetimes.com")),
    Platform("The Telegraph", ("telegraph.co.uk",), aliases=("Telegraph",)),
    Platform("The Independent", ("independent.co.uk",), aliases=("Independent",)),
    Platform("The Economist", ("economist.com",), aliases=("Economist",)),
    Platform("The Atlantic", ("theatlantic.com",), aliases=("Atlantic",)),
    Platform("Bloomberg", ("bloomberg.com",)),
    Platform("Reuters", ("reuters.com",)),
    Platform("Harvard Business Review", ("hbr.org",), aliases=("HBR",)),
    Platform("Fast Company", ("fastcompany.com",)),
    Platform("Inc.", ("inc.com",), aliases=("Inc",)),
    Platform("Business Insider", ("businessinsider.com",)),
    Platform("CNBC", ("cnbc.com",)),
    Platform("TechCrunch", ("techcrunch.com",)),
    Platform("Axios", ("axios.com",)),
    Platform("Politico", ("politico.com", "politico.eu")),
    Platform("The Globe and Mail", ("theglobeandmail.com",), aliases=("Globe and Mail",)),
    Platform("The Sydney Morning Herald", ("smh.com.au",), aliases=("Sydney Morning Herald",)),
    Platform("Le Monde", ("lemonde.fr",)),
    Platform("Der Spiegel", ("spiegel.de",), aliases=("Spiegel",)),
    Platform("Handelsblatt", ("handelsblatt.com",)),
    Platform("El País", ("elpais.com",), aliases=("El Pais",)),
)


# Medium serves publications on their own domains; their story addresses end in the story's id,
# e.g. /plan-in-seasons-not-years-5c1e0a7d2b94: hexadecimal with a digit and a letter, which
# other sites' addresses ending in a date or a number (News24's …-20250114) do not have.
_MEDIUM_STORY_PATH = re.compile(r"/[\w%-]+-(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,12}/?$")
# …nor an address ending in a UUID, whose last part is twelve such characters.
_UUID_ENDING = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/?$", re.IGNORECASE
)


def _host(url: str) -> str:
    try:
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""
    return host


def _matches(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def platform_for_host(host: str) -> Platform | None:
    for platform in PLATFORMS:
        if any(_matches(host, domain) for domain in platform.domains):
            return platform
    return None


def platform_named(name: str) -> Platform | None:
    """The platform an editor means by `name` ("linkedin", "Twitter", "NYT"), if it is known."""
    wanted = " ".join(name.split()).casefold()
    if not wanted:
        return None
    for platform in PLATFORMS:
        if wanted in {alias.casefold() for alias in (platform.name, *platform.aliases)}:
            return platform
    return None


def identify(url: str) -> Platform | None:
    """The known platform `url` belongs to, from its host or, for Medium, its path."""
    host = _host(url)
    if not host:
        return None
    if platform := platform_for_host(host):
        return platform
    path = urlsplit(url.strip()).path
    if _MEDIUM_STORY_PATH.search(path) and not _UUID_ENDING.search(path):
        return platform_named("Medium")
    return None


def readable_host(host: str) -> str:
    """`www.blog.example.org` → `blog.example.org`; internationalised names in their letters."""
    host = host.removeprefix("www.").removeprefix("m.")
    try:
        return host.encode("ascii").decode("idna") if "xn--" in host else host
    except UnicodeError:
        return host


def detect_platform(url: str) -> str:
    """Name the platform an origin URL belongs to; a readable host name when it is not known."""
    if platform := identify(url):
        return platform.name
    host = _host(url)
    return readable_host(host) if host else ""


def piece_form(url: str) -> str:
    """ "post" for a social post (a LinkedIn /posts/ update, a tweet), else "article"."""
    platform = identify(url)
    path = urlsplit(url.strip()).path.lower() if url else ""
    if platform is None:
        return "article"
    if platform.name == "LinkedIn":
        return "article" if path.startswith("/pulse/") else "post"
    if platform.name in {"X", "Threads", "Bluesky", "Facebook"}:
        return "post"
    return "article"


def normalise_platform(name: str) -> str:
    """An editor's platform name in the spelling readers know: "linkedin" → "LinkedIn"."""
    name = " ".join(name.split())
    platform = platform_named(name)
    return platform.name if platform else name


def is_tracking_param(key: str, *, platform: Platform | None = None) -> bool:
    if tracking.is_tracking_param(key):
        return True
    return platform is not None and unquote(key).casefold() in platform.tracking_params


# Substack's "Copy link" address of a post, which only leads on to the post's own address on
# its publication's host: the page a canonical link and a credit should name.
_SUBSTACK_SHARE = re.compile(r"^/pub/([A-Za-z0-9-]+)/p/([^/]+/?)$")


def has_user_info(url: str) -> bool:
    """Whether `url` (one that parses) names a user, or a user and password, before its host."""
    return "@" in urlsplit(url).netloc


def linkable(url: str) -> str:
    """`url` if the public may be sent to it, else "": one naming a user before its host reads
    as one site's and leads to another, or hands out a password. Such an address is refused on
    save, but one may be in the database all the same (saved before, or by a script)."""
    try:
        return "" if has_user_info(url) else url
    except ValueError:
        return ""


def clean_url(url: str) -> str:
    """`url` without tracking parameters and text fragments, its scheme and host lower-case,
    and a Substack post's "Copy link" address as the post's own.

    Everything else is kept byte for byte, so a link that worked still works.
    """
    url = (url or "").strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return url
    platform = identify(url)
    kept = [
        pair
        for pair in parts.query.split("&")
        if pair and not is_tracking_param(pair.split("=", 1)[0], platform=platform)
    ]
    fragment = "" if parts.fragment.startswith(":~:") else parts.fragment
    netloc = parts.netloc.lower()
    default_port = {"http": ":80", "https": ":443"}[parts.scheme.lower()]
    netloc = netloc.removesuffix(default_port)
    path = parts.path
    if netloc == "open.substack.com" and (share := _SUBSTACK_SHARE.match(path)):
        netloc, path = f"{share[1].lower()}.substack.com", f"/p/{share[2]}"
    return urlunsplit((parts.scheme.lower(), netloc, path, "&".join(kept), fragment))


# LinkedIn serves every page under a country host too (uk.linkedin.com), the host its
# `originalSubdomain` parameter names.
_LINKEDIN_COUNTRY_HOST = re.compile(r"^[a-z]{2}\.linkedin\.com$")
# A LinkedIn post's activity id, in /posts/<who>_<words>-activity-<id>-<hash> (or
# /posts/<who>_activity-<id>-<hash> when the post has no words LinkedIn puts in its address)
# and in /feed/update/urn:li:activity:<id>.
_LINKEDIN_ACTIVITY = re.compile(r"(?:[-_]activity-|urn:li:activity:)(\d{10,})(?!\d)")
# A tweet's status id, in /<handle>/status/<id> (any case of the handle, /statuses/ of old),
# /i/web/status/<id> and /i/status/<id>, and with /photo/1 or another view after it.
_TWEET = re.compile(r"^/(?:i/web|i|\w+)/status(?:es)?/(\d+)(?:/|$)", re.ASCII)


def origin_key(url: str) -> str:
    """What an original is, whichever of its addresses `url` is: "" when it is no web address.

    Two addresses with the same key are the same piece: over http or https, with or without
    `www.`, `m.` or LinkedIn's country host, twitter.com or x.com, with or without a trailing
    slash, tracking parameters or a fragment, a Substack post by its "Copy link" address too
    (`clean_url`); a LinkedIn post is its activity id, whether it is
    addressed as /posts/… or /feed/update/…, and a tweet its status id, whoever's handle (in
    whatever case) or /i/web/ the address names. The rest of the address is kept as it is, so
    different pieces keep different keys.
    """
    url = clean_url(url)
    try:
        parts = urlsplit(url)
        host, port = (parts.hostname or "").rstrip("."), parts.port
    except ValueError:
        return ""
    if parts.scheme not in {"http", "https"} or not host:
        return ""
    host = host.removeprefix("www.").removeprefix("m.")
    path = parts.path.rstrip("/")
    if _matches(host, "linkedin.com") and _LINKEDIN_COUNTRY_HOST.match(host):
        host = "linkedin.com"
    elif _matches(host, "twitter.com") or _matches(host, "x.com"):
        host = "x.com"
    if host == "linkedin.com" and (activity := _LINKEDIN_ACTIVITY.search(unquote(path))):
        return f"https://linkedin.com/feed/update/urn:li:activity:{activity[1]}"
    if host == "x.com" and (tweet := _TWEET.match(path)):
        return f"https://x.com/i/status/{tweet[1]}"
    netloc = f"{host}:{port}" if port and port not in {80, 443} else host
    return urlunsplit(("https", netloc, path, parts.query, ""))
