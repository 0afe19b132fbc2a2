"""Originals taken for Medium stories are credited to their own site, as a save credits them now.

Before News24's fix, an original on a site no platform is known by whose address ended in a
date, a number or a UUID (News24's …-20250114) was read as a Medium publication's story and its
platform stored as "Medium": the credit line said "…on Dana Whitfield's Medium." until someone
edited the piece. Such an article's platform becomes what the form names it now: the site's
readable host ("news24.com"). An article is changed only when the old rule is what said Medium:
its platform is exactly "Medium", its host belongs to no known platform (on one, the old rule
named that platform, so "Medium" was chosen by an editor), and the old story-id rule reads its
path as a Medium story while today's does not. The pages, cards and feed entries showing their
credit are retired from the page cache and the edge, which a migration's writes would not do.

Going back changes nothing: the corrected names are what the form gives these addresses, and a
stored platform is shown as stored whichever rule is in place.

Frozen: the rules as `origins.detect_platform` had them before and after the fix, and the known
platforms' domains, when this migration was written. It does not call `detect_platform`, which
will learn other platforms and rules: run later, on a database behind, it must make the same
change it made here, and only that one.
"""

import importlib
import re
from urllib.parse import urlsplit

from django.db import migrations

shares_0041 = importlib.import_module("articles.migrations.0041_origin_urls_lose_share_parameters")
on = importlib.import_module("articles.migrations.0030_origin_key").on

BATCH_SIZE = 500

# Every known platform's domains (`origins.PLATFORMS`).
KNOWN_DOMAINS = (
    "linkedin.com", "lnkd.in", "medium.com", "substack.com", "x.com", "twitter.com",
    "threads.net", "threads.com", "bsky.app", "facebook.com", "fb.com", "instagram.com",
    "youtube.com", "youtu.be", "tiktok.com", "reddit.com", "tumblr.com", "mastodon.social",
    "mastodon.online", "forbes.com", "fortune.com", "nytimes.com", "wsj.com", "ft.com",
    "theguardian.com", "washingtonpost.com", "latimes.com", "usatoday.com", "bostonglobe.com",
    "chicagotribune.com", "thetimes.co.uk", "thetimes.com", "telegraph.co.uk",
    "independent.co.uk", "economist.com", "theatlantic.com", "bloomberg.com", "reuters.com",
    "hbr.org", "fastcompany.com", "inc.com", "businessinsider.com", "cnbc.com", "techcrunch.com",
    "axios.com", "politico.com", "politico.eu", "theglobeandmail.com", "smh.com.au", "lemonde.fr",
    "spiegel.de", "handelsblatt.com", "elpais.com",
)  # fmt: skip
# A Medium story id ending the path, before the fix (any hexadecimal with a digit)…
OLD_STORY_PATH = re.compile(r"/[\w%-]+-(?=[0-9a-f]*\d)[0-9a-f]{8,12}/?$")
# …and since (with a letter too, and no UUID's last part).
STORY_PATH = re.compile(r"/[\w%-]+-(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,12}/?$")
UUID_ENDING = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/?$", re.IGNORECASE
)


def readable_host(host):
    """`origins.readable_host`."""
    host = host.removeprefix("www.").removeprefix("m.")
    try:
        return host.encode("ascii").decode("idna") if "xn--" in host else host
    except UnicodeError:
        return host


def own_site(url):
    """The site an original the old rule took for a Medium story is credited to now, or None
    when the old rule did not take it for one, or today's still does."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if not host or any(on(host, domain) for domain in KNOWN_DOMAINS):
        return None
    if not OLD_STORY_PATH.search(parts.path):
        return None
    if STORY_PATH.search(parts.path) and not UUID_ENDING.search(parts.path):
        return None
    return readable_host(host)


def credit_own_sites(apps, schema_editor):
    using = schema_editor.connection.alias
    Article = apps.get_model("articles", "Article")
    articles = Article.objects.using(using)
    rows = articles.filter(origin_platform="Medium").exclude(origin_url="")
    changed = []
    for article in rows.only("pk", "origin_url").order_by("pk").iterator(chunk_size=BATCH_SIZE):
        if site := own_site(article.origin_url):
            article.origin_platform = site
            changed.append(article)
    articles.bulk_update(changed, ["origin_platform"], batch_size=BATCH_SIZE)
    if changed:
        shares_0041.retire_pages([article.pk for article in changed], using=using)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0044_topic_former_addresses"),
    ]

    operations = [
        migrations.RunPython(credit_own_sites, migrations.RunPython.noop),
    ]
