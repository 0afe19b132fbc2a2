"""The news index's filters: by kind, tag and author, from the query string.

Only named, validated fields reach the ORM; a bad value is dropped, never passed through. A tag
or author filter finds only a topic or author with public pieces, as their own pages and feeds
do (`public_topic`, `public_author`): one with nothing public is named nowhere, and a filter
naming nothing shows nothing.
"""

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.http import HttpRequest
from django.utils.functional import cached_property
from django.utils.http import urlencode
from taggit.models import Tag

from articles.cache_tags import SPOILERS
from articles.models import (
    AUTHOR_COLUMNS,
    TOPIC_COLUMNS,
    Article,
    Author,
    ContentWarning,
    article_content_type,
)
from newsroom import former_addresses, pagecache
from newsroom.compiled import CompiledLookup

# An author and a topic by slug, found only when they have public pieces (their pages, and the
# index's and the API's filters), each by a query compiled once (`newsroom.compiled`).
PUBLIC_AUTHOR = CompiledLookup(
    lambda slug: (
        Article.objects.published().authors().filter(slug=slug).values_list(*AUTHOR_COLUMNS)
    ),
    "slug",
)
PUBLIC_TAG = CompiledLookup(
    lambda slug, content_type: (
        Article.objects.published()
        .topics(content_type=content_type)
        .filter(slug=slug)
        .values_list(*TOPIC_COLUMNS)
    ),
    "slug",
    content_type=int,
)


def public_author(slug: str) -> Author | None:
    found = _by_slug(PUBLIC_AUTHOR, slug)
    return Author.from_db(DEFAULT_DB_ALIAS, AUTHOR_COLUMNS, found[0]) if found else None


def moved_author(slug: str) -> Author | None:
    """The public author whose page used to be at `slug` (`former_addresses`)."""
    public = Article.objects.published().authors()
    return former_addresses.find_redirect(slug=slug, public=public)


def moved_topic(slug: str) -> Tag | None:
    """The public topic whose page used to be at `slug` (`former_addresses`)."""
    public = Article.objects.published().topics(content_type=article_content_type())
    return former_addresses.find_redirect(slug=slug, public=public)


def public_topic(slug: str) -> Tag | None:
    # A topic's slug is its name as taggit folds it: "İstanbul" is at "istanbul", where lower
    # case alone gives "i̇stanbul", and "ﬁsh" at "fish".
    found = _by_slug(
        PUBLIC_TAG, slug, folded=Tag().slugify(slug), content_type=article_content_type()
    )
    return Tag.from_db(DEFAULT_DB_ALIAS, TOPIC_COLUMNS, found[0]) if found else None


def _by_slug(lookup: CompiledLookup, slug: str, folded: str = "", **values) -> list[tuple]:
    """The rows for `slug`, else for `slug` folded as slugs are made (in lower case, unless
    `folded` says how): an address typed or shared as "Television" means the topic at
    "television". The exact slug comes first, for one an editor gave capitals."""
    found = lookup.rows(slug=slug, **values)
    if not found and slug != (folded := folded or slug.lower()):
        found = lookup.rows(slug=folded, **values)
    return found


class KindField(forms.ChoiceField):
    """A kind, whatever the case it is typed in: "?kind=OP-ED" means "op-ed", as a topic or an
    author typed with capitals means theirs (`_by_slug`)."""

    def to_python(self, value):
        return super().to_python(value).lower()


