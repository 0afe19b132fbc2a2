"""Stored original URLs lose the user (and password) named before their host.

An address such as `https://dana:secret@www.linkedin.com/…` or `https://evil@linkedin.com/` is
refused when typed, but articles saved before keep theirs until next saved, refused then (the
public pages leave them out meanwhile: `OriginRecord.public_origin_url`). Each is cleaned here:

- The part before "@" is taken out and the rest kept byte for byte, when the host left is the
  platform the article credits (a known platform's own domains, or the site's name a save worked
  out from the address), or when that part names no other site (`dana:secret`, `evil`: the link
  always led to this host, and the name and password are nobody's business).
- Otherwise the part before "@" names another site and the credit a platform the link does not
  lead to (`https://www.linkedin.com@evil.example/…` credited to LinkedIn): the address was made
  to be misread, and neither reading is safe to send readers to. The original URL (and its
  identity) is emptied: the credit line names the platform without a link and the page is its
  own canonical copy until an editor gives the address again. The address as typed stays in the
  piece's revisions.

An identity ignores the user, so a kept address keeps its own. The pages, cards and feed entries
of the articles changed are retired from the page cache and the edge, which a migration's writes
would not do. Going back cannot give the names and passwords back: the addresses stay cleaned.

Frozen: the known platforms' names and domains (`origins.PLATFORMS`) and `origins.readable_host`
as they were when this migration was written, so it makes the same change whenever it runs.
"""

import importlib
from urllib.parse import urlsplit

from django.db import migrations

shares_0041 = importlib.import_module("articles.migrations.0041_origin_urls_lose_share_parameters")
on = importlib.import_module("articles.migrations.0030_origin_key").on
readable_host = importlib.import_module(
    "articles.migrations.0045_origins_mistaken_for_medium"
).readable_host

BATCH_SIZE = 500

PLATFORM_DOMAINS = {
    "LinkedIn": ("linkedin.com", "lnkd.in"),
    "Medium": ("medium.com",),
    "Substack": ("substack.com",),
    "X": ("x.com", "twitter.com"),
    "Threads": ("threads.net", "threads.com"),
    "Bluesky": ("bsky.app",),
    "Facebook": ("facebook.com", "fb.com"),
    "Instagram": ("instagram.com",),
    "YouTube": ("youtube.com", "youtu.be"),
    "TikTok": ("tiktok.com",),
    "Reddit": ("reddit.com",),
    "Tumblr": ("tumblr.com",),
    "Mastodon": ("mastodon.social", "mastodon.online"),
    "Forbes": ("forbes.com",),
    "Fortune": ("fortune.com",),
    "The New York Times": ("nytimes.com",),
    "The Wall Street Journal": ("wsj.com",),
    "the Financial Times": ("ft.com",),
    "The Guardian": ("theguardian.com",),
    "The Washington Post": ("washingtonpost.com",),
    "the Los Angeles Times": ("latimes.com",),
    "USA Today": ("usatoday.com",),
    "The Boston Globe": ("bostonglobe.com",),
    "the Chicago Tribune": ("chicagotribune.com",),
    "The Times": ("thetimes.co.uk", "thetimes.com"),
    "The Telegraph": ("telegraph.co.uk",),
    "The Independent": ("independent.co.uk",),
    "The Economist": ("economist.com",),
    "The Atlantic": ("theatlantic.com",),
    "Bloomberg": ("bloomberg.com",),
    "Reuters": ("reuters.com",),
    "Harvard Business Review": ("hbr.org",),
    "Fast Company": ("fastcompany.com",),
    "Inc.": ("inc.com",),
    "Business Insider": ("businessinsider.com",),
    "CNBC": ("cnbc.com",),
    "TechCrunch": ("techcrunch.com",),
    "Axios": ("axios.com",),
    "Politico": ("politico.com", "politico.eu"),
    "The Globe and Mail": ("theglobeandmail.com",),
    "The Sydney Morning Herald": ("smh.com.au",),
    "Le Monde": ("lemonde.fr",),
    "Der Spiegel": ("spiegel.de",),
    "Handelsblatt": ("handelsblatt.com",),
    "El País": ("elpais.com",),
}


def without_user(url):
    """`url` without the user before its host and whether that user named a site, or None
    when it names none (or is no web address)."""
    try:
        parts = urlsplit(url)
        parts.hostname  # noqa: B018 (read for its check)
    except ValueError:
        return None
    if parts.scheme not in {"http", "https"} or "@" not in parts.netloc:
        return None
    scheme, _, rest = url.partition("://")
    end = min((at for at in map(rest.find, "/?#") if at >= 0), default=len(rest))
    user_info, _, host_and_port = rest[:end].rpartition("@")
    names_a_site = "." in user_info.partition(":")[0]
    return f"{scheme}://{host_and_port}{rest[end:]}", names_a_site


def credits_host(platform, host):
    """Whether the credit's platform is the site at `host`."""
    if domains := PLATFORM_DOMAINS.get(platform):
        return any(on(host, domain) for domain in domains)
    return platform == readable_host(host)


def clean(apps, schema_editor):
    using = schema_editor.connection.alias
    Article = apps.get_model("articles", "Article")
    articles = Article.objects.using(using)
    rows = articles.filter(origin_url__contains="@").only(
        "pk", "origin_url", "origin_key", "origin_platform"
    )
    changed = []
    for article in rows.order_by("pk").iterator(chunk_size=BATCH_SIZE):
        if (found := without_user(article.origin_url)) is None:
            continue
        url, names_a_site = found
        host = (urlsplit(url).hostname or "").rstrip(".")
        if names_a_site and not credits_host(article.origin_platform, host):
            article.origin_url, article.origin_key = "", ""
        else:
            article.origin_url = url
        changed.append(article)
    articles.bulk_update(changed, ["origin_url", "origin_key"], batch_size=BATCH_SIZE)
    if changed:
        shares_0041.retire_pages([article.pk for article in changed], using=using)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0045_origins_mistaken_for_medium"),
    ]

    operations = [
        migrations.RunPython(clean, migrations.RunPython.noop),
    ]
