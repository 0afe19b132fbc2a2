"""Emoji that a page draws as pictures (X, Facebook, WordPress), their character in the
picture's alt text: a copy keeps the character, as the plain copy does, and the report does not
count it as a picture to add back."""

from articles.crosspost.cleaning import clean_paste

# A tweet's text as Chromium copies it: X draws each emoji as an <img> of its own.
TWEET = (
    '<div dir="auto" lang="en" data-testid="tweetText" style="white-space: pre-wrap;">'
    '<span class="css-1jxf684">We opened the Tilburg plant today </span>'
    '<img alt="🚀" draggable="false" src="https://abs-0.twimg.com/emoji/v2/svg/1f680.svg" '
    'title="Rocket" class="r-4qtqp9 r-dflpy8 r-k4bwe5 r-1kpi4qh r-pp5qcn r-h9hxbl">'
    '<span class="css-1jxf684">\n\nThree years, four hundred people. Thank you </span>'
    '<img alt="🙏🏽" draggable="false" '
    'src="https://abs-0.twimg.com/emoji/v2/svg/1f64f-1f3fd.svg" title="Folded hands: medium '
    'skin tone" class="r-4qtqp9 r-dflpy8"><span class="css-1jxf684"> and to our families '
    '</span><img alt="👨‍👩‍👧" draggable="false" '
    'src="https://abs-0.twimg.com/emoji/v2/svg/1f468-200d-1f469-200d-1f467.svg" '
    'class="r-4qtqp9"></div>'
)


def test_a_tweets_emoji_drawn_as_pictures_keep_their_characters():
    piece = clean_paste(html=TWEET, base_url="https://x.com/dana/status/1870000000000000001")

    assert piece.headline == "We opened the Tilburg plant today 🚀"
    assert (
        piece.body
        == "<p>Three years, four hundred people. Thank you 🙏🏽 and to our families 👨‍👩‍👧</p>"
    )
    assert not any("image" in note for note in piece.notes)


def test_facebook_and_wordpress_emoji_keep_their_characters():
    facebook = (
        '<div dir="auto" style="text-align: start;">Proud of this team <span class="x3nfvp2">'
        '<img height="16" width="16" alt="❤️" referrerpolicy="origin-when-cross-origin" '
        'src="https://static.xx.fbcdn.net/images/emoji.php/v9/t6c/1/16/2764.png"></span>'
        " and of what comes next.</div>"
    )
    wordpress = (
        '<p>Keycaps: <img draggable="false" role="img" class="emoji" alt="1️⃣" '
        'src="https://s.w.org/images/core/emoji/15.0.3/svg/31-20e3.svg"> first, and a flag '
        '<img draggable="false" role="img" class="emoji" alt="🇳🇱" '
        'src="https://s.w.org/images/core/emoji/15.0.3/svg/1f1f3-1f1f1.svg">.</p>'
    )

    piece = clean_paste(html=f"<h1>Headline</h1>{facebook}{wordpress}")

    assert piece.body == (
        "<p>Proud of this team ❤️ and of what comes next.</p><p>Keycaps: 1️⃣ first, and a flag 🇳🇱.</p>"
    )


def test_pictures_that_are_not_emoji_are_still_left_out_and_counted():
    piece = clean_paste(
        html='<h1>Headline</h1><p>Before <img alt="Our new plant in Tilburg" src="plant.jpg">'
        '<img alt="like" src="https://static.licdn.com/aero-v1/sc/h/8ekq8gho1ruaf8i7f86vd1ftt">'
        '<img alt="" src="spacer.gif"><img alt="→" src="arrow.png">'
        '<img alt="▶" src="play.png">after.</p>'
    )

    assert piece.body == "<p>Before after.</p>"
    assert "Removed 5 images: add pictures in the editor." in piece.notes


def test_a_hidden_emoji_picture_stays_hidden():
    piece = clean_paste(
        html='<h1>Headline</h1><p>Shown <img alt="🚀" src="rocket.svg" style="display: none">'
        "text.</p>"
    )

    assert piece.body == "<p>Shown text.</p>"