class ArticleFilterForm(forms.Form):
    kind = KindField(choices=Article.Kind.choices, required=False)
    tag = forms.SlugField(max_length=100, allow_unicode=True, required=False)
    author = forms.SlugField(max_length=120, required=False)

    @cached_property
    def values(self) -> dict[str, str]:
        """The valid, non-empty filters; invalid ones are ignored rather than trusted."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data[name] for name in self.fields if data.get(name)}

    @property
    def is_filtered(self) -> bool:
        return bool(self.values)

    @cached_property
    def tag_object(self) -> Tag | None:
        return public_topic(self.values["tag"]) if "tag" in self.values else None

    @cached_property
    def author_object(self) -> Author | None:
        return public_author(self.values["author"]) if "author" in self.values else None

    @property
    def names_nothing(self) -> bool:
        """Whether a tag or author filter names no topic or author with public pieces."""
        return ("tag" in self.values and self.tag_object is None) or (
            "author" in self.values and self.author_object is None
        )

    @property
    def found(self) -> list | None:
        """The filters as what they find, to name what is kept of the listing: the values
        given, with the topic's and the author's keys (a slug given to another author later
        names other counts and fragments). None when a filter names nothing: such a listing is
        empty, and its fragments are not kept (a key part that is None keeps nothing)."""
        if self.names_nothing:
            return None
        return [
            sorted(self.values.items()),
            getattr(self.tag_object, "pk", None),
            getattr(self.author_object, "pk", None),
        ]

    @property
    def kind_label(self) -> str:
        kind = self.values.get("kind")
        return Article.Kind(kind).label if kind else ""

    def apply(self, queryset):
        if kind := self.values.get("kind"):
            queryset = queryset.filter(kind=kind)
        if "tag" in self.values:
            queryset = queryset.tagged(self.tag_object) if self.tag_object else queryset.none()
        if "author" in self.values:
            if self.author_object is None:
                return queryset.none()
            queryset = queryset.by_author(self.author_object)
        return queryset

    def kind_links(self) -> list[tuple[str, str, bool]]:
        """(label, query string, is current) for the kind switcher, keeping the other filters."""
        others = {name: value for name, value in self.values.items() if name != "kind"}
        current = self.values.get("kind", "")
        links = [("All", _query(others), current == "")]
        for value, label in Article.Kind.choices:
            links.append((label, _query({**others, "kind": value}), current == value))
        return links


def _query(params: dict[str, str]) -> str:
    return "?" + urlencode(params) if params else ""


HIDE_SPOILERS_COOKIE = "hide_spoilers"
HIDE_ALL = "all"
SHOW_ALL = "none"
_SLUG = re.compile(r"[-a-z0-9_]{1,120}")


class SpoilerPreference:
    """A reader's choice to hide pieces with spoilers: all of them, or those about one subject.

    Chosen with `?hide_spoilers=all|<subject-slug>|none`, so it works without JavaScript, and
    remembered in a cookie so the next visit keeps it. A choice in a link followed from another
    site (`from_another_site`) shows that page alone: anyone may post such a link, and it must
    not undo, for every later visit, the hiding a reader chose.

    `from_address=False` reads the cookie alone, for a page that offers no choice (an article's
    related pieces follow the one made on the listings).
    """

    def __init__(self, request, *, from_address: bool = True):
        chosen = request.GET.get(HIDE_SPOILERS_COOKIE) if from_address else None
        self.request = request
        self.secure = request.is_secure()
        self.chosen_now = chosen is not None
        self.stored = self.chosen_now and not from_another_site(request)
        value = chosen if self.chosen_now else request.COOKIES.get(HIDE_SPOILERS_COOKIE, "")
        self.value = spoiler_choice(value, request)

    @property
    def hides_all(self) -> bool:
        return self.value == HIDE_ALL

    @property
    def subject_slug(self) -> str:
        return "" if self.hides_all else self.value

    @cached_property
    def subject(self) -> str:
        """The display name of the hidden subject, e.g. "Low Tide at Marrow Bay"."""
        if not self.subject_slug:
            return ""
        return dict(spoiler_subjects(self.request)).get(self.subject_slug, self.subject_slug)

    def apply(self, queryset):
        if self.hides_all:
            return queryset.without_spoilers()
        if self.subject_slug:
            return queryset.without_spoilers(self.subject_slug)
        return queryset

    def remember(self, response) -> None:
        if not self.chosen_now:
            return
        if not self.stored:
            # Kept by no cache: one kept under this address would answer a reader making the
            # same choice here without their cookie.
            pagecache.not_kept(response)
            return
        if self.value:
            response.set_cookie(
                HIDE_SPOILERS_COOKIE,
                self.value,
                max_age=365 * 24 * 3600,
                samesite="Lax",
                httponly=True,
                secure=self.secure,
            )
        else:
            response.delete_cookie(HIDE_SPOILERS_COOKIE, samesite="Lax")


def from_another_site(request) -> bool:
    """Whether the browser says the request comes from a page of another site (`Sec-Fetch-Site:
    cross-site`), or, from one that says nothing, its `Origin` or `Referer` names another host.
    Typed in, bookmarked or followed from a page under this site's domain, it does not."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "cross-site"
    came_from = request.headers.get("Origin") or request.headers.get("Referer")
    if not came_from:
        return False
    try:
        return _host_of(came_from) != _host_of(f"//{request.get_host()}")
    except ValueError:  # not an address: no page of this site sent it
        return True


def _host_of(address: str) -> str:
    # Lowercase, and without IPv6 brackets or a trailing dot, as `urlsplit` leaves it.
    return (urlsplit(address).hostname or "").removesuffix(".")


