"""Images too small for their use are refused on upload, with the size they need and the size
they are; the rest of the form is kept and nothing is saved. Renditions are never larger than
the original: squares at most its short side, the social card the largest crop of its shape,
and srcset lists only the widths made, at their true widths."""

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from articles.models import Author
from tests.admin_forms import errors_on, form_data
from tests.factories import ArticleFactory, AuthorFactory
from tests.newsroom.photos.uploads import upload, with_image

pytestmark = pytest.mark.django_db

AUTHOR_ADD = "/admin/articles/author/add/"
ARTICLES = "/admin/articles/article/"


def change_url(article) -> str:
    return f"{ARTICLES}{article.pk}/change/"


def author_form(headshot) -> dict:
    return {"name": "Dana Whitfield", "slug": "dana-whitfield", "headshot": headshot}


def test_a_tiny_headshot_is_refused_naming_both_sizes(editor_client):
    response = editor_client.post(AUTHOR_ADD, author_form(upload("PNG", (1, 1), name="tiny.png")))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["headshot"]
    assert errors == [
        "This image is 1 × 1 pixels; a headshot needs at least 96 × 96 pixels. "
        "Upload a larger picture."
    ]
    assert response.context["adminform"].form["name"].value() == "Dana Whitfield"
    assert not Author.objects.exists()
    assert not default_storage.exists("authors/tiny.png")


def test_a_headshot_narrower_than_the_smallest_square_is_refused(editor_client):
    response = editor_client.post(AUTHOR_ADD, author_form(upload(size=(95, 400))))

    assert "95 × 400 pixels" in str(response.context["adminform"].form.errors["headshot"])
    assert not Author.objects.exists()


def test_a_headshot_just_large_enough_is_accepted_and_never_enlarged(editor_client):
    response = editor_client.post(AUTHOR_ADD, author_form(upload(size=(96, 120))))

    assert response.status_code == 302
    author = Author.objects.get()
    squares = [f for f in author.headshot_renditions["files"] if f["role"] == "square"]
    assert {(f["width"], f["height"]) for f in squares} == {(96, 96)}
    images = author.headshot_images
    assert images.square_srcset().endswith(" 96w")
    assert images.square_src(192) == images.square(96).url


def test_a_headshot_between_squares_gets_one_of_its_own_short_side():
    author = AuthorFactory(headshot=upload(size=(300, 250)))

    images = author.headshot_images
    assert [w.split()[-1] for w in images.square_srcset().split(", ")] == [
        "96w",
        "192w",
        "250w",
    ]
    assert images.square(400).width == 250
    for item in author.headshot_renditions["files"]:
        with default_storage.open(item["name"]) as file, Image.open(file) as stored:
            assert stored.size == (item["width"], item["height"])
            assert stored.width <= 300
            assert stored.height <= 250


def test_a_headshot_stored_before_the_minimum_still_saves_and_shows(editor_client):
    author = AuthorFactory(headshot=upload("PNG", (1, 1), name="old.png"))

    data = form_data(editor_client.get(f"/admin/articles/author/{author.pk}/change/"))
    response = editor_client.post(
        f"/admin/articles/author/{author.pk}/change/", data | {"role": "Co-CEO"}
    )

    assert response.status_code == 302
    author.refresh_from_db()
    assert author.role == "Co-CEO"
    assert author.headshot.name.endswith(".png")


def test_a_tiny_featured_image_is_refused_for_an_editor(editor_client):
    article = ArticleFactory(status="draft", published_at=None)
    data = form_data(editor_client.get(change_url(article)), headline="Kept headline")

    response = editor_client.post(
        change_url(article),
        data | {"featured_image": upload(size=(400, 300)), "featured_image_alt": "A harbour"},
    )

    assert (
        "This image is 400 × 300 pixels; a featured image needs to be at least 480 pixels wide."
        in errors_on(response)
    )
    assert response.context["adminform"].form["headline"].value() == "Kept headline"
    article.refresh_from_db()
    assert not article.featured_image
    assert article.headline != "Kept headline"


def test_a_tiny_featured_image_is_refused_for_a_contributor_on_their_draft(
    contributor_client, contributor
):
    draft = ArticleFactory(status="draft", published_at=None, created_by=contributor)
    data = form_data(contributor_client.get(change_url(draft)))

    response = contributor_client.post(
        change_url(draft),
        data | {"featured_image": upload("PNG", (1, 1)), "featured_image_alt": "A dot"},
    )

    assert "1 × 1 pixels" in errors_on(response)
    draft.refresh_from_db()
    assert not draft.featured_image


def test_a_contributors_forged_upload_to_someone_elses_piece_is_still_refused(
    contributor_client, contributor
):
    mine = ArticleFactory(status="draft", published_at=None, created_by=contributor)
    theirs = ArticleFactory(status="draft", published_at=None)
    data = form_data(contributor_client.get(change_url(mine)))

    response = contributor_client.post(
        change_url(theirs),
        data | {"featured_image": upload(size=(1600, 900)), "featured_image_alt": "Forged"},
    )

    assert response.status_code in (302, 403, 404)
    theirs.refresh_from_db()
    assert not theirs.featured_image


def test_a_featured_image_just_wide_enough_is_accepted(editor_client):
    article = ArticleFactory(status="draft", published_at=None)
    data = form_data(editor_client.get(change_url(article)))

    response = editor_client.post(
        change_url(article),
        data | {"featured_image": upload(size=(480, 200)), "featured_image_alt": "A harbour"},
    )

    assert response.status_code == 302
    article.refresh_from_db()
    srcset = article.image.srcset
    assert srcset.endswith(" 480w")
    assert "," not in srcset


def test_the_social_card_of_a_small_image_is_the_largest_crop_of_its_shape():
    article = with_image(featured_image=upload(size=(600, 400)))

    social = article.image.social
    assert (social.width, social.height) == (600, 315)
    with default_storage.open(social.name) as file, Image.open(file) as stored:
        assert stored.size == (600, 315)


def test_the_link_preview_gives_the_social_cards_true_size(client):
    article = with_image(featured_image=upload(size=(600, 400)), status="published")

    html = client.get(article.get_absolute_url()).content.decode()

    assert '<meta property="og:image:width" content="600">' in html
    assert '<meta property="og:image:height" content="315">' in html


def test_no_rendition_is_larger_than_its_source():
    article = with_image(featured_image=upload(size=(500, 300)))

    for item in article.featured_image_renditions["files"]:
        with default_storage.open(item["name"]) as file, Image.open(file) as stored:
            assert stored.size == (item["width"], item["height"])
            assert stored.width <= 500
            assert stored.height <= 300
