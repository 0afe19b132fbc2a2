"""Hardened by default: production settings, security headers, private admin, quiet public pages."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import override_settings

from newsroom.richtext import RichTextField
from tests.factories import ArticleFactory, SitePageFactory

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def documented_production_environment() -> dict[str, str]:
    """docs/deploying.md's "complete production environment", its placeholders filled in."""
    readme = (ROOT / "docs" / "deploying.md").read_text()
    block = readme.split("A complete production environment:", 1)[1].split("```sh", 1)[1]
    block = block.split("```", 1)[0]
    env = {}
    for line in block.strip().splitlines():
        name, value = line.split("=", 1)
        env[name] = re.sub(r"<[^>]*>", lambda _: secrets.token_urlsafe(50), value)
    return env


def test_the_documented_production_environment_passes_the_deployment_checks():
    env = documented_production_environment()
    assert env["DEBUG"] == "false"
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECURE_", "AWS_", "DJANGO_"))
        and key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"}
    }

    # As the release steps do: the check wants the static files collected (newsroom.E010).
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env={**inherited, **env},
        check=True,
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**inherited, **env},
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for directive in policy.split(";"):
        name, *sources = directive.split()
        parsed[name] = sources
    return parsed


@pytest.fixture
def public_urls():
    article = ArticleFactory(tag_names=["Culture"])
    page = SitePageFactory(slug="about")
    author = article.bylines.get().author
    return [
        "/news/",
        article.get_absolute_url(),
        author.get_absolute_url(),
        "/news/tags/culture/",
        page.get_absolute_url(),
    ]


def test_every_kind_of_response_carries_a_strict_content_security_policy(client, public_urls):
    responses = [client.get(url) for url in public_urls] + [
        client.get("/news/no-such-article/"),
        client.get("/healthz"),
        client.get("/admin/login/"),
        client.get("/static/css/site.css"),
    ]

    for response in responses:
        policy = directives(response)
        assert policy["default-src"] == ["'none'"]
        assert policy["script-src"][0] == "'self'"
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'none'"]
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_public_pages_need_no_nonce_so_they_carry_none(client, public_urls):
    for url in public_urls:
        assert directives(client.get(url))["script-src"] == ["'self'"]


def test_responses_carry_the_other_security_headers(client, public_urls):
    response = client.get(public_urls[1], secure=True)

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_public_pages_set_no_session_or_csrf_cookie(client, public_urls):
    others = [
        "/news/no-such-article/",
        "/news/?page=99",
        "/news/search/?q=culture",
        "/news/feed/",
        "/news/atom/",
        "/news/feed.json",
        "/sitemap.xml",
        "/robots.txt",
    ]
    for url in [*public_urls, *others]:
        response = client.get(url)
        assert response.status_code in {200, 404}
        assert dict(response.cookies) == {}, url
    assert dict(client.cookies) == {}


def cache_directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


def test_admin_responses_are_private_and_never_stored(client, admin_client):
    anonymous = [client.get("/admin/login/"), client.get("/admin/")]
    signed_in = [
        admin_client.get(url)
        for url in [
            "/admin/",
            "/admin/articles/article/",
            "/admin/articles/article/add/",
            "/admin/jsi18n/",
            "/admin/articles/article/999/change/",
        ]
    ]

    for response in anonymous + signed_in:
        assert {"private", "no-store"} <= cache_directives(response), response.wsgi_request.path
        assert "public" not in cache_directives(response)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/add/",
        "/admin/newsroom/sitepage/add/",
    ],
)
def test_the_editor_import_map_carries_the_nonce_the_policy_names(admin_client, url):
    response = admin_client.get(url)

    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    html = response.content.decode()
    assert f'<script type="importmap" nonce="{nonce}">' in html
    inline = [tag for tag in re.findall(r"<script[^>]*>", html) if " src=" not in tag]
    assert inline
    assert all(f'nonce="{nonce}"' in tag for tag in inline), inline


def test_every_admin_with_rich_text_hands_the_nonce_to_its_editor(admin_client):
    from django.contrib import admin

    rich = [
        model
        for model in admin.site._registry
        if any(isinstance(field, RichTextField) for field in model._meta.get_fields())
    ]
    assert rich, "expected the rich-text models to be registered"
    for model in rich:
        opts = model._meta
        response = admin_client.get(f"/admin/{opts.app_label}/{opts.model_name}/add/")
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        assert f'type="importmap" nonce="{nonce}"' in response.content.decode(), opts.label