class SpoilerLookup:
    """A query of public pieces as each spoiler choice narrows it, each compiled once (see
    `newsroom.compiled`): every piece, none with spoilers, or none with spoilers about a subject.

    `build(narrow, **values)` returns the query with `narrow` applied to its articles (before
    any slice); `values` are named as for `CompiledLookup`.
    """

    def __init__(self, build: Callable[..., QuerySet], **kinds: type):
        def every(**values):
            return build(every_piece, **values)

        def without_any(**values):
            return build(lambda articles: articles.without_spoilers(), **values)

        def without_subject(subject, **values):
            return build(lambda articles: articles.without_spoilers(subject), **values)

        self.every = CompiledLookup(every, **kinds)
        self.without_any = CompiledLookup(without_any, **kinds)
        self.without_subject = CompiledLookup(without_subject, "subject", **kinds)

    def rows(self, preference: SpoilerPreference, **values) -> list[tuple]:
        if preference.hides_all:
            return self.without_any.rows(**values)
        if preference.subject_slug:
            return self.without_subject.rows(subject=preference.subject_slug, **values)
        return self.every.rows(**values)


def every_piece(articles: QuerySet) -> QuerySet:
    """The narrowing of a `SpoilerLookup` for a reader who hides nothing: none."""
    return articles


def spoiler_choice(value: str, request: HttpRequest | None = None) -> str:
    """A hide-spoilers value as the site itself would set it: "all", or the slug of a subject
    that public pieces carry spoilers for; "" (show every piece) for anything else.

    The page cache keys listings by it, so a made-up subject must not make a page of its own.
    """
    value = value.strip().lower()
    if value == HIDE_ALL:
        return value
    if value == SHOW_ALL or not _SLUG.fullmatch(value):
        return ""
    return value if value in dict(spoiler_subjects(request)) else ""


def spoiler_subjects(request: HttpRequest | None = None) -> list[tuple[str, str]]:
    """(slug, name) of every subject that public articles carry spoilers for, by name.

    A request hiding one asks up to four times (its page's key, the choice, the subjects the
    index offers, the name of the one hidden). With nothing kept each would be a query, so the
    first read is kept on `request`; with a cache each is read as of the page's own reading.
    """
    known = getattr(request, "spoiler_subjects", None)
    if known is not None and not pagecache.keeping():
        pagecache.shows(SPOILERS)  # what is being made shows them, read once or not
        return known
    found = pagecache.remember("spoiler-subjects", _find_spoiler_subjects, tags=[SPOILERS])
    if request is not None:
        request.spoiler_subjects = found
    return found


def _subject_of_a_public_piece():
    """The subject as a public piece's warning writes it, for the slug of the row outside."""
    return (
        ContentWarning.objects.filter(
            kind=ContentWarning.Kind.SPOILERS,
            subject_slug=OuterRef("subject_slug"),
            article__in=Article.objects.published(),
        )
        .order_by()
        .values("subject")[:1]
    )


# Every listing offers the subjects, so the query is compiled once. It groups the spoiler
# warnings by subject, from their (kind, subject) index, and looks for a public piece once per
# subject: checking every warning's piece instead cost about 40 ms at 100,000 articles. A subject
# that only drafts carry has each of its warnings' pieces looked at.
SPOILER_SUBJECTS = CompiledLookup(
    lambda: (
        ContentWarning.objects.filter(kind=ContentWarning.Kind.SPOILERS)
        .exclude(subject_slug="")
        .order_by("subject_slug")
        .values("subject_slug")
        # Grouped by slug (the count is dropped from the result), so the subquery below is
        # run once per subject rather than once per warning.
        .annotate(warnings=Count("subject_slug"))
        .annotate(subject=Subquery(_subject_of_a_public_piece()))
        .values_list("subject_slug", "subject")
    )
)


def _find_spoiler_subjects() -> list[tuple[str, str]]:
    # A subject that no public piece carries has no name here: only drafts or withdrawn pieces.
    found = [(slug, name) for slug, name in SPOILER_SUBJECTS.rows() if name is not None]
    return sorted(found, key=lambda item: item[1].lower())


def vary_listings() -> None:
    """Tell the page cache what listings read from the request; nothing else reaches them.

    An article's page reads the spoiler cookie too, for its related list; a choice is made on
    the listings, so the page takes no parameter that would make a copy of it for each."""
    listings = ("articles:index", "articles:author", "articles:tag")
    pagecache.vary_on_query(
        *listings,
        page=pagecache.page_number,
        # Any value given, even a bogus one, is a choice to remember (or forget): never blank.
        **{HIDE_SPOILERS_COOKIE: lambda value, request: spoiler_choice(value, request) or SHOW_ALL},
    )
    pagecache.vary_on_query(
        "articles:index",
        **{name: _as_cleaned_by(field) for name, field in ArticleFilterForm.base_fields.items()},
    )
    pagecache.vary_on_cookies(
        *listings, "articles:detail", **{HIDE_SPOILERS_COOKIE: spoiler_choice}
    )


def _as_cleaned_by(field: forms.Field) -> pagecache.Normaliser:
    """A normaliser giving a filter's value as the index reads it: cleaned by its form field,
    or "" for a value the form drops."""

    def normalise(value: str, request: HttpRequest | None = None) -> str:
        try:
            return field.clean(value)
        except ValidationError:
            return ""

    return normalise
