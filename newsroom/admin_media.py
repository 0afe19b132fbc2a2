"""Admin form media under the Content-Security-Policy.

The rich-text editor declares its JavaScript modules in an inline `<script type="importmap">`
(django-js-asset), which a strict policy blocks unless it carries the request's nonce.
django-js-asset's `Media` renders every tag it holds with a nonce it is given, so the change form
hands it the nonce django-csp made for this request; the header then names that nonce.
"""

from js_asset import Media


class NonceMediaMixin:
    """For a ModelAdmin: render the change form's scripts and import map with the CSP nonce."""

    def render_change_form(self, request, context, *args, **kwargs):
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, *args, **kwargs)
