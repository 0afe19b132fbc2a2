"""Stored profile links of authors lose the user (and password) named before their host.

A LinkedIn profile or website such as `https://dana:secret@www.linkedin.com/in/dana` or
`https://www.linkedin.com@evil.example/` is refused when typed, but authors saved before keep
theirs until next saved (the public pages leave them out meanwhile: `Author.public_linkedin_url`
and `public_website_url`). Each is cleaned as migration 0046 cleaned original URLs:

- The part before "@" is taken out and the rest kept byte for byte when it names no other site
  (`dana:secret`: the link always led to this host), or, for the LinkedIn profile, when the host
  left is LinkedIn's.
- Otherwise the part before "@" names another site than the one the link leads to: the address
  was made to be misread, and the link is emptied until an editor gives it again. A website has
  no platform to check the host against, so one naming a site before its host is emptied.

The pages of the authors changed and of their pieces (author box, JSON-LD `sameAs`) are retired
from the page cache and the edge, which a migration's writes would not do. Going back cannot give
the names and passwords back, so it changes nothing: the links stay cleaned.

Frozen: 0046's `without_user` and `credits_host` (with its platforms' domains), read from that
migration, so this one makes the same change whenever it runs.
"""

import importlib
from urllib.parse import urlsplit

from django.db import migrations
from django.db.models import Q

users_0046 = importlib.import_module("articles.migrations.0046_origin_urls_without_user_info")

BATCH_SIZE = 500
# Each link field, with the platform whose host may follow a site's name in it.
LINKS = {"linkedin_url": "LinkedIn", "website_url": None}


def cleaned(url, platform):
    """`url` without the user before its host, "" when nothing of it is safe to keep, or None
    when it names no user."""
    if (found := users_0046.without_user(url)) is None:
        return None
    url, names_a_site = found
    host = (urlsplit(url).hostname or "").rstrip(".")
    if names_a_site and not (platform and users_0046.credits_host(platform, host)):
        return ""
    return url


def clean(apps, schema_editor):
    using = schema_editor.connection.alias
    Author = apps.get_model("articles", "Author")
    authors = Author.objects.using(using)
    rows = authors.filter(Q(linkedin_url__contains="@") | Q(website_url__contains="@"))
    changed = []
    for author in rows.only("pk", *LINKS).order_by("pk").iterator(chunk_size=BATCH_SIZE):
        links = {
            field: cleaned(getattr(author, field), platform) for field, platform in LINKS.items()
        }
        links = {field: url for field, url in links.items() if url is not None}
        if links:
            for field, url in links.items():
                setattr(author, field, url)
            changed.append(author)
    authors.bulk_update(changed, list(LINKS), batch_size=BATCH_SIZE)
    if changed:
        retire_pages(apps, [author.pk for author in changed], using=using)


def retire_pages(apps, pks, *, using):
    """Retire the authors' pages and listings, the lists of authors, and their pieces."""
    from articles.cache_tags import AUTHORS, article_tags, author_tag
    from newsroom.pagecache import retire

    Byline = apps.get_model("articles", "Byline")
    for start in range(0, len(pks), BATCH_SIZE):
        batch = pks[start : start + BATCH_SIZE]
        pieces = Byline.objects.using(using).filter(author_id__in=batch)
        articles = set(pieces.values_list("article_id", flat=True))
        retire({AUTHORS, *map(author_tag, batch), *article_tags(articles)}, using=using)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0049_article_return_note"),
    ]

    operations = [
        # Going back cannot give back the names and passwords taken out.
        migrations.RunPython(clean, migrations.RunPython.noop),
    ]