def test_a_request_body_over_the_limit_is_refused_before_it_is_read(admin_client):
    # Declares a gigabyte and sends a few bytes: had the body been read, the parser would fail.
    response = admin_client.generic(
        "POST",
        "/admin/articles/article/add/",
        b"x" * 10,
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(1024**3),
    )

    assert response.status_code == 413
    assert "This upload is too large: the limit is 20 MB." in response.content.decode()


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "newsroom.cache.TolerantRedisCache",
            # Nothing listens on port 1: every command meets a refused connection.
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
)
def test_an_unreachable_redis_is_logged_and_read_as_a_cache_miss(caplog, client, public_urls):
    cache = caches["default"]

    cache.set("headline", "cached")
    assert cache.get("headline", "miss") == "miss"
    assert cache.get_or_set("headline", "computed") == "computed"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("headline", "x") is False
    cache.delete("headline")

    assert client.get(public_urls[1]).status_code == 200
    assert "Cache unavailable, carrying on without it" in caplog.text


# Framing and caching of responses no view renders itself: errors, refusals and static files.


def too_large(client):
    return client.generic(
        "POST", "/news/", b"x", content_type="text/plain", CONTENT_LENGTH=str(1024**3)
    )


def server_error(client):
    from unittest import mock

    client.raise_request_exception = False
    with mock.patch("newsroom.views.get_object_or_404", side_effect=RuntimeError("boom")):
        return client.get("/about/")


@pytest.mark.parametrize(
    ("answer", "status", "cache_control"),
    [
        (lambda client: client.get("/news/no-such-article/"), 404, {"public", "max-age=60"}),
        (lambda client: client.get("/no/such/page/"), 404, {"public", "max-age=60"}),
        (lambda client: client.get("/news/", HTTP_HOST="evil.example"), 400, {"no-store"}),
        (too_large, 413, {"no-store"}),
        (server_error, 500, {"no-store"}),
        (lambda client: client.get("/news/search/?q=culture"), 200, {"private", "no-cache"}),
    ],
    ids=["404-article", "404-unrouted", "400-bad-host", "413", "500", "search"],
)
def test_errors_and_search_results_say_how_long_they_may_be_kept_and_deny_framing(
    client, public_urls, settings, answer, status, cache_control
):
    settings.PAGE_MAX_AGE = 60

    response = answer(client)

    assert response.status_code == status
    assert cache_directives(response) == cache_control
    assert response["X-Frame-Options"] == "DENY"


def test_an_editors_404_is_private(editor_client):
    response = editor_client.get("/news/no-such-article/")

    assert response.status_code == 404
    assert {"private", "no-cache"} <= cache_directives(response)
    assert "public" not in cache_directives(response)


def test_static_files_deny_framing(client):
    response = client.get("/static/css/site.css")

    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert "public" in cache_directives(response)


def test_the_admin_denies_framing_and_still_works(admin_client):
    response = admin_client.get("/admin/articles/article/")

    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"


def test_pages_without_a_nonce_share_one_policy_and_follow_changed_settings(client, settings):
    first = client.get("/news/")["Content-Security-Policy"]
    assert "nonce-" not in first
    assert client.get("/healthz")["Content-Security-Policy"] == first

    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"]}}

    assert client.get("/healthz")["Content-Security-Policy"] == "default-src 'self'"


def test_a_views_own_policy_and_an_exemption_still_apply(rf):
    from csp.decorators import csp_exempt, csp_update
    from django.http import HttpResponse

    from newsroom.middleware import ContentSecurityPolicyMiddleware

    @csp_update({"img-src": ["https://images.example.com"]})
    def widened(request):
        return HttpResponse("ok")

    @csp_exempt()
    def exempt(request):
        return HttpResponse("ok")

    def answer(view):
        middleware = ContentSecurityPolicyMiddleware(view)
        request = rf.get("/")
        middleware.process_request(request)
        return middleware.process_response(request, view(request))

    assert "https://images.example.com" in answer(widened)["Content-Security-Policy"]
    assert not answer(exempt).has_header("Content-Security-Policy")


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 301), ({"HTTP_HOST": "evil.example"}, 400)],
    ids=["https-redirect", "400-bad-host"],
)
def test_answers_to_plain_http_in_production_carry_the_security_headers(
    client, settings, headers, status
):
    # Production redirects plain HTTP to HTTPS (SECURE_SSL_REDIRECT, docs/deploying.md).
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/news/", **headers)

    assert response.status_code == status
    assert "Content-Security-Policy" in response
    assert directives(response)["default-src"] == ["'none'"]
    assert directives(response)["frame-ancestors"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
