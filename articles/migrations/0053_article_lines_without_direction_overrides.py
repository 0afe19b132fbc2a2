"""Stored headlines, summaries and search titles lose the direction controls that never close.

A right-to-left override, embedding or isolate (U+202A-U+202E, U+2066-U+2069) is removed from
these lines when they are saved now (`newsroom.text`), but one saved before stays, and turns
backwards whatever follows the headline where it is written in one line with more: the page's
`<title>` and `og:title` (" · Site name"), the calendar feed, an alert's subject. Each such line
is saved without them, and the pages of the pieces changed are retired from the page cache and
the edge, which a migration's writes would not do. The direction marks (U+200E, U+200F,
U+061C), which Arabic and Hebrew text needs and which turn nothing after them, stay.

Going back cannot put the controls back where they were, so it changes nothing.

Frozen: the characters removed, so this migration makes the same change whenever it runs.
"""

import re
from functools import reduce
from operator import or_

from django.db import migrations
from django.db.models import Q

BATCH_SIZE = 500
FIELDS = ["headline", "dek", "seo_title", "seo_description"]
CONTROLS = [*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))]
_CONTROL = re.compile(f"[{''.join(CONTROLS)}]")


def clean(apps, schema_editor):
    using = schema_editor.connection.alias
    Article = apps.get_model("articles", "Article")
    articles = Article.objects.using(using)
    holding = reduce(
        or_, (Q(**{f"{field}__contains": char}) for field in FIELDS for char in CONTROLS)
    )
    changed = []
    for article in articles.filter(holding).only("pk", *FIELDS).order_by("pk").iterator(
        chunk_size=BATCH_SIZE
    ):
        for field in FIELDS:
            setattr(article, field, _CONTROL.sub("", getattr(article, field)))
        changed.append(article)
    articles.bulk_update(changed, FIELDS, batch_size=BATCH_SIZE)
    if changed:
        from articles.cache_tags import article_tags
        from newsroom.pagecache import retire

        retire(set(article_tags([article.pk for article in changed])), using=using)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0052_article_returned_by_at"),
    ]

    operations = [
        # Going back cannot put the controls back.
        migrations.RunPython(clean, migrations.RunPython.noop),
    ]
