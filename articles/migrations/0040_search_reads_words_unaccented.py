"""Search reads words without their accents on PostgreSQL: "cafe" finds "café".

Adds the `unaccent` extension (trusted: the database's owner may add it) and the text search
configuration `newsroom_english`, PostgreSQL's `english` reading words through `unaccent` before
stemming them, and remakes every stored vector with it (a row never indexed stays so), so that
no query finds less than before until `update_search_index` runs. Other databases have nothing
to change.

Frozen: the vector is made as `articles.search.document_vector` made it when this migration was
written (the headline's and dek's lowered digits as digits, styled letters plain), so later
changes to that module cannot change what it does.
"""

import unicodedata

from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import Case, F, Func, TextField, Value, When
from django.db.models.lookups import Regex

CONFIG = "newsroom_english"
LOWERED_DIGITS = "₀₁₂₃₄₅₆₇₈₉"
STYLED_RANGES = ((0x1D400, 0x1D7FF), (0x2100, 0x214F), (0xFF10, 0xFF5A))


def translate(expression, source: str, target: str) -> Func:
    return Func(
        expression, Value(source), Value(target), function="TRANSLATE", output_field=TextField()
    )


def styled_letters() -> dict[str, str]:
    styled = {}
    for first, last in STYLED_RANGES:
        for char in map(chr, range(first, last + 1)):
            plain = unicodedata.normalize("NFKC", char)
            if len(plain) == 1 and plain != char and plain.isalnum():
                styled[char] = plain
    return styled


def read(column: str, *, plain: bool):
    """The column as the vector reads it."""
    text = translate(F(column), LOWERED_DIGITS, "0123456789")
    if not plain:
        return text
    styled = styled_letters()
    ranges = "".join(f"{chr(first)}-{chr(last)}" for first, last in STYLED_RANGES)
    return Case(
        When(
            Regex(text, Value(f"[{ranges}]")),
            then=translate(text, "".join(styled), "".join(styled.values())),
        ),
        default=text,
        output_field=TextField(),
    )


def document_vector(config: str) -> SearchVector:
    return (
        SearchVector(read("headline", plain=True), weight="A", config=config)
        + SearchVector(read("dek", plain=True), weight="B", config=config)
        + SearchVector(read("search_text", plain=False), weight="C", config=config)
    )


def remake_vectors(config: str):
    def remake(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        Article = apps.get_model("articles", "Article")
        articles = Article.objects.using(schema_editor.connection.alias)
        # A row without one was never indexed: `update_search_index` makes it, as before.
        articles.filter(search_vector__isnull=False).update(search_vector=document_vector(config))

    return remake


CREATE_CONFIG = f"""
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = english);
ALTER TEXT SEARCH CONFIGURATION {CONFIG}
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
"""
# Going back leaves the extension: another database object may use it by then.
DROP_CONFIG = f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG};"


def create_config(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_CONFIG)


def drop_config(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_CONFIG)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0039_featured_image_unguessable_folder"),
    ]

    operations = [
        migrations.RunPython(create_config, drop_config),
        # Going back, the vectors are made with `english` again before the configuration goes.
        migrations.RunPython(remake_vectors(CONFIG), remake_vectors("english")),
    ]
