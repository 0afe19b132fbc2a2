"""The API's OpenAPI 3 document (drf-spectacular) and the page that documents it (Swagger UI).

The document is made once per process and URLconf: it describes code, which changes only with
a deployment. The docs page runs Swagger UI from the site's own static files
(drf-spectacular-sidecar) under the site's Content-Security-Policy: no inline script or style,
nothing from another origin; the one addition is `data:` images, which Swagger UI's stylesheet
draws its icons with.
"""

from csp.decorators import csp_update
from django.conf import settings
from django.shortcuts import render
from django.urls import get_urlconf
from django.views.decorators.http import require_safe
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer2, OpenApiYamlRenderer2
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from articles.api.views import PublicEndpoint, Unwatched, keep_unwatched

FORMATS = {"json": OpenApiJsonRenderer2, "yaml": OpenApiYamlRenderer2}

_documents: dict[str, dict] = {}


def openapi_document() -> dict:
    """The OpenAPI document of the API as this process's URLconf serves it."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    if urlconf not in _documents:
        _documents[urlconf] = SchemaGenerator(urlconf=urlconf).get_schema(public=True)
    return _documents[urlconf]


class SchemaView(Unwatched, PublicEndpoint, APIView):
    """/api/v1/schema/: the OpenAPI 3 document, JSON, or YAML with `?format=yaml`."""

    schema = None  # not an endpoint of the API it describes
    renderer_classes = list(FORMATS.values())

    def perform_content_negotiation(self, request, force=False):
        chosen = request.query_params.get("format", "").strip().lower() or "json"
        if chosen not in FORMATS:
            if not force:
                raise ValidationError({"format": ["Give json or yaml."]})
            chosen = "json"
        renderer = FORMATS[chosen]()
        return renderer, renderer.media_type

    @property
    def default_response_headers(self) -> dict:
        # Chosen by `?format=`, not by Accept: no `Vary: Accept`.
        return {"Allow": ", ".join(self.allowed_methods)}

    def get(self, request):
        return Response(openapi_document())


@require_safe
@csp_update({"img-src": ["data:"]})
def docs(request):
    """/api/v1/docs/: the API's documentation, browsable, with requests to try."""
    return keep_unwatched(request, render(request, "api/docs.html"))
