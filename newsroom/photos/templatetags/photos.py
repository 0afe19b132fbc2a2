"""`<picture>` markup: `{% picture %}` for any photo, `{% headshot %}` for a square one."""

from django import template

from newsroom.photos import renditions

register = template.Library()


@register.inclusion_tag("partials/picture.html")
def picture(image, *, alt="", sizes="100vw", loading="lazy", priority=False, css_class=""):
    """A responsive `<picture>` of an image's renditions: WebP first, then its own format.

    `image` is a `Renditions`; `sizes` says how wide the layout shows it; `priority` marks the
    page's hero (loaded eagerly, fetched first).
    """
    return {
        "sources": image.sources,
        "srcset": image.srcset,
        "src": image.src,
        "width": image.width,
        "height": image.height,
        "alt": alt,
        "sizes": sizes,
        "loading": "eager" if priority else loading,
        "priority": priority,
        "css_class": css_class,
    }


@register.inclusion_tag("partials/picture.html")
def headshot(image, *, size: int, alt="", loading="lazy", css_class=""):
    """A square headshot shown `size` CSS pixels wide, from its square renditions."""
    return {
        "sources": image.square_sources,
        "srcset": image.square_srcset() if image.ready else "",
        "src": image.square_src(renditions.SQUARES[1]) if image.ready else image.original.url,
        "width": size,
        "height": size,
        "alt": alt,
        "sizes": f"{size}px",
        "loading": loading,
        "priority": False,
        "css_class": css_class,
    }
