"""The admin wears the public site's colours and type: its stylesheet restates site.css's
palette and fonts, and every admin page loads it."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ["ink", "muted", "rule", "paper", "tint", "accent", "accent-dark", "warning-bg"]
FONTS = ["serif", "sans"]


def declared(css: str) -> dict[str, str]:
    """The custom properties of a stylesheet's first `:root` rule, spaces folded."""
    root = css[css.index(":root") : css.index("}", css.index(":root"))]
    return {
        name: " ".join(value.split()) for name, value in re.findall(r"(--[\w-]+):\s*([^;]+);", root)
    }


def test_the_admin_theme_restates_the_sites_palette_and_fonts():
    site = declared((ROOT / "static" / "css" / "site.css").read_text())
    admin = declared((ROOT / "static" / "css" / "admin-theme.css").read_text())

    for name in SHARED + FONTS:
        assert admin[f"--newsroom-{name}"].lower() == site[f"--{name}"].lower(), name


@pytest.mark.django_db
def test_every_admin_page_loads_the_theme_after_djangos_own(admin_client):
    html = admin_client.get("/admin/articles/article/").content.decode()

    assert html.index("admin/css/base.css") < html.index("css/admin-theme.css")
