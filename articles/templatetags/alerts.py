"""`{% alerts_signup %}`: the subscribe form at the foot of reader pages, offering what the page
is about (the author page its author, the tag page its topic, an article its authors and
topics), from what the page has loaded already: it costs no query."""

from dataclasses import dataclass

from django import template
from django.utils.http import urlencode

from articles.feeds.scope import KIND_PLURALS
from articles.models import Subscriber
from newsroom.addresses import address

register = template.Library()


@dataclass(frozen=True)
class Option:
    name: str
    value: str
    label: str
    checked: bool


def _options(context) -> list[Option]:
    if (article := context.get("article")) is not None:
        authors = [byline.author for byline in article.ordered_bylines]
        options = [
            Option("authors", str(author.pk), f"Pieces by {author.name}", index == 0)
            for index, author in enumerate(authors)
        ]
        options += [
            Option("tags", str(tag.pk), f"Pieces about {tag.name}", not authors and index == 0)
            for index, tag in enumerate(context.get("tags") or [])
        ]
        return options
    scope = context.get("feed_scope")
    if scope is None or scope.is_everything:
        return []
    if scope.author is not None:
        return [Option("authors", str(scope.author.pk), f"Pieces by {scope.author.name}", True)]
    if scope.tag is not None:
        return [Option("tags", str(scope.tag.pk), f"Pieces about {scope.tag.name}", True)]
    return [Option("kinds", scope.kind, KIND_PLURALS[scope.kind], True)]


@register.inclusion_tag("articles/_alerts_signup.html", takes_context=True)
def alerts_signup(context):
    options = _options(context)
    chosen = [(option.name, option.value) for option in options if option.checked]
    url = address("alerts:subscribe")
    return {
        "url": url,
        "more_url": f"{url}?{urlencode(chosen)}" if chosen else url,
        "options": options,
        "everything_checked": not any(option.checked for option in options),
        "frequencies": Subscriber.Frequency.choices,
        "site_settings": context.get("site_settings"),
    }
