"""The site settings' default image for link previews: uploaded by editors, checked like every
image, and cut to a 1200-by-630 card."""

import pytest

from newsroom.models import SiteSettings
from tests.admin_forms import errors_on, form_data
from tests.newsroom.photos.test_hostile_uploads import REFUSED, stored_files

pytestmark = pytest.mark.django_db

URL = "/admin/newsroom/sitesettings/1/change/"


@pytest.fixture
def site():
    return SiteSettings.objects.get_or_create(pk=1)[0]


def test_an_editor_uploads_the_default_image_and_it_gets_its_card(editor_client, site, make_upload):
    data = form_data(
        editor_client.get(URL),
        default_image=make_upload("office.png", image_format="PNG", size=(1600, 1000)),
        default_image_alt="The newsroom's office by the river",
    )

    response = editor_client.post(URL, data)

    assert response.status_code == 302
    site = SiteSettings.load()
    assert site.default_image.name.startswith("site/office")
    assert (site.default_image_width, site.default_image_height) == (1600, 1000)
    card = site.default_images.social
    assert (card.width, card.height, card.format) == (1200, 630, "jpeg")
    assert site.default_image_alt == "The newsroom's office by the river"


@pytest.mark.parametrize("case", REFUSED.keys())
def test_a_default_image_passes_the_checks_every_upload_does(editor_client, site, media_root, case):
    file, message = REFUSED[case]
    file.seek(0)
    data = form_data(editor_client.get(URL), default_image=file, default_image_alt="Alt")

    response = editor_client.post(URL, data)

    assert message in errors_on(response)
    assert not SiteSettings.load().default_image
    assert stored_files(media_root) == []


def test_a_default_image_needs_alt_text(editor_client, site, make_upload):
    data = form_data(editor_client.get(URL), default_image=make_upload(), default_image_alt=" ")

    response = editor_client.post(URL, data)

    assert "Describe the image for readers who cannot see it." in errors_on(response)
    assert not SiteSettings.load().default_image


def test_a_contributor_cannot_set_the_default_image(
    contributor_client, editor_client, site, make_upload
):
    data = form_data(
        editor_client.get(URL), default_image=make_upload(), default_image_alt="Our office"
    )

    assert contributor_client.get(URL).status_code == 403
    assert contributor_client.post(URL, data).status_code == 403
    assert not SiteSettings.load().default_image
