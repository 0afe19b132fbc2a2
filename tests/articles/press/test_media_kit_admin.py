"""The media kit in the admin: who may add, change and remove items, and what is refused
(files that are not what they claim, hostile titles and file names)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article, MediaKitItem
from tests.admin_forms import errors_on, form_data
from tests.articles.press.kits import PDF, body, file_url, release
from tests.conftest import image_bytes
from tests.factories import ArticleFactory, MediaKitItemFactory

pytestmark = pytest.mark.django_db


# The admin.

CHANGE = "/admin/articles/article/{}/change/"
ROOM_KIT = "/admin/articles/mediakititem/"


def kit_fields(**fields) -> dict:
    base = {
        "kit_items-TOTAL_FORMS": "1",
        "kit_items-INITIAL_FORMS": "0",
        "kit_items-0-title": "The plant from the river",
        "kit_items-0-alt_text": "The plant from the river",
        "kit_items-0-credit": "Photo: Ana Costa",
        "kit_items-0-usage_terms": "Editorial use only",
        "kit_items-0-caption": "",
        "kit_items-0-position": "0",
        "kit_items-0-image": SimpleUploadedFile("plant.jpg", image_bytes()),
    }
    return base | {f"kit_items-0-{name}": value for name, value in fields.items()}


def test_an_editor_adds_a_picture_to_a_releases_kit_on_its_page(editor_client):
    piece = release()
    page = editor_client.get(CHANGE.format(piece.pk))
    assert "Media kit (press releases only)" in page.content.decode()

    response = editor_client.post(CHANGE.format(piece.pk), form_data(page, **kit_fields()))

    assert response.status_code == 302, errors_on(response)
    item = piece.kit_items.get()
    assert item.title == "The plant from the river"
    assert item.width == 1200
    assert item.images.thumbnail_url


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"alt_text": ""}, "alt text is required"),
        ({"image": "", "document": ""}, "Give a picture or a document"),
        (
            {"document": SimpleUploadedFile("sheet.pdf", PDF)},
            "Give a picture or a document: one of them, not both.",
        ),
    ],
    ids=["no alt text", "no file", "both files"],
)
def test_an_item_without_alt_text_or_with_two_files_or_none_is_refused(
    editor_client, fields, message
):
    piece = release()
    page = editor_client.get(CHANGE.format(piece.pk))

    response = editor_client.post(CHANGE.format(piece.pk), form_data(page, **kit_fields(**fields)))

    assert response.status_code == 200
    text = " ".join(
        str(form.errors) for form in response.context["inline_admin_formsets"][-2].formset.forms
    )
    assert message in text
    assert not MediaKitItem.objects.exists()


def test_other_kinds_show_no_kit_on_their_form_unless_they_have_one(editor_client):
    news = ArticleFactory(slug="plain-news")

    assert "kit_items-TOTAL_FORMS" not in editor_client.get(CHANGE.format(news.pk)).content.decode()
    assert (
        "kit_items-TOTAL_FORMS"
        in editor_client.get("/admin/articles/article/add/").content.decode()
    )
    MediaKitItemFactory(article=news)
    assert "kit_items-TOTAL_FORMS" in editor_client.get(CHANGE.format(news.pk)).content.decode()


def test_the_press_room_list_holds_its_own_items_only(editor_client):
    MediaKitItemFactory(title="Logo on white")
    theirs = MediaKitItemFactory(article=release(), title="Release picture")

    listing = editor_client.get(ROOM_KIT).content.decode()

    assert "Logo on white" in listing
    assert "Release picture" not in listing
    assert editor_client.get(f"{ROOM_KIT}{theirs.pk}/change/").status_code == 302  # not found


def test_an_editor_adds_a_fact_sheet_to_the_press_room(editor_client, client):
    response = editor_client.post(
        f"{ROOM_KIT}add/",
        {
            "title": "Fact sheet 2026",
            "document": SimpleUploadedFile("facts.pdf", PDF),
            "alt_text": "",
            "caption": "",
            "credit": "",
            "usage_terms": "",
            "position": "0",
        },
    )

    assert response.status_code == 302, errors_on(response)
    item = MediaKitItem.objects.get()
    assert item.article is None
    assert item.document.name.endswith("/facts.pdf")
    assert "Fact sheet 2026" in client.get("/press/").content.decode()


def test_a_contributor_sees_the_kit_but_cannot_add_change_or_remove_it(
    contributor, contributor_client
):
    logo = MediaKitItemFactory(title="Logo")
    own = release(status=Article.Status.DRAFT, published_at=None, created_by=contributor)
    picture = MediaKitItemFactory(article=own, title="Their picture")

    assert contributor_client.get(ROOM_KIT).status_code == 200
    assert contributor_client.get(f"{ROOM_KIT}add/").status_code == 403
    assert (
        contributor_client.post(f"{ROOM_KIT}{logo.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    response = contributor_client.post(
        f"{ROOM_KIT}{logo.pk}/change/", {"title": "Forged", "position": "0"}
    )
    assert response.status_code == 403
    # On their own draft the kit is read-only; a forged new item and a forged change are ignored.
    page = contributor_client.get(CHANGE.format(own.pk))
    assert page.status_code == 200
    data = form_data(page)
    data |= kit_fields() | {"kit_items-INITIAL_FORMS": "1", "kit_items-TOTAL_FORMS": "2"}
    data |= {"kit_items-1-id": str(picture.pk), "kit_items-1-title": "Forged title"}
    data |= {"kit_items-1-DELETE": "on"}
    contributor_client.post(CHANGE.format(own.pk), data)
    assert list(MediaKitItem.objects.values_list("title", flat=True).order_by("pk")) == [
        "Logo",
        "Their picture",
    ]


# Hostile names.

HOSTILE_TITLES = {
    "path traversal": ("../../etc/passwd", "etcpasswd"),
    "windows path": ("..\\..\\boot.ini", "bootini"),
    "header injection": ("a\r\nSet-Cookie: x=1", "a-set-cookie-x1"),
    "quotes and parameters": ('photo"; filename="evil.exe', "photo-filenameevilexe"),
    "unicode": ("Ünïcödé 写真 — Lisboa", "ünïcödé-写真-lisboa"),
    "nothing left": ("../ .. /", None),
}


@pytest.mark.parametrize("case", HOSTILE_TITLES.keys())
def test_a_hostile_title_or_file_name_makes_plain_file_and_member_names(client, case):
    title, stem = HOSTILE_TITLES[case]
    piece = release()
    item = MediaKitItemFactory(
        article=piece,
        title=title,
        image=SimpleUploadedFile("../../etc/passwd\r\n.jpg", image_bytes("JPEG", (64, 48))),
    )
    stem = stem or f"item-{item.pk}"

    response = client.get(file_url(piece, item))
    kit = client.get("/news/lisbon-plant/media-kit.zip")

    assert item.image.name.startswith("kit/")
    assert not {"..", "\n", "\r"} & {*item.image.name.split("/"), *item.image.name}
    disposition = response["Content-Disposition"]
    assert not {"\r", "\n"} & set(disposition)
    assert "Set-Cookie" not in response
    assert not response.cookies
    if stem.isascii():
        assert disposition == f'attachment; filename="{stem}.jpg"'
    else:
        assert disposition.startswith("attachment; filename*=utf-8''")
        assert disposition.endswith(".jpg")
    with zipfile.ZipFile(io.BytesIO(body(kit))) as archive:
        names = archive.namelist()
    assert names == [f"01-{stem}.jpg", "credits.txt"]
    for name in names:
        assert not {"/", "\\"} & set(name)
        assert ".." not in name


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("facts.pdf", b"<html><script>alert(1)</script></html>", "This file is not a PDF"),
        ("facts.pdf", image_bytes("JPEG", (64, 48)), "This file is not a PDF"),
        ("facts.html", PDF, "Files ending “.html” are not accepted as documents."),
        ("facts", PDF, "Files ending “without an extension” are not accepted"),
        ("facts.pdf", PDF[:30], "This PDF is damaged or incomplete."),
    ],
    ids=["html named .pdf", "jpeg named .pdf", "pdf named .html", "no extension", "truncated"],
)
def test_a_document_that_is_not_a_whole_pdf_is_refused(
    editor_client, media_root, name, content, message
):
    response = editor_client.post(
        f"{ROOM_KIT}add/",
        {"title": "Facts", "document": SimpleUploadedFile(name, content), "position": "0"},
    )

    assert response.status_code == 200
    assert message in str(response.context["adminform"].form.errors)
    assert not MediaKitItem.objects.exists()
    assert not media_root.exists() or not any(path.is_file() for path in media_root.rglob("*"))


def test_a_document_over_the_size_limit_is_refused(editor_client, monkeypatch):
    from articles.models import media_kit

    monkeypatch.setattr(media_kit, "MAX_DOCUMENT_BYTES", len(PDF) - 1)

    response = editor_client.post(
        f"{ROOM_KIT}add/",
        {"title": "Facts", "document": SimpleUploadedFile("f.pdf", PDF), "position": "0"},
    )

    assert "documents may be at most" in str(response.context["adminform"].form.errors)


def test_a_kit_picture_passes_the_same_checks_as_every_image(editor_client):
    from tests.newsroom.photos.test_hostile_uploads import REFUSED

    for case, (upload, message) in REFUSED.items():
        upload.seek(0)
        response = editor_client.post(
            f"{ROOM_KIT}add/",
            {"title": "Logo", "image": upload, "alt_text": "Our logo", "position": "0"},
        )
        assert response.status_code == 200, case
        assert message in str(response.context["adminform"].form.errors), case
    assert not MediaKitItem.objects.exists()
