"""Hostile input for the tests: attack payloads, and an audit of what a page would execute."""

import functools
import re
from collections import Counter
from html.parser import HTMLParser

# What a contributor might type into any field, from the XSS classics to parser tricks.
PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "attribute-breakout": '"><svg onload=alert(1)>',
    "single-quote-breakout": "'><img src=x onerror=alert(1)>",
    "javascript-link": '<a href="javascript:alert(1)">read more</a>',
    "obfuscated-javascript": '<a href="jav&#x09;ascript:alert(1)">read more</a>',
    "entity-javascript": '<a href="&#106;avascript:alert(1)">read more</a>',
    "data-url": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "svg-script": "<svg><script>alert(1)</script></svg>",
    "svg-animate": "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "mathml-mutation": (
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style>"
        "</mglyph></table></mtext></math>"
    ),
    "css-expression": '<p style="width: expression(alert(1))">styled</p>',
    "css-import": '<style>@import "javascript:alert(1)";</style>',
    "textarea-breakout": "</textarea><script>alert(1)</script>",
    "title-breakout": "</title><script>alert(1)</script>",
    "script-breakout": "</script><script>alert(1)</script><!--",
    "comment-trick": '<!--<img src="--><img src=x onerror=alert(1)//">',
    "broken-markup": '<p><b><i>unclosed <a href="',
    "iframe": '<iframe src="javascript:alert(1)"></iframe>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "template-syntax": "{{ 7|add:7 }}{% debug %}",
    "null-and-controls": "a\x00b\x01c\x1bd\u202ee",
}

# URL-looking payloads for fields that hold a web address.
URL_PAYLOADS = {
    "javascript": "javascript:alert(1)",
    "javascript-mixed-case": "JaVaScRiPt:alert(1)",
    "javascript-leading-space": " javascript:alert(1)",
    "javascript-tab": "jav\tascript:alert(1)",
    "javascript-entity": "jav&#x09;ascript:alert(1)",
    "data": "data:text/html,<script>alert(1)</script>",
    "vbscript": "vbscript:msgbox(1)",
    "protocol-relative": "//evil.example/",
    "quote-breakout": 'https://example.com/"><script>alert(1)</script>',
    "attribute-injection": "https://example.com/ onmouseover=alert(1)",
}

# Addresses a webhook could be pointed at to reach inside the network, or written to slip past
# a check: schemes other than http(s), user info, numbers a resolver reads as an IP address,
# hosts in other alphabets, and every kind of address that is not public.
SSRF_URL_PAYLOADS = {
    "file": "file:///etc/passwd",
    "gopher": "gopher://127.0.0.1:6379/_FLUSHALL",
    "userinfo": "http://partner.example.com@127.0.0.1/",
    "decimal-ip": "http://2130706433/",
    "hex-ip": "http://0x7f.0.0.1/",
    "unicode-host": "http://ｌｏｃａｌｈｏｓｔ/",
    "loopback": "http://127.0.0.1:8000/admin/",
    "loopback-ipv6": "http://[::1]:8000/",
    "mapped-ipv6": "http://[::ffff:10.0.0.1]/",
    "private": "http://192.168.0.1/",
    "metadata": "http://169.254.169.254/latest/meta-data/iam/",
    "unspecified": "http://0.0.0.0:5432/",
    "localhost": "http://localhost:11211/",
}

DANGEROUS_TAGS = {
    "script",
    "iframe",
    "frame",
    "object",
    "embed",
    "svg",
    "math",
    "style",
    "base",
    "form",
    "template",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
UNSAFE_SCHEME = re.compile(r"^(javascript|vbscript|data):")
_IGNORED_IN_URL = re.compile(r"[\x00-\x20]")


class _Audit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.features = Counter()

    def handle_starttag(self, tag, attrs):
        if tag in DANGEROUS_TAGS:
            self.features[("element", tag)] += 1
        if tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self.features[("element", "meta http-equiv")] += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.features[("handler", name)] += 1
            elif name == "style":
                self.features[("style attribute", tag)] += 1
            # Browsers drop whitespace and control characters before reading a scheme.
            elif name in URL_ATTRIBUTES and UNSAFE_SCHEME.match(
                _IGNORED_IN_URL.sub("", value or "").lower()
            ):
                self.features[("unsafe url", name)] += 1

    handle_startendtag = handle_starttag


def active_content(html: str) -> Counter:
    """Everything in `html` that could run script, restyle or redirect the page, counted."""
    audit = _Audit()
    audit.feed(html)
    audit.close()
    return audit.features


# Rows that change with every request and say nothing about content: sign-in bookkeeping.
_BOOKKEEPING = {"sessions.Session", "axes.AccessLog", "axes.AccessAttempt", "axes.AccessFailureLog"}


def database_snapshot() -> dict[str, list[str]]:
    """Every row of every model but sign-in bookkeeping, to show that a request changed nothing.

    Each model's rows are those its `values()` query selects, read without the ORM: the walks
    take a snapshot after every request, and building the queries costs more than running them.
    """
    from django.db import connection

    models, queries = _snapshot_queries(connection.alias, connection.vendor)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return _snapshot_in_one_query(cursor, models, queries)
        snapshot = {}
        for model, (sql, params) in zip(models, queries, strict=True):
            cursor.execute(sql, params)
            snapshot[model._meta.label] = sorted(repr(row) for row in cursor.fetchall())
        return snapshot


@functools.cache
def _snapshot_queries(alias: str, vendor: str) -> tuple[list, list[tuple[str, tuple]]]:
    """The models a snapshot reads, and the SQL of each one's `values()` query."""
    from django.apps import apps

    models = [model for model in apps.get_models() if model._meta.label not in _BOOKKEEPING]
    queries = [
        model._base_manager.using(alias).values().query.sql_with_params() for model in models
    ]
    return models, queries


def _snapshot_in_one_query(cursor, models, queries) -> dict[str, list[str]]:
    """The same rows, each as PostgreSQL writes the row of its columns, in one round trip.

    The row's text holds every value the model's query selects, so a row that changes in any of
    them changes its text.
    """
    selects, params = [], []
    for sql, model_params in queries:
        # The ORM's own SQL for the query, its values passed as parameters.
        selects.append(f"(SELECT array_agg(r::text) FROM ({sql}) AS r)")  # noqa: S608
        params.extend(model_params)
    cursor.execute(f"SELECT {', '.join(selects)}", params)
    rows = cursor.fetchone()
    return {
        model._meta.label: sorted(texts or []) for model, texts in zip(models, rows, strict=True)
    }
