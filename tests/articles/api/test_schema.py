"""The OpenAPI document: valid OpenAPI 3, and every endpoint it lists answers as it says, with
exactly the fields it documents; and the docs page that shows it, served by the site alone."""

import re
from copy import deepcopy

import pytest
import regress
import yaml
from bs4 import BeautifulSoup
from openapi_schema_validator import OAS31Validator, oas31_format_checker
from openapi_spec_validator import validate

from articles.models import Correction
from tests.articles.api.conftest import PUBLIC
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# A value for each parameter the document names, chosen to find something in `newsroom`.
EXAMPLES = {
    "kind": "op-ed",
    "tag": "television",
    "author": "dana",
    "updated_since": "2000-01-01T00:00:00Z",
    "page_size": "2",
}
# The slug of something public for each path taking one, by the path's first segment.
SLUGS = {"articles": "tv-show", "authors": "dana", "tags": "culture"}


@pytest.fixture
def document(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_the_document_is_valid_openapi_3(document):
    validate(document)

    assert document["openapi"] == "3.1.0"


def test_the_yaml_document_is_the_same(client, document):
    response = client.get("/api/v1/schema/?format=yaml")

    assert yaml.safe_load(response.content) == document


def test_the_document_lists_every_endpoint(document):
    assert sorted(document["paths"]) == [
        "/api/v1/",
        "/api/v1/articles/",
        "/api/v1/articles/{slug}/",
        "/api/v1/authors/",
        "/api/v1/authors/{slug}/",
        "/api/v1/tags/",
        "/api/v1/tags/{slug}/",
    ]
    assert {method for path in document["paths"].values() for method in path} == {"get"}


def resolved(schema, components: dict):
    """`schema` with every `$ref` replaced by what it names, and objects closed to properties
    they do not document."""
    if isinstance(schema, list):
        return [resolved(item, components) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        return resolved(components[schema["$ref"].rsplit("/", 1)[-1]], components)
    found = {key: resolved(value, components) for key, value in schema.items()}
    if "properties" in found and "additionalProperties" not in found:
        found["additionalProperties"] = False
    return found


def check(data, schema: dict, components: dict) -> None:
    validator = OAS31Validator(
        resolved(deepcopy(schema), components), format_checker=oas31_format_checker
    )
    validator.validate(data)


def address(path: str) -> str:
    return re.sub(r"\{slug\}", SLUGS[path.split("/")[3]], path) if "{slug}" in path else path


def test_every_endpoint_answers_as_documented(client, newsroom, document):
    Correction.objects.create(article=newsroom["story"], text="A date was wrong.")
    components = document["components"]["schemas"]

    for path, operations in document["paths"].items():
        operation = operations["get"]
        query = {
            parameter["name"]: EXAMPLES[parameter["name"]]
            for parameter in operation.get("parameters", [])
            if parameter["in"] == "query" and parameter["name"] in EXAMPLES
        }
        for asked in [{}, query]:
            response = client.get(address(path), asked)
            assert response.status_code == 200, (path, asked, response.content)
            documented = operation["responses"]["200"]["content"]["application/json"]
            check(response.json(), documented["schema"], components)
            if "results" in response.json() and asked:
                assert response.json()["results"], (path, asked, "the example finds something")


def test_every_documented_refusal_and_absence_answers_as_documented(client, newsroom, document):
    for path, operations in document["paths"].items():
        responses = operations["get"]["responses"]
        if "400" in responses:
            response = client.get(path, {"page_size": "0"})
            assert response.status_code == 400
            check(response.json(), responses["400"]["content"]["application/json"]["schema"], {})
        if "404" in responses:
            response = client.get(path.replace("{slug}", "draft"))
            assert response.status_code == 404
            check(response.json(), responses["404"]["content"]["application/json"]["schema"], {})
        if "304" in responses:
            etag = client.get(address(path))["ETag"]
            assert client.get(address(path), HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_documented_example_of_an_article_list_follows_its_next_link(client, newsroom):
    first = client.get("/api/v1/articles/", {"page_size": 2}).json()
    rest = client.get(first["next"]).json()

    assert [item["slug"] for item in first["results"] + rest["results"]] == PUBLIC


def test_the_docs_page_runs_swagger_ui_from_this_sites_files(client):
    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    scripts = [tag["src"] for tag in soup.find_all("script")]
    styles = [tag["href"] for tag in soup.find_all("link", rel="stylesheet")]
    assert scripts == [
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "/static/js/api-docs.js",
    ]
    assert all(href.startswith("/static/") for href in styles)
    assert not soup.find_all("style")
    assert not soup.select("[style]")
    assert soup.find(id="api-docs")["data-schema-url"] == "/api/v1/schema/"
    for asset in scripts + styles:
        assert client.get(asset).status_code == 200, asset


def test_the_docs_page_keeps_the_sites_policy_but_for_data_images(client, settings):
    policy = client.get("/api/v1/docs/")["Content-Security-Policy"]
    page_policy = client.get("/api/v1/articles/")["Content-Security-Policy"]

    assert "img-src 'self' data:" in policy
    assert policy.replace(" data:", "") == page_policy
    # django-csp writes the directives in set order, which varies with the hash seed.
    assert "script-src 'self'" in [directive.strip() for directive in policy.split(";")]
    assert "unsafe" not in policy


def query_schema(document, path: str, name: str) -> dict:
    (parameter,) = [p for p in document["paths"][path]["get"]["parameters"] if p["name"] == name]
    return parameter["schema"]


def matches(pattern: str, value: str, flags: str = "u") -> bool:
    """Whether `value` matches `pattern` as an ECMA-262 regular expression: with the u flag, as
    OpenAPI 3.1's JSON Schema (2020-12) reads it; without, as Swagger UI's "Try it out" does."""
    return regress.Regex(pattern, flags).find(value) is not None


UNICODE_TOPICS = {"Televisión": "televisión", "Телебачення": "телебачення", "日本語": "日本語"}


def test_the_tag_schema_takes_the_unicode_slugs_the_api_answers_for(client, document):
    schema = query_schema(document, "/api/v1/articles/", "tag")
    # No pattern: one that names letters of any script reads otherwise without the u flag.
    assert schema == {"type": "string", "minLength": 1, "maxLength": 100}
    ArticleFactory(slug="abroad", tag_names=list(UNICODE_TOPICS))

    for name, slug in UNICODE_TOPICS.items():
        response = client.get("/api/v1/articles/", {"tag": slug})
        assert response.status_code == 200, slug
        assert [item["slug"] for item in response.json()["results"]] == ["abroad"]
        assert name in [topic["name"] for topic in response.json()["results"][0]["tags"]]
    for refused in ["a b", "<script>", "../etc", "a" * 101, "televisión!"]:
        response = client.get("/api/v1/articles/", {"tag": refused})
        assert response.status_code == 400, refused
        assert "topic's slug" in response.json()["tag"][0]


def test_the_author_pattern_reads_the_same_with_and_without_the_u_flag(document):
    pattern = query_schema(document, "/api/v1/articles/", "author")["pattern"]
    for value in ["dana-whitfield", "D_42", "televisión", "a b", "", "a" * 121]:
        assert matches(pattern, value, "u") == matches(pattern, value, ""), value
    assert matches(pattern, "dana-whitfield")
    assert not matches(pattern, "televisión")
