"""Stored original URLs lose the share buttons' parameters; identities are worked out again.

Original URLs saved before kept the parameters the apps' share buttons add (YouTube's `si` and
`feature`, Threads' `xmt`, Facebook's `mibextid` and `__cft__`, Reddit's `share_id`, TikTok's
`_t` and `sender_device`…), which name who shared the link and which the page showed in its
credit link, canonical link and `isBasedOn`; and a Substack post given by its "Copy link"
address (open.substack.com/pub/<publication>/p/<post>) kept it rather than the post's own
(<publication>.substack.com/p/<post>). Each such address is cleaned here as a save cleans it
now, and every article's identity is worked out again from its address, oldest first, so the
same original pasted again is refused: where two articles now re-publish one original, the
older keeps the identity and the later is left without one, as 0030 and 0032 left a second
copy. The pages, cards and feed entries of the articles whose address changed are retired
from the page cache and the edge, which a migration's writes would not do.

Going back cannot give the parameters back: they are not kept anywhere but in revisions, as
typed. The addresses stay cleaned, and each article is given the identity 0032's rule makes of
its cleaned address (a LinkedIn post addressed /posts/<who>_activity-<id>-… by its whole path
again), on the same terms.

Frozen: the cleaning and the identity as `origins.clean_url` and `origins.origin_key` made them
of stored (already cleaned) addresses when this migration was written: 0032's identity with a
LinkedIn post known by its activity id after an underscore too. The page cache and its tags
are today's, as the running site's are.
"""

import importlib
import re
from urllib.parse import unquote, urlsplit, urlunsplit

from django.db import migrations

tweets_0032 = importlib.import_module("articles.migrations.0032_tweet_identity_is_its_status")
on = importlib.import_module("articles.migrations.0030_origin_key").on

BATCH_SIZE = 500

# The parameters share buttons add, by the domains of the platform that adds them.
SHARE_PARAMETERS = (
    (("threads.net", "threads.com"), {"xmt", "slof"}),
    (("facebook.com", "fb.com"), {"mibextid", "rdid", "__cft__[0]", "__tn__", "sfnsn"}),
    (("youtube.com", "youtu.be"), {"si", "feature"}),
    (("tiktok.com",), {"_r", "_t", "is_from_webapp", "sender_device"}),
    (("reddit.com",), {"share_id", "rdt"}),
)
SUBSTACK_SHARE = re.compile(r"^/pub/([A-Za-z0-9-]+)/p/([^/]+/?)$")
LINKEDIN_ACTIVITY = re.compile(r"(?:[-_]activity-|urn:li:activity:)(\d{10,})(?!\d)")


def share_parameters(host):
    for domains, names in SHARE_PARAMETERS:
        if any(on(host, domain) for domain in domains):
            return names
    return set()


def clean_url(url):
    """`origins.clean_url` of a stored original URL."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return url
    if parts.scheme not in {"http", "https"} or not host:
        return url
    dropped = share_parameters(host)
    kept = [
        pair
        for pair in parts.query.split("&")
        if pair and unquote(pair.split("=", 1)[0]).casefold() not in dropped
    ]
    netloc, path = parts.netloc, parts.path
    if netloc == "open.substack.com" and (share := SUBSTACK_SHARE.match(path)):
        netloc, path = f"{share[1].lower()}.substack.com", f"/p/{share[2]}"
    return urlunsplit((parts.scheme, netloc, path, "&".join(kept), parts.fragment))


def origin_key(url):
    """`origins.origin_key` of a cleaned original URL."""
    key = tweets_0032.tweet_key(url)
    parts = urlsplit(key)
    if parts.hostname == "linkedin.com" and (post := LINKEDIN_ACTIVITY.search(unquote(parts.path))):
        return f"https://linkedin.com/feed/update/urn:li:activity:{post[1]}"
    return key


def keep_url(url):
    return url


def rework(clean, key_of):
    def run(apps, schema_editor):
        using = schema_editor.connection.alias
        Article = apps.get_model("articles", "Article")
        articles = Article.objects.using(using)
        rows = articles.exclude(origin_url="").only("pk", "origin_url", "origin_key")
        taken, changed, rekeyed, moved = set(), [], [], []
        for article in rows.order_by("pk").iterator(chunk_size=BATCH_SIZE):
            url = clean(article.origin_url)
            key = key_of(url)
            if key in taken:
                key = ""
            elif key:
                taken.add(key)
            if (url, key) == (article.origin_url, article.origin_key):
                continue
            if key != article.origin_key:
                rekeyed.append(article.pk)
            if url != article.origin_url:
                moved.append(article.pk)
            article.origin_url, article.origin_key = url, key
            changed.append(article)
        # Emptied first: a key given to one article may be held by another until its own turn.
        for start in range(0, len(rekeyed), BATCH_SIZE):
            articles.filter(pk__in=rekeyed[start : start + BATCH_SIZE]).update(origin_key="")
        articles.bulk_update(changed, ["origin_url", "origin_key"], batch_size=BATCH_SIZE)
        if moved:
            retire_pages(moved, using=using)

    return run


def retire_pages(pks, *, using):
    """Retire what shows these articles' credit and canonical link, here and at the edge."""
    from articles.cache_tags import article_tags
    from newsroom.pagecache import retire

    for start in range(0, len(pks), BATCH_SIZE):
        retire(article_tags(pks[start : start + BATCH_SIZE]), using=using)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0040_search_reads_words_unaccented"),
    ]

    operations = [
        migrations.RunPython(
            rework(clean_url, origin_key), rework(keep_url, tweets_0032.tweet_key)
        ),
    ]
