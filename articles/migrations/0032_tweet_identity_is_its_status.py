"""A tweet's identity is its status id: the stored identities of tweets are worked out again.

Before, a tweet's identity kept its handle as typed (twitter.com/Dana/status/1 and
x.com/dana/status/1 were two originals) and /i/web/status/<id> was an original of its own. Each
article whose original is on twitter.com or x.com is given its identity again, oldest first;
where two articles now re-publish one tweet, the older keeps the identity and the later is left
without one, as 0030 left a second copy, until it is next saved from the admin, which then
names the older one as the same original. Going back gives those articles the identities 0030
made, on the same terms.

Frozen: identities as `origins.origin_key` made them when this migration was written, the rule
of 0030 (which never changes) with a tweet's status id on top.
"""

import importlib
import re
from urllib.parse import urlsplit

from django.db import migrations
from django.db.models import Q

origin_key_0030 = importlib.import_module("articles.migrations.0030_origin_key")

TWEET = re.compile(r"^/(?:i/web|i|\w+)/status(?:es)?/(\d+)(?:/|$)", re.ASCII)


def tweet_key(url):
    """`origins.origin_key` of a stored original URL."""
    key = origin_key_0030.origin_key(url)
    parts = urlsplit(key)
    if parts.hostname == "x.com" and (tweet := TWEET.match(parts.path)):
        return f"https://x.com/i/status/{tweet[1]}"
    return key


def is_on_x(url):
    try:
        host = (urlsplit(url.strip()).hostname or "").rstrip(".")
    except ValueError:
        return False
    return origin_key_0030.on(host, "twitter.com") or origin_key_0030.on(host, "x.com")


def rekey(key_of):
    def run(apps, schema_editor):
        Article = apps.get_model("articles", "Article")
        articles = Article.objects.using(schema_editor.connection.alias)
        rows = articles.filter(Q(origin_url__icontains="twitter.com") | Q(origin_url__icontains="x.com"))
        taken, changed = set(), []
        for article in rows.only("pk", "origin_url", "origin_key").order_by("pk").iterator():
            if not is_on_x(article.origin_url):
                continue
            key = key_of(article.origin_url)
            if key in taken:
                key = ""
            elif key:
                taken.add(key)
            if key != article.origin_key:
                article.origin_key = key
                changed.append(article)
        # Emptied first: a key given to one article may be held by another until its own turn.
        articles.filter(pk__in=[article.pk for article in changed]).update(origin_key="")
        articles.bulk_update(
            [article for article in changed if article.origin_key], ["origin_key"], batch_size=500
        )

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0031_deleted_article_versions"),
    ]

    operations = [
        migrations.RunPython(rekey(tweet_key), rekey(origin_key_0030.origin_key)),
    ]
