"""Spoiler subjects named in a script slugs cannot spell get a slug of their own.

A subject such as "進撃の巨人" or "Война и мир" was saved with an empty slug (or, partly Latin,
with the slug of its Latin part alone: "2" for "進撃の巨人 2"), so readers could not hide it one
by one. Each warning whose slug differs from the one a save gives now is given it, and the
subjects the index offers and the pages of the changed warnings' pieces are retired from the
page cache and the edge, which a migration's writes would not do.

Going back leaves the new slugs: the former ones, empty or shared, hid nothing a reader chose,
and the code before this reads these as it reads any other.

Frozen: `articles.models.notices.subject_slug` as it was when this migration was written.
"""

import hashlib
import unicodedata

from django.db import migrations
from django.utils.text import slugify

BATCH_SIZE = 500
SLUG_CHARS = 120
DIGEST_CHARS = 10


def subject_slug(subject):
    latin = slugify(subject)
    folded = slugify(subject, allow_unicode=True) or " ".join(subject.casefold().split())
    loses_letters = any(
        not char.isascii() and not unicodedata.combining(char)
        for char in unicodedata.normalize("NFKD", folded)
    )
    if not folded or not loses_letters:
        return latin[:SLUG_CHARS]
    digest = hashlib.blake2b(folded.encode(), digest_size=DIGEST_CHARS // 2).hexdigest()
    kept = latin[: SLUG_CHARS - DIGEST_CHARS - 1].strip("-")
    return f"{kept}-{digest}" if kept else digest


def give_slugs(apps, schema_editor):
    using = schema_editor.connection.alias
    ContentWarning = apps.get_model("articles", "ContentWarning")
    warnings = ContentWarning.objects.using(using).exclude(subject="")
    changed = []
    for warning in warnings.only("pk", "article_id", "subject", "subject_slug").iterator(
        chunk_size=BATCH_SIZE
    ):
        slug = subject_slug(warning.subject)
        if slug != warning.subject_slug:
            warning.subject_slug = slug
            changed.append(warning)
    # The historical model's plain manager: `WarningQuerySet` refuses this, as it must the
    # running site's, whose receivers a migration has no part in.
    ContentWarning.objects.using(using).bulk_update(
        changed, ["subject_slug"], batch_size=BATCH_SIZE
    )
    if changed:
        retire_pages(sorted({warning.article_id for warning in changed}), using=using)


def retire_pages(pks, *, using):
    """Retire the subjects offered and what shows these pieces, here and at the edge."""
    from articles.cache_tags import SPOILERS, article_tags
    from newsroom.pagecache import retire

    retire([SPOILERS], using=using)
    for start in range(0, len(pks), BATCH_SIZE):
        retire(article_tags(pks[start : start + BATCH_SIZE]), using=using)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0046_origin_urls_without_user_info"),
    ]

    operations = [
        migrations.RunPython(give_slugs, migrations.RunPython.noop),
    ]
