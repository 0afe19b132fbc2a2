"""A formatted copy whose post is one paragraph of lines parted by <br>: the platform's lines
among them (the author's card, the reaction bar) are taken out line by line, as in a plain
copy, and the author's lines stay one paragraph."""

from datetime import date

from articles.crosspost.cleaning import clean_paste

POST = (
    "We opened the new plant in Tilburg today.<br>It took three years and four hundred people."
    "<br>Thank you to every one of them."
)


def test_a_reaction_bar_on_the_last_lines_of_a_one_paragraph_post_is_taken_out():
    piece = clean_paste(
        html=f"<p>Three years in Tilburg</p><p>{POST}<br>128<br>Like<br>Comment<br>Repost"
        "<br>Send</p>"
    )

    assert piece.body == f"<p>{POST}</p>"
    assert [line.text for line in piece.removed if line.why == "reactions"] == [
        "128",
        "Like",
        "Comment",
        "Repost",
        "Send",
    ]


def test_the_authors_card_on_the_first_lines_of_a_paragraph_is_taken_out():
    piece = clean_paste(
        html="<p>Dana Reyes<br>Chief Executive at Northwind<br>Published Mar 3, 2025</p>"
        f"<p>Three years in Tilburg</p><p>{POST}</p>",
        author_names=["Dana Reyes"],
    )

    assert piece.headline == "Three years in Tilburg"
    assert piece.published_on == date(2025, 3, 3)
    assert piece.body == f"<p>{POST}</p>"
    assert [line.text for line in piece.removed if line.why == "header"] == [
        "Dana Reyes",
        "Chief Executive at Northwind",
        "Published Mar 3, 2025",
    ]


def test_a_line_taken_out_between_two_of_the_authors_parts_them():
    piece = clean_paste(
        html=f"<p>Three years in Tilburg</p><p>{POST}<br>Like Comment Repost Send<br>"
        "See you at the opening.</p>"
    )

    assert piece.body == f"<p>{POST}</p><p>See you at the opening.</p>"


def test_lines_marked_up_across_a_break_stay_as_they_are():
    paragraph = "<strong>Like<br>a river</strong><br>we went on."

    piece = clean_paste(html=f"<p>Three years in Tilburg</p><p>{paragraph}</p><p>{POST}</p>")

    assert piece.body == f"<p>{paragraph}</p><p>{POST}</p>"


def test_a_one_paragraph_post_loses_the_lines_its_plain_copy_loses():
    lines = ["Dana Reyes", "Chief Executive at Northwind", "2d • Edited •", "Follow"]
    lines += ["Three years in Tilburg", *POST.split("<br>"), "56 comments", "Like", "Send"]

    formatted = clean_paste(html=f"<p>{'<br>'.join(lines)}</p>", author_names=["Dana Reyes"])
    plain = clean_paste(text="\n".join(lines), author_names=["Dana Reyes"])

    assert sorted((line.why, line.text) for line in formatted.removed) == sorted(
        (line.why, line.text) for line in plain.removed
    )
    assert formatted.headline == plain.headline == "Three years in Tilburg"
    assert formatted.body == f"<p>{POST}</p>"
