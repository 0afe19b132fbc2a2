"""An amount on a line of its own ("$4.2M", "£300k") is the author's stat callout: a platform
never prints a currency sign before its counts, which still go ("4.2K", "1,234 followers")."""

import sys
import unicodedata

import pytest

from articles.crosspost.cleaning import clean_paste, is_chrome

POST_TEXT = """Dana Whitfield
 • 1st
Co-CEO at Northwind Labs
2d • Edited •

Our first year in three numbers.

$4.2M

raised from the customers who use us every day.

€12 billion

is the market we sell into, and we have barely started.

£300k

went to the apprenticeships that trained half of our engineers.

#growth #hiring

4.2K
Marcus Ellis and 4,217 others
128 comments · 37 reposts
Like
Comment
Repost
Send

Dana Whitfield
Co-CEO at Northwind Labs
1,234 followers
"""

POST_HTML = (
    '<div class="update-components-actor__meta"><span class="update-components-actor__title">'
    '<span dir="ltr">Dana Whitfield</span><span> • 1st</span></span>'
    '<span class="update-components-actor__description">Co-CEO at Northwind Labs</span>'
    '<span class="update-components-actor__sub-description">2d • Edited • </span></div>'
    '<div class="feed-shared-update-v2__description-wrapper"><span class="break-words" dir="ltr">'
    "Our first year in three numbers.<br><br>"
    "<strong>$4.2M</strong><br><br>raised from the customers who use us every day.<br><br>"
    "<strong>€12 billion</strong><br><br>is the market we sell into, and we have barely "
    "started.<br><br><strong>£300k</strong><br><br>went to the apprenticeships that trained "
    "half of our engineers.</span></div>"
    '<div class="social-details-social-counts">'
    '<span class="social-details-social-counts__reactions-count">👍❤️💡 4.2K</span>'
    "<span>128 comments</span><span> · </span><span>37 reposts</span></div>"
    '<div class="feed-shared-social-action-bar"><span>Like</span><span>Comment</span>'
    "<span>Repost</span><span>Send</span></div>"
)

BODY = (
    "<p>{0}$4.2M{1}</p><p>raised from the customers who use us every day.</p>"
    "<p>{0}€12 billion{1}</p><p>is the market we sell into, and we have barely started.</p>"
    "<p>{0}£300k{1}</p><p>went to the apprenticeships that trained half of our engineers.</p>"
)


def test_a_linkedin_post_copied_as_text_keeps_its_amounts_and_loses_its_counts():
    piece = clean_paste(text=POST_TEXT, author_names=["Dana Whitfield"])

    assert piece.headline == "Our first year in three numbers."
    assert piece.body == BODY.format("", "")
    removed = [line.text for line in piece.removed]
    for count in ["4.2K", "Marcus Ellis and 4,217 others", "128 comments · 37 reposts"]:
        assert count in removed
    assert "1,234 followers" not in piece.body


def test_a_linkedin_post_copied_as_html_keeps_its_amounts_and_loses_its_counts():
    piece = clean_paste(html=POST_HTML, author_names=["Dana Whitfield"])

    assert piece.headline == "Our first year in three numbers."
    assert piece.body == BODY.format("<strong>", "</strong>")
    for count in ["4.2K", "128 comments", "37 reposts", "Repost"]:
        assert count not in piece.body


@pytest.mark.parametrize(
    "line", ["$4.2M", "€12 billion", "£300k", "¥500", "₹2.5 crore", "$ 4.2M", "US$4.2M", "＄90"]
)
def test_an_amount_is_no_platform_count(line):
    assert not is_chrome(line)


@pytest.mark.parametrize(
    "line", ["4.2K", "1,234", "👍❤️ 1,234", "like1,234", "1,234 followers", "128 reactions"]
)
def test_a_count_is_still_the_platform_s(line):
    assert is_chrome(line)


def test_no_currency_sign_is_taken_for_a_reaction_icon():
    signs = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Sc"]

    assert [sign for sign in signs if is_chrome(f"{sign}500")] == []
