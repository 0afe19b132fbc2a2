"""The article change form as an editor sends it, and the errors it answers with."""

from articles.models import Author

ADD_URL = "/admin/articles/article/"


def article_form(author: Author | None = None, **overrides) -> dict:
    """The POST data of the article change form, as a browser would send it."""
    data = {
        "kind": "op-ed",
        "headline": "What a TV show teaches us about work",
        "slug": "what-a-tv-show-teaches-us-about-work",
        "dek": "Lessons from season one.",
        "introduction": "<p>Our co-CEO wrote about a show.</p>",
        "body": "<p>The text of the op-ed.</p>",
        "featured_image_alt": "",
        "featured_image_caption": "",
        "featured_image_credit": "",
        "tags": "Culture, Television",
        "origin_url": "https://www.linkedin.com/pulse/what-tv-show-teaches-us-work/",
        "origin_platform": "",
        "origin_author": "",
        "origin_published_on": "",
        "indexing": "origin",
        "seo_title": "",
        "seo_description": "",
        "bylines-TOTAL_FORMS": "1" if author else "0",
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "0",
        "bylines-MAX_NUM_FORMS": "1000",
        "warnings-TOTAL_FORMS": "1",
        "warnings-INITIAL_FORMS": "0",
        "warnings-MIN_NUM_FORMS": "0",
        "warnings-MAX_NUM_FORMS": "1000",
        "warnings-0-kind": "spoilers",
        "warnings-0-text": "contains spoilers for season one",
        "warnings-0-subject": "Low Tide at Marrow Bay",
        "warnings-0-position": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "corrections-MIN_NUM_FORMS": "0",
        "corrections-MAX_NUM_FORMS": "1000",
        # The media kit's inline, on the add form and on press releases.
        "kit_items-TOTAL_FORMS": "0",
        "kit_items-INITIAL_FORMS": "0",
        "kit_items-MIN_NUM_FORMS": "0",
        "kit_items-MAX_NUM_FORMS": "1000",
    }
    if author:
        data |= {
            "bylines-0-position": "0",
            "bylines-0-author": str(author.pk),
            "bylines-0-role": "",
            "bylines-0-organisation": "",
        }
    data.update(overrides)
    return data


def errors_of(response) -> str:
    """Every error message on a re-displayed admin form, as one string."""
    assert response.status_code == 200, "expected the form again, with errors"
    form_errors = response.context["adminform"].form.errors.as_text()
    inline_errors = " ".join(
        str(formset.non_form_errors()) for formset in response.context["inline_admin_formsets"]
    )
    return form_errors + inline_errors
