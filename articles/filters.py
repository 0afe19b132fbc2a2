"""The news index's filters: by kind, tag and author, from the query string.

Only named, validated fields reach the ORM; a bad value is dropped, never passed through.
"""

from django import forms
from django.utils.functional import cached_property
from django.utils.http import urlencode
from taggit.models import Tag

from articles.models import Article, Author


class ArticleFilterForm(forms.Form):
    kind = forms.ChoiceField(choices=Article.Kind.choices, required=False)
    tag = forms.SlugField(max_length=100, required=False)
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
        slug = self.values.get("tag")
        return Tag.objects.filter(slug=slug).first() if slug else None

    @cached_property
    def author_object(self) -> Author | None:
        slug = self.values.get("author")
        return Author.objects.filter(slug=slug).first() if slug else None

    @property
    def kind_label(self) -> str:
        kind = self.values.get("kind")
        return Article.Kind(kind).label if kind else ""

    def apply(self, queryset):
        if kind := self.values.get("kind"):
            queryset = queryset.filter(kind=kind)
        if "tag" in self.values:
            queryset = queryset.filter(tags=self.tag_object) if self.tag_object else queryset.none()
        if "author" in self.values:
            if self.author_object is None:
                return queryset.none()
            queryset = queryset.filter(bylines__author=self.author_object)
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
