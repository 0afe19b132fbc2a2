"""Hostile text put into every field an editor can write, through the admin, and the pages,
API answers and admin pages that show those fields afterwards."""

from urllib.parse import urlencode

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from articles.models import (
    MAX_TAG_LENGTH,
    Article,
    Author,
    ContentWarning,
    MediaKitItem,
    PressContact,
    PreviewLink,
)
from articles.workflow import previews
from newsroom.models import SitePage, SiteSettings
from tests.admin_forms import errors_on, form_data

BENIGN = "Plain words"
NULL_REFUSED = "Null characters are not allowed."


def fit(text: str, model, field: str) -> str:
    """`text` cut to the field's length, as a contributor pasting it would have to."""
    return text[: model._meta.get_field(field).max_length]


def admin_post(admin_client, url: str, data: dict, **extra):
    response = admin_client.post(url, data, **extra)
    form = response.context["adminform"].form if response.status_code == 200 else None
    return response, (form.errors.as_text() if form is not None else "")


def store_everything(admin_client, make_upload, text: str, key: str) -> dict:
    """Put `text` into every editor-writable text field via the admin forms; return the objects."""
    SiteSettings.objects.get_or_create(pk=1)
    settings_url = "/admin/newsroom/sitesettings/1/change/"
    response, errors = admin_post(
        admin_client,
        settings_url,
        # The form as opened (its edit token too), every text field written over.
        form_data(
            admin_client.get(settings_url),
            site_name=fit(text, SiteSettings, "site_name"),
            news_heading=fit(text, SiteSettings, "news_heading"),
            news_introduction=fit(text, SiteSettings, "news_introduction"),
            news_description=fit(text, SiteSettings, "news_description"),
            boilerplate=f"<p>{text}</p>{text}",
        ),
    )
    assert response.status_code == 302, errors

    response, errors = admin_post(
        admin_client,
        "/admin/articles/presscontact/add/",
        {
            "name": fit(text, PressContact, "name"),
            "slug": f"contact-{key}",
            "role": fit(text, PressContact, "role"),
            "covers": fit(text, PressContact, "covers"),
            "email": f"press-{key}@example.com",
            "phone": "+44 20 7946 0123",
            "photo": make_upload("contact.png", image_format="PNG", size=(96, 96)),
            "for_releases": "on",
            "position": "0",
        },
    )
    assert response.status_code == 302, errors
    contact = PressContact.objects.get(slug=f"contact-{key}")

    response, errors = admin_post(
        admin_client,
        "/admin/articles/author/add/",
        {
            "name": fit(text, Author, "name"),
            "slug": f"author-{key}",
            "role": fit(text, Author, "role"),
            "organisation": fit(text, Author, "organisation"),
            "bio": fit(text, Author, "bio"),
            "headshot": make_upload("headshot.png", image_format="PNG", size=(96, 96)),
            "linkedin_url": "",
            "website_url": "",
            "user": "",
        },
    )
    assert response.status_code == 302, errors
    author = Author.objects.get(slug=f"author-{key}")

    now = timezone.localtime()
    # Start from the form as the admin renders it, so fields added later keep their defaults.
    blank = form_data(admin_client.get("/admin/articles/article/add/"))
    response, errors = admin_post(
        admin_client,
        "/admin/articles/article/add/",
        blank
        | {
            "kind": "op-ed",
            "headline": fit(text, Article, "headline"),
            "slug": f"article-{key}",
            "dek": fit(text, Article, "dek"),
            "introduction": f"<p>{text}</p>",
            "body": f"<p>The text of the piece.</p><p>{text}</p>{text}",
            "featured_image": make_upload("photo.jpg", size=(480, 320)),
            "featured_image_alt": fit(text, Article, "featured_image_alt"),
            "featured_image_caption": fit(text, Article, "featured_image_caption"),
            "featured_image_credit": fit(text, Article, "featured_image_credit"),
            "_publish": "",
            "tags": f'"{tag_name(text)}", Topic {key}',
            "origin_url": f"https://www.linkedin.com/pulse/a-piece-{key}/",
            "origin_platform": fit(text, Article, "origin_platform"),
            "origin_published_on": "",
            "origin_is_canonical": "on",
            "seo_title": fit(text, Article, "seo_title"),
            "seo_description": fit(text, Article, "seo_description"),
            "bylines-TOTAL_FORMS": "1",
            "bylines-INITIAL_FORMS": "0",
            "bylines-MIN_NUM_FORMS": "0",
            "bylines-MAX_NUM_FORMS": "1000",
            "bylines-0-position": "0",
            "bylines-0-author": str(author.pk),
            "bylines-0-role": "",
            "bylines-0-organisation": "",
            "warnings-TOTAL_FORMS": "1",
            "warnings-INITIAL_FORMS": "0",
            "warnings-MIN_NUM_FORMS": "0",
            "warnings-MAX_NUM_FORMS": "1000",
            "warnings-0-position": "0",
            "warnings-0-kind": "spoilers",
            "warnings-0-text": fit(text, ContentWarning, "text"),
            "warnings-0-subject": fit(text, ContentWarning, "subject"),
            "corrections-TOTAL_FORMS": "1",
            "corrections-INITIAL_FORMS": "0",
            "corrections-MIN_NUM_FORMS": "0",
            "corrections-MAX_NUM_FORMS": "1000",
            "corrections-0-kind": "correction",
            "corrections-0-published_at_0": now.strftime("%Y-%m-%d"),
            "corrections-0-published_at_1": now.strftime("%H:%M:%S"),
            "corrections-0-text": text,
        },
    )
    assert response.status_code == 302, errors
    article = Article.objects.get(slug=f"article-{key}")
    assert article.is_published
    # A second revision, so the history can compare two; and a sign-off link whose reviewer
    # name and approval note are hostile too.
    response = admin_client.get(f"/admin/articles/article/{article.pk}/change/")
    response = admin_client.post(
        f"/admin/articles/article/{article.pk}/change/",
        form_data(response, dek=fit(f"{text} again", Article, "dek")),
    )
    assert response.status_code == 302, errors_on(response)
    link = previews.create_link(article=article, reviewer=fit(text, PreviewLink, "reviewer"))
    previews.approve(link, version=Article.objects.get(pk=article.pk).version, note=text)

    # A press release naming the contact, with an "About" paragraph of its own.
    response, errors = admin_post(
        admin_client,
        "/admin/articles/article/add/",
        blank
        | {
            "kind": "press-release",
            "headline": f"A release {key}",
            "slug": f"release-{key}",
            "dek": "A new studio opens.",
            "body": "<p>The studio opens today.</p>",
            "_publish": "",
            "press_contacts": [str(contact.pk)],
            "boilerplate": f"<p>{text}</p>{text}",
            # A picture in its media kit, every word of it hostile.
            "kit_items-TOTAL_FORMS": "1",
            "kit_items-0-title": fit(text, MediaKitItem, "title"),
            "kit_items-0-image": make_upload("kit.jpg", size=(480, 320)),
            "kit_items-0-alt_text": fit(text, MediaKitItem, "alt_text"),
            "kit_items-0-caption": fit(text, MediaKitItem, "caption"),
            "kit_items-0-credit": fit(text, MediaKitItem, "credit"),
            "kit_items-0-usage_terms": fit(text, MediaKitItem, "usage_terms"),
            "kit_items-0-position": "0",
            "bylines-TOTAL_FORMS": "1",
            "bylines-INITIAL_FORMS": "0",
            "bylines-MIN_NUM_FORMS": "0",
            "bylines-MAX_NUM_FORMS": "1000",
            "bylines-0-position": "0",
            "bylines-0-author": str(author.pk),
        },
    )
    assert response.status_code == 302, errors
    release = Article.objects.get(slug=f"release-{key}")
    assert release.is_published
    assert release.kit_items.count() == 1

    # A fact sheet in the press room's own kit.
    response, errors = admin_post(
        admin_client,
        "/admin/articles/mediakititem/add/",
        {
            "title": fit(text, MediaKitItem, "title"),
            "document": SimpleUploadedFile("facts.pdf", b"%PDF-1.4\n%%EOF\n"),
            "alt_text": fit(text, MediaKitItem, "alt_text"),
            "caption": fit(text, MediaKitItem, "caption"),
            "credit": fit(text, MediaKitItem, "credit"),
            "usage_terms": fit(text, MediaKitItem, "usage_terms"),
            "position": "0",
        },
    )
    assert response.status_code == 302, errors
    kit_item = MediaKitItem.objects.filter(article=None).latest("pk")

    response, errors = admin_post(
        admin_client,
        "/admin/newsroom/sitepage/add/",
        {
            "title": fit(text, SitePage, "title"),
            "slug": f"page-{key}",
            "body": f"<p>{text}</p>",
            "status": "published",
            "show_in_navigation": "on",
            "nav_order": "0",
            "seo_title": fit(text, SitePage, "seo_title"),
            "seo_description": fit(text, SitePage, "seo_description"),
        },
    )
    assert response.status_code == 302, errors
    return {
        "author": author,
        "article": article,
        "page": SitePage.objects.get(slug=f"page-{key}"),
        "preview": previews.url_for(link),
        "contact": contact,
        "release": release,
        "kit_item": kit_item,
    }


