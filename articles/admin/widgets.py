"""Small pieces of admin markup shared by the article and author admins."""

from django.utils.html import format_html


def thumbnail(url: str, alt: str = "", size: int = 64):
    """A small square preview from a rendition (the original when renditions are missing)."""
    if not url:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" class="admin-thumbnail" loading="lazy">',
        url,
        alt,
        size,
        size,
    )
