"""Where a cross-posted piece first appeared: platform names from origin URLs, and possessives."""

from urllib.parse import urlsplit

# Hosts (and their subdomains) mapped to the name readers know the platform by.
PLATFORMS = {
    "linkedin.com": "LinkedIn",
    "medium.com": "Medium",
    "substack.com": "Substack",
    "x.com": "X",
    "twitter.com": "X",
    "forbes.com": "Forbes",
    "fortune.com": "Fortune",
    "nytimes.com": "The New York Times",
    "wsj.com": "The Wall Street Journal",
    "ft.com": "the Financial Times",
    "theguardian.com": "The Guardian",
    "washingtonpost.com": "The Washington Post",
    "bloomberg.com": "Bloomberg",
    "hbr.org": "Harvard Business Review",
}


def detect_platform(url: str) -> str:
    """Name the platform an origin URL belongs to; a readable host name when it is not known."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    if not host:
        return ""
    for domain, name in PLATFORMS.items():
        if host == domain or host.endswith("." + domain):
            return name
    return host


def possessive(name: str) -> str:
    """`Dana Whitfield` → `Dana Whitfield's`; `Chris Jenkins` → `Chris Jenkins'` (AP style)."""
    name = name.strip()
    if not name:
        return ""
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"


# Platforms where a piece belongs to its author's own page ("Dana's LinkedIn"); on any other
# the piece ran in a publication ("in Forbes").
PERSONAL_PLATFORMS = {"LinkedIn", "Medium", "Substack", "X"}


def attribution(*, author_name: str, platform: str) -> tuple[str, str] | None:
    """The credit for a piece's origin as (lead, source); the line reads `lead + source + "."`.

    Pages link the source part: "This piece was originally published on [Dana Whitfield's
    LinkedIn]." Returns None when no platform is known.
    """
    platform = platform.strip()
    if not platform:
        return None
    if author_name and platform in PERSONAL_PLATFORMS:
        return ("This piece was originally published on ", f"{possessive(author_name)} {platform}")
    if platform in PLATFORMS.values():
        return ("This piece was originally published in ", platform)
    return ("This piece was originally published on ", platform)
