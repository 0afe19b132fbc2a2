"""`{% fragment %}`: part of a reader page kept as HTML until something it shows changes.

    {% load fragments %}
    {% fragment "article" article.pk tags=shown %}…{% endfragment %}

The contents render once per value of the key parts after the name and are kept until one of
their tags is retired; later requests reuse the HTML, and the queries that only the contents
need (bylines, tags, related articles) are never made if views hand them over lazily. Every part
the contents depend on besides the content itself must be a key part: the host, for instance,
when they build absolute URLs.

`tags=` names what the contents show that was loaded before them (a string of tags separated by
spaces, or a list); what they load themselves says so with `pagecache.shows` or `remember`, and
a kept card or value inside brings its tags along. Contents that end up with no tag are an error:
nothing could ever retire them.

A key part that is missing from the context (or None) keeps nothing either: without it,
different pages could share one fragment; `|default:""` makes an optional part explicit.

Requests the page cache does not serve (editors, with a session) and contexts holding a true
`fragments_off` (previews of drafts, shown to their reviewers alone) render the contents every
time and keep nothing: an editor sees the page as the database has it now.
"""

import hashlib

from django import template
from django.utils.safestring import SafeString

from newsroom import pagecache

register = template.Library()

_PART_SEPARATOR = "\x1f"


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            "'fragment' needs a name: {% fragment \"name\" key-part … tags=… %}"
        )
    tags = None
    if bits[-1].startswith("tags="):
        tags = parser.compile_filter(bits.pop().removeprefix("tags="))
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist,
        name=parser.compile_filter(bits[1]),
        parts=[parser.compile_filter(bit) for bit in bits[2:]],
        tags=tags,
    )


class FragmentNode(template.Node):
    def __init__(self, nodelist, *, name, parts, tags):
        self.nodelist = nodelist
        self.name = name
        self.parts = parts
        self.tags = tags

    def render(self, context) -> SafeString:
        request = context.get("request")
        if context.get("fragments_off") or (request is not None and pagecache.is_private(request)):
            return self.nodelist.render(context)
        if not pagecache.keeping():
            # Nothing is kept (a cache that keeps nothing, or one that is down): the key parts
            # would name nothing, so they are not worked out; the tags still reach the page.
            pagecache.shows(*self.declared_tags(context))
            return self.nodelist.render(context)
        parts = [part.resolve(context, ignore_failures=True) for part in self.parts]
        if None in parts:
            # A key part the context lacks would make different pages share one fragment.
            return self.nodelist.render(context)
        return pagecache.remember(
            fragment_name(self.name.resolve(context), parts),
            lambda: self.nodelist.render(context),
            tags=self.declared_tags(context),
        )

    def declared_tags(self, context) -> list[str]:
        if self.tags is None:
            return []
        tags = self.tags.resolve(context, ignore_failures=True) or ()
        return tags.split() if isinstance(tags, str) else list(tags)


def fragment_name(name: str, parts: list) -> str:
    """The cache name of a fragment: its name and a digest of its key parts (any length)."""
    joined = _PART_SEPARATOR.join(str(part) for part in parts)
    digest = hashlib.blake2b(joined.encode(), digest_size=12).hexdigest()
    return f"fragment:{name}:{digest}"
