"""The site's colours for what the server draws (link-preview title cards), as
static/css/site.css declares them in `:root`; a test keeps the two in step. Those of its light
scheme: a card is shown on other sites, whatever scheme a reader of this one prefers."""

from newsroom.photos.cards import Palette

INK = "#1b1e23"
PAPER = "#ffffff"
TINT = "#f4f6f8"
ACCENT = "#0b5cad"
ACCENT_DARK = "#084a8c"

# The stylesheet's custom properties these stand for.
CSS_VARIABLES = {
    "--ink": INK,
    "--paper": PAPER,
    "--tint": TINT,
    "--accent": ACCENT,
    "--accent-dark": ACCENT_DARK,
}

# White on the accent blue, as the site's links and buttons pair them.
TITLE_CARD = Palette(background=ACCENT, text=PAPER, band=ACCENT_DARK, band_text=TINT)
