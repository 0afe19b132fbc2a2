"""The paste form and how an original is known: a LinkedIn post by its activity id whatever
the form of its address, and a first-published date no later than tomorrow."""

from datetime import date, timedelta
from html import unescape

import pytest

from articles.models import Article
from tests.articles.crosspost.paste_page import PAGE, paste_form
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PIECE = (
    "What a TV show teaches us about work\n\n"
    "The first season ends with the team rebuilding the office.\n\n"
    "It is a show about maintenance, really, and about who notices it."
)
ACTIVITY = "7150123456789012345"


def test_a_linkedin_post_without_words_in_its_address_is_known_by_its_activity_id(admin_client):
    """It is refused as a duplicate, as /posts/<who>_<words>-activity-<id>-… is."""
    ArticleFactory(
        headline="Already here",
        origin_url=f"https://www.linkedin.com/feed/update/urn:li:activity:{ACTIVITY}/",
    )
    url = f"https://www.linkedin.com/posts/danawhitfield_activity-{ACTIVITY}-AbCd"

    response = admin_client.post(
        PAGE, paste_form(origin_url=url, new_author_name="Dana Whitfield", pasted=PIECE)
    )

    assert response.status_code == 200
    assert response.templates[0].name.endswith("add_cross_post.html"), "went on to the check"
    assert "This original is already re-published" in unescape(
        response.context["form"].errors.as_text()
    )
    assert Article.objects.count() == 1


def test_a_first_published_date_in_the_future_is_refused(admin_client):
    """A date after today is refused on the field, with everything typed kept (a day of leeway for
    time zones is fine)."""
    later = date.today() + timedelta(days=400)

    response = admin_client.post(
        PAGE,
        paste_form(
            new_author_name="Dana Whitfield",
            origin_published_on=later.isoformat(),
            pasted=PIECE,
        ),
    )

    assert response.status_code == 200
    assert response.templates[0].name.endswith("add_cross_post.html"), "went on to the check"
    assert "origin_published_on" in response.context["form"].errors
    assert not Article.objects.exists()
