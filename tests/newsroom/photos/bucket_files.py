"""Pictures uploaded to the bucket, and what the bucket and the pages then hold: the names of
the files, the addresses pages give, and the images fetched back from the bucket."""

import io

from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article, Author
from tests.admin_forms import form_data

PILLOW_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def photo(
    name: str = "harbour.jpg",
    size=(1600, 900),
    image_format: str = "JPEG",
    content_type: str = "application/octet-stream",
):
    """A real picture made by Pillow (a gradient, so resizing has detail to work on)."""
    picture = Image.linear_gradient("L").resize(size).convert("RGB")
    buffer = io.BytesIO()
    picture.save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def upload_in_admin(client, obj, **changes) -> None:
    """Save `obj`'s admin change form with `changes`, as an editor's browser would."""
    opts = obj._meta
    url = f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/change/"
    response = client.post(url, form_data(client.get(url), **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()


def stored_names(record: dict) -> set[str]:
    return {record["source"]} | {item["name"] for item in record["files"]}


def recorded_names(article: Article, author: Author) -> set[str]:
    """Every file the rows name: both originals and their renditions."""
    article.refresh_from_db()
    author.refresh_from_db()
    return stored_names(article.featured_image_renditions) | stored_names(
        author.headshot_renditions
    )


def picture_urls(html: str, selector: str) -> list[tuple[str, int | None]]:
    """(URL, width descriptor or None) of every image a `<picture>` offers: `<source>` srcsets,
    then the `<img>` srcset and src."""
    picture = BeautifulSoup(html, "html.parser").select_one(selector)
    assert picture is not None, f"no {selector} on the page"
    urls = []
    for element in picture.select("source, img"):
        for candidate in element.get("srcset", "").split(","):
            if candidate.strip():
                url, descriptor = candidate.split()
                urls.append((url, int(descriptor.removesuffix("w"))))
        if element.name == "img":
            urls.append((element["src"], None))
    return urls


def fetched_image(bucket, url: str) -> Image.Image:
    """The image at `url`, fetched over HTTP from the bucket and decoded in full by Pillow."""
    content_type, body = bucket.fetch(url)
    image = Image.open(io.BytesIO(body))
    image.load()
    assert content_type == PILLOW_TYPES[image.format], url
    return image


def pictures(keys: set[str]) -> set[str]:
    """`keys` without title cards: the change form previews the saved piece as it is shared, and
    a piece without a picture of its own is shared with one."""
    return {key for key in keys if not key.startswith("renditions/cards/")}


def meta(html: str, prop: str) -> str:
    return BeautifulSoup(html, "html.parser").find("meta", property=prop)["content"]
