"""Parameters in a link that only say who shared it or which campaign brought the reader.

Origin URLs are stored without them, and pagination links never carry them on: a page kept in
the cache would otherwise hand one reader's campaign to every reader after.
"""

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