def tag_name(text: str) -> str:
    """`text` as one tag: quoted, so without the quotes and commas that would split it."""
    return text.replace('"', "").replace(",", "")[:MAX_TAG_LENGTH]


def pages_showing(objects: dict, text: str) -> dict[str, str]:
    """Every page, public and admin, that renders the stored fields: name → URL."""
    article, author, page = objects["article"], objects["author"], objects["page"]
    contact, release, kit_item = objects["contact"], objects["release"], objects["kit_item"]
    pages = {
        "index": "/news/",
        "index filtered by author": f"/news/?author={author.slug}",
        "search results": "/news/search/?" + _query(text),
        "article": article.get_absolute_url(),
        "author": author.get_absolute_url(),
        "site page": page.get_absolute_url(),
        "admin article list": "/admin/articles/article/",
        "admin article search": "/admin/articles/article/?" + _query(text),
        "admin article form": f"/admin/articles/article/{article.pk}/change/",
        "admin author list": "/admin/articles/author/",
        "admin author form": f"/admin/articles/author/{author.pk}/change/",
        "admin page list": "/admin/newsroom/sitepage/",
        "admin page form": f"/admin/newsroom/sitepage/{page.pk}/change/",
        "admin site settings": "/admin/newsroom/sitesettings/1/change/",
        "admin tags": "/admin/taggit/tag/",
        "admin article history": f"/admin/articles/article/{article.pk}/history/",
        "admin article revision diff": revision_diff_url(article),
        "sign-off preview": objects["preview"],
        "press room": "/press/",
        "press release": release.get_absolute_url(),
        "press releases filtered": "/news/?kind=press-release",
        "admin press contact list": "/admin/articles/presscontact/",
        "admin press contact form": f"/admin/articles/presscontact/{contact.pk}/change/",
        "admin press release form": f"/admin/articles/article/{release.pk}/change/",
        "admin site settings history": "/admin/newsroom/sitesettings/1/history/",
        "admin press room kit list": "/admin/articles/mediakititem/",
        "admin press room kit form": f"/admin/articles/mediakititem/{kit_item.pk}/change/",
    }
    for tag in article.tags.all():
        pages[f"tag {tag.name!r}"] = tag_url(tag)
    return pages


