"""`<picture>` markup: `{% picture %}` for any photo, `{% headshot %}` for a square one.

Listings show a picture on many cards, so the element is written here rather than by a template
of its own: the same markup for a fraction of the cost.
"""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from newsroom.photos import renditions

register = template.Library()


@register.simple_tag
def picture(image, *, alt="", sizes="100vw", loading="lazy", priority=False, css_class=""):
    """A responsive `<picture>` of an image's renditions: WebP first, then its own format.

    `image` is a `Renditions`; `sizes` says how wide the layout shows it; `priority` marks the
    page's hero (loaded eagerly, fetched first).
    """
    return picture_element(
        sources=image.sources,
        srcset=image.srcset,
        src=image.src,
        width=image.width,
        height=image.height,
        alt=alt,
        sizes=sizes,
        loading="eager" if priority else loading,
        priority=priority,
        css_class=css_class,
    )


@register.simple_tag
def headshot(image, *, size: int, alt="", loading="lazy", css_class=""):
    """A square headshot shown `size` CSS pixels wide, from its square renditions."""
    return picture_element(
        sources=image.square_sources,
        srcset=image.square_srcset() if image.ready else "",
        src=image.square_src(renditions.SQUARES[1]) if image.ready else image.original.url,
        width=size,
        height=size,
        alt=alt,
        sizes=f"{size}px",
        loading=loading,
        priority=False,
        css_class=css_class,
    )


def picture_element(
    *,
    sources: list[tuple[str, str]],
    srcset: str,
    src: str,
    width: int | None,
    height: int | None,
    alt: str,
    sizes: str,
    loading: str,
    priority: bool,
    css_class: str,
) -> SafeString:
    """`<picture>` with a `<source>` per (MIME type, srcset) in `sources` and its `<img>`.

    Written with the standard library's `html.escape` (what Django's `escape` calls, without its
    lazy-string wrapper): a listing shows a dozen of these.
    """
    sizes = escape(sizes)
    source_tags = "".join(
        f'<source type="{escape(mime_type)}" srcset="{escape(source_srcset)}" sizes="{sizes}">'
        for mime_type, source_srcset in sources
    )
    img = [f'<img src="{escape(src)}"']
    if srcset:
        img.append(f' srcset="{escape(srcset)}" sizes="{sizes}"')
    img.append(f' alt="{escape(alt)}"')
    if width and height:
        img.append(f' width="{int(width)}" height="{int(height)}"')
    if css_class:
        img.append(f' class="{escape(css_class)}"')
    img.append(f' loading="{escape(loading)}" decoding="async"')
    if priority:
        img.append(' fetchpriority="high"')
    return mark_safe(f"<picture>{source_tags}{''.join(img)}></picture>")  # noqa: S308 (every value escaped above)
