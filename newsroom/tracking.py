"""Parameters in a link that only say who shared it or which campaign brought the reader.

Origin URLs and the links in rich text are stored without them, and pagination links never
carry them on: a page kept in the cache would otherwise hand one reader's campaign to every
reader after.
"""

from collections.abc import Callable
from urllib.parse import unquote

# Parameters that only ever say who shared a link or which campaign brought the reader.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "igshid",
        "igsh",
        "li_fat_id",
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "hsctatracking",
        "mkt_tok",
        "trk",
        "trkinfo",
        "trackingid",
        "ref_src",
        "ref_url",
        "cmpid",
        "vero_id",
        "vero_conv",
        "s_cid",
        "guccounter",
        "guce_referrer",
        "guce_referrer_sig",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "oly_", "__twitter")


def is_tracking_param(key: str) -> bool:
    """True for a query parameter name (raw or percent-encoded) that only tracks."""
    key = unquote(key).casefold()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def without_tracking(query_string: str) -> str:
    """`query_string` without its tracking parameters; the others kept as sent, in order."""
    return "&".join(
        pair
        for pair in query_string.split("&")
        if pair and not is_tracking_param(pair.split("=", 1)[0])
    )


def common_tracking_removed(url: str) -> str:
    """`url` without the parameters every site's links may carry, the rest as written."""
    rest, hash_mark, fragment = url.partition("#")
    base, question_mark, query = rest.partition("?")
    if not question_mark:
        return url
    kept = without_tracking(query)
    return f"{base}?{kept}{hash_mark}{fragment}" if kept else f"{base}{hash_mark}{fragment}"


# How a link in stored rich text is cleaned. An app that knows more parameters (each platform's
# own) registers its cleaner in its `ready()`: the articles app gives the one its origin URLs
# are stored by, so a piece's links and its original lose the same ones.
_link_cleaner: Callable[[str], str] = common_tracking_removed


def clean_links_with(cleaner: Callable[[str], str]) -> None:
    global _link_cleaner
    _link_cleaner = cleaner


def cleaned_link(url: str) -> str:
    """A link's address as rich text stores it (`newsroom.richtext.sanitize_html`)."""
    return _link_cleaner(url)