def api_answers_showing(objects: dict) -> dict[str, str]:
    """Every answer of the read API that shows the stored fields: name → URL."""
    article, author = objects["article"], objects["author"]
    answers = {
        "api articles": "/api/v1/articles/",
        "api articles by author": f"/api/v1/articles/?author={author.slug}",
        "api article": f"/api/v1/articles/{article.slug}/",
        "api authors": "/api/v1/authors/",
        "api author": f"/api/v1/authors/{author.slug}/",
        "api tags": "/api/v1/tags/",
    }
    for tag in article.tags.all():
        answers[f"api tag {tag.name!r}"] = reverse("api:tag", kwargs={"slug": tag.slug})
    return answers


def api_text(client, url: str) -> tuple[dict, str]:
    """An answer of the API as JSON, checked to be JSON no browser runs, and the HTML in it."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not {b"<", b">"} & {bytes([byte]) for byte in response.content}, url
    data = response.json()
    items = data.get("results", [data])
    return data, "".join(item.get("body_html", "") for item in items)


def revision_diff_url(article: Article) -> str:
    older, newer = Version.objects.get_for_object(article).order_by("pk")[:2]
    return f"/admin/articles/article/{article.pk}/history/compare/?from={older.pk}&to={newer.pk}"


def tag_url(tag: Tag) -> str:
    return reverse("articles:tag", kwargs={"slug": tag.slug})


def _query(text: str) -> str:
    return urlencode({"q": text[:200]})
