"""Index the articles that existed before search did.

Frozen: what it needs of `articles.search` and `newsroom.richtext` is copied here as it was when
this migration was frozen, so later changes to those modules cannot change what it does.
"""

import unicodedata
from html import escape, unescape
from html.parser import HTMLParser

from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.utils.html import strip_tags

SEARCH_CONFIG = "english"
BATCH_SIZE = 500


class _WithoutSpoilers(HTMLParser):
    """`newsroom.richtext.strip_spoilers`: the HTML re-written without its spoiler passages,
    each leaving a space behind."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.spans = []  # open spans: True for spoilers

    def emit(self, text):
        if not any(self.spans):
            self.parts.append(text)

    def handle_starttag(self, tag, attrs):
        if tag == "span":
            self.spans.append("spoiler" in (dict(attrs).get("class") or "").split())
        else:
            self.emit(_start_tag(tag, attrs))

    def handle_endtag(self, tag):
        if tag != "span":
            self.emit(f"</{tag}>")
        elif self.spans and self.spans.pop() and not any(self.spans):
            self.parts.append(" ")

    def handle_startendtag(self, tag, attrs):
        self.emit(_start_tag(tag, attrs))

    def handle_data(self, data):
        self.emit(escape(data, quote=False))


def _start_tag(tag, attrs):
    rendered = "".join(
        f" {name}" if value is None else f' {name}="{escape(value)}"' for name, value in attrs
    )
    return f"<{tag}{rendered}>"


def strip_spoilers(html):
    parser = _WithoutSpoilers()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def without_control_characters(text):
    return "".join(" " if unicodedata.category(char) in {"Cc", "Cs"} else char for char in text)


def search_text(article):
    """`articles.search.article_text`: introduction and body as plain words, without spoiler
    passages, and without the body of a piece held behind its warning."""
    parts = [article.introduction]
    if not article.hold_behind_warning:
        parts.append(article.body)
    html = " ".join(strip_spoilers(part or "") for part in parts)
    return " ".join(without_control_characters(unescape(strip_tags(html))).split())


def document_vector():
    """`articles.search.document_vector`: headline A, dek B, text C."""
    return (
        SearchVector("headline", weight="A", config=SEARCH_CONFIG)
        + SearchVector("dek", weight="B", config=SEARCH_CONFIG)
        + SearchVector("search_text", weight="C", config=SEARCH_CONFIG)
    )


def fill(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    using = schema_editor.connection.alias
    articles = Article.objects.using(using).only(
        "pk", "introduction", "body", "hold_behind_warning"
    )
    batch = []
    for article in articles.order_by("pk").iterator(chunk_size=BATCH_SIZE):
        article.search_text = search_text(article)
        batch.append(article)
        if len(batch) == BATCH_SIZE:
            save_batch(Article, batch, schema_editor)
            batch = []
    save_batch(Article, batch, schema_editor)


def save_batch(Article, batch, schema_editor):
    # Unlike `search.reindex` today, no page cache is retired: databases still before this
    # migration were served by versions without one.
    if not batch:
        return
    using = schema_editor.connection.alias
    Article.objects.using(using).bulk_update(batch, ["search_text"])
    if schema_editor.connection.vendor == "postgresql":
        Article.objects.using(using).filter(pk__in=[article.pk for article in batch]).update(
            search_vector=document_vector()
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_search_index"),
    ]

    operations = [
        # Going back, the columns are dropped by the previous migration; nothing to undo here.
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
