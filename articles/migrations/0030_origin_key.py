"""Find the same original under any of its addresses: an identity column, unique.

Duplicates were found by the original URL as typed, so the same piece over http, without
`www.`, with a trailing slash, on a country host of LinkedIn or on twitter.com was taken for a
new one. Each article now stores its original's identity (`origins.origin_key`), filled here for
the rows saved before, and one article per identity is what the database holds.

Pieces re-published twice before this (under two addresses of one original) cannot both keep
the identity: the older keeps it and the later is left without one, until it is next saved
from the admin, which then names the older one as the same original.

Frozen: the identity is made as `origins.origin_key` made it when this migration was written,
from stored addresses (already without tracking parameters), so later changes to that module
cannot change what it does.
"""

import re
from urllib.parse import unquote, urlsplit, urlunsplit

from django.db import migrations, models

LINKEDIN_COUNTRY_HOST = re.compile(r"^[a-z]{2}\.linkedin\.com$")
LINKEDIN_ACTIVITY = re.compile(r"(?:-activity-|urn:li:activity:)(\d{10,})(?!\d)")


def on(host, domain):
    return host == domain or host.endswith("." + domain)


def origin_key(url):
    """`origins.origin_key` of a stored original URL."""
    try:
        parts = urlsplit(url.strip())
        host, port = (parts.hostname or "").rstrip("."), parts.port
    except ValueError:
        return ""
    if parts.scheme.lower() not in {"http", "https"} or not host:
        return ""
    host = host.removeprefix("www.").removeprefix("m.")
    path = parts.path.rstrip("/")
    if on(host, "linkedin.com") and LINKEDIN_COUNTRY_HOST.match(host):
        host = "linkedin.com"
    elif on(host, "twitter.com") or on(host, "x.com"):
        host = "x.com"
    if host == "linkedin.com" and (activity := LINKEDIN_ACTIVITY.search(unquote(path))):
        return f"https://linkedin.com/feed/update/urn:li:activity:{activity[1]}"
    netloc = f"{host}:{port}" if port and port not in {80, 443} else host
    return urlunsplit(("https", netloc, path, parts.query, ""))


def fill_origin_keys(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    rows = Article.objects.using(schema_editor.connection.alias).exclude(origin_url="")
    taken, keyed = set(), []
    for article in rows.only("pk", "origin_url").order_by("pk").iterator():
        key = origin_key(article.origin_url)
        if key and key not in taken:
            taken.add(key)
            article.origin_key = key
            keyed.append(article)
    Article.objects.using(schema_editor.connection.alias).bulk_update(
        keyed, ["origin_key"], batch_size=500
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0029_topics_without_an_address"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="origin_key",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="The original URL in one form for all its addresses (https, no www., "
                "no trailing slash, a LinkedIn post by its activity id), so the same original is "
                "found under any of them.",
                max_length=501,
                verbose_name="original's identity",
            ),
        ),
        # Going back, the column and its keys go with the field.
        migrations.RunPython(fill_origin_keys, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="article",
            name="article_unique_origin_url",
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(
                condition=models.Q(("origin_key", ""), _negated=True),
                fields=("origin_key",),
                name="article_unique_origin_key",
                violation_error_message="Another article already re-publishes this original URL.",
            ),
        ),
    ]
