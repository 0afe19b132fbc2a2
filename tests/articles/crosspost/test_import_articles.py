"""`manage.py import_articles`: HTML, JSON Lines and plain-text exports, good files and bad."""

import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.models import Article, Author, ContentWarning
from articles.workflow import checklist, publishing
from tests.articles.crosspost.pastes import pasted
from tests.articles.pages import page_text, text_positions
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

EXPORT_LINES = [
    "Jan 17, 2025",
    "Op-ed: What a TV show teaches us about work",
    "(Warning: contains spoilers for season one)",
    "Our co-CEO wrote about a show the whole office is watching.",
    "Read the full piece below.",
    "The first season ends with the team rebuilding the office.",
    "It is a show about maintenance, really, and about who notices it.",
    "This piece was originally published on Dana Whitfield's LinkedIn.",
    "Back to News",
]


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_articles", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(*args: str) -> tuple[str, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_articles", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue(), str(error.value)


@pytest.fixture
def export(tmp_path):
    """Write a plain-text export of a news page; lines separated by blank lines or not."""

    def write(lines=EXPORT_LINES, name="op-ed.txt", blank_lines=False):
        path = tmp_path / name
        path.write_text(("\n\n" if blank_lines else "\n").join(lines) + "\n", encoding="utf-8")
        return path

    return write


@pytest.mark.parametrize("blank_lines", [False, True])
def test_a_text_export_round_trips_to_a_page_with_the_same_elements_in_order(
    client, export, blank_lines
):
    path = export(blank_lines=blank_lines)

    out, err = run(str(path))
    # An editor writes the summary the export does not carry, and publishes.
    article = Article.objects.get()
    article.dek = "What a harbour drama teaches a company about maintenance."
    article.save()
    publishing.publish(article)

    assert err == ""
    assert f"{path}: op-ed “What a TV show teaches us about work” saved as a draft" in out
    assert article.is_published
    assert timezone.localdate(article.published_at) == date(2025, 1, 17)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    positions = text_positions(page_text(response), *EXPORT_LINES)
    assert positions == sorted(positions)


def test_a_text_export_fills_date_kind_headline_warning_introduction_body_author_platform(
    export,
):
    run(str(export()))

    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert timezone.localdate(article.published_at) == date(2025, 1, 17)
    assert (article.kind, article.headline) == ("op-ed", "What a TV show teaches us about work")
    assert article.introduction == (
        "<p>Our co-CEO wrote about a show the whole office is watching.</p>"
    )
    assert article.body == (
        "<p>The first season ends with the team rebuilding the office.</p>"
        "<p>It is a show about maintenance, really, and about who notices it.</p>"
    )
    [warning] = article.warnings.all()
    assert (warning.kind, warning.text) == ("spoilers", "contains spoilers for season one")
    assert article.lead_author.name == "Dana Whitfield"
    assert (article.origin_platform, article.origin_author) == ("LinkedIn", "Dana Whitfield")
    assert article.indexing == Article.Indexing.SELF  # nothing to point search engines to


def test_an_existing_author_is_reused_and_a_new_one_created_once(export):
    dana = AuthorFactory(name="Dana Whitfield")
    other = [*EXPORT_LINES]
    other[1] = "News: A second piece"
    other[-2] = "This piece was originally published on Marcus Ellis' Medium."

    run(str(export()), str(export(other, name="second.txt")))

    assert Article.objects.get(slug="what-a-tv-show-teaches-us-about-work").lead_author == dana
    second = Article.objects.get(slug="a-second-piece")
    assert (second.kind, second.lead_author.name) == ("news", "Marcus Ellis")
    assert Author.objects.count() == 2


def test_a_dry_run_reports_and_saves_nothing(export):
    out, err = run(str(export()), "--dry-run")

    assert "would be saved as a draft" in out
    assert "Dry run: nothing was saved." in out
    assert err == ""
    assert not Article.objects.exists()
    assert not Author.objects.exists()


def test_json_lines_import_every_documented_field(tmp_path):
    record = {
        "headline": "Plan in seasons, not years",
        "kind": "Op-ed",
        "slug": "plan-in-seasons",
        "dek": "Why our roadmap has four chapters.",
        "introduction_text": "Marcus on planning.\n\nA second paragraph.",
        "body": '<p>Text with <span class="spoiler">a spoiler</span>.</p><script>x</script>',
        "authors": [
            {
                "name": "Marcus Ellis",
                "role": "Co-CEO",
                "organisation": "Northwind Labs",
                "linkedin_url": "https://www.linkedin.com/in/marcus-ellis/",
            },
            "Dana Whitfield",
        ],
        "warnings": ["contains spoilers for season two", {"text": "grief", "kind": "grief"}],
        "origin_url": "https://medium.com/@marcus/plan-5c1e0a7d2b94?source=rss",
        "origin_author": "Marcus Ellis",
        "origin_published_on": "2025-01-14",
        "indexing": "noindex",
        "published_at": "2025-01-17T09:30:00+00:00",
        "tags": ["Planning", "Leadership"],
    }
    path = tmp_path / "pieces.jsonl"
    path.write_text(json.dumps(record) + "\n")

    run(str(path))

    article = Article.objects.get()
    assert (article.slug, article.kind, article.dek) == (
        "plan-in-seasons",
        "op-ed",
        "Why our roadmap has four chapters.",
    )
    assert article.introduction == "<p>Marcus on planning.</p><p>A second paragraph.</p>"
    assert article.body == '<p>Text with <span class="spoiler">a spoiler</span>.</p>'
    assert [b.author.name for b in article.ordered_bylines] == ["Marcus Ellis", "Dana Whitfield"]
    assert article.ordered_bylines[0].role == "Co-CEO"
    assert list(article.warnings.values_list("kind", "text")) == [
        ("spoilers", "contains spoilers for season two"),
        (ContentWarning.Kind.GRIEF, "grief"),
    ]
    assert article.origin_url == "https://medium.com/@marcus/plan-5c1e0a7d2b94"
    assert (article.origin_platform, article.origin_published_on) == ("Medium", date(2025, 1, 14))
    assert article.indexing == "noindex"
    assert article.published_at.isoformat() == "2025-01-17T09:30:00+00:00"
    assert sorted(article.tags.names()) == ["Leadership", "Planning"]


def test_an_html_body_keeps_its_blocks_and_headings_apart(tmp_path):
    record = {
        "headline": "What a TV show teaches us about work",
        "author": "Dana Whitfield",
        "body": "<h1>Three lessons</h1><div>They say the bad news early.</div>"
        "<div>They write things down.</div><h5>And one more</h5><div>They fix small things.</div>",
    }
    path = tmp_path / "pieces.jsonl"
    path.write_text(json.dumps(record) + "\n")

    run(str(path))

    assert Article.objects.get().body == (
        "<h2>Three lessons</h2><p>They say the bad news early.</p><p>They write things down.</p>"
        "<h4>And one more</h4><p>They fix small things.</p>"
    )


def test_a_saved_html_page_is_imported_like_a_paste(tmp_path):
    page = (
        "<!doctype html><html><head><title>Ignored title</title>"
        '<link rel="canonical" href="https://www.linkedin.com/pulse/what-tv-show-dana/?trk=x">'
        '<meta name="author" content="Dana Whitfield">'
        '<meta property="article:published_time" content="2025-01-14T08:00:00+00:00">'
        f"</head><body><nav>Home Jobs</nav><article>{pasted('linkedin_article.html')}</article>"
        "</body></html>"
    )
    path = tmp_path / "saved.html"
    path.write_text(page, encoding="utf-8")

    run(str(path))

    article = Article.objects.get()
    assert article.headline == "What a TV show teaches us about work"
    assert article.origin_url == "https://www.linkedin.com/pulse/what-tv-show-dana/"
    assert article.origin_published_on == date(2025, 1, 14)
    assert article.lead_author.name == "Dana Whitfield"
    assert article.warnings.get().kind == "spoilers"
    assert article.body.startswith("<p>Over the holidays")
    assert "#leadership" not in article.body


def test_author_and_kind_options_fill_what_files_leave_out(tmp_path):
    path = tmp_path / "pieces.jsonl"
    path.write_text('{"headline": "A note", "body_text": "Plain text."}\n')

    run(str(path), "--author", "Ruth Calloway", "--kind", "news")

    article = Article.objects.get()
    assert (article.kind, article.lead_author.name) == ("news", "Ruth Calloway")
    assert article.body == "<p>Plain text.</p>"


def test_bad_files_get_clear_errors_and_the_good_ones_still_import(export, tmp_path):
    good = export()
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "latin1.txt").write_bytes("Jan 1, 2025\nNews: Café\ntext é".encode("latin-1"))
    bad_date = export(["Someday", "Op-ed: A headline", "Text."], name="bad-date.txt")
    no_author = export(["Jan 1, 2025", "News: Nobody wrote this", "Text."], name="no-author.txt")
    jsonl = tmp_path / "mixed.jsonl"
    jsonl.write_text(
        "\n".join(
            [
                '{"headline": "Good line", "body": "<p>Fine.</p>", "author": "Ana Ribeiro"}',
                '{"headline": "Bad JSON", ',
                '{"headline": "No body", "author": "Ana Ribeiro"}',
                '{"headline": "Typo", "body": "<p>x</p>", "author": "A", "headlne": "x"}',
                '{"headline": "Bad kind", "body": "<p>x</p>", "author": "A", "kind": "gossip"}',
                '{"headline": "Bad URL", "body": "<p>x</p>", "author": "A", '
                '"origin_url": "javascript:alert(1)"}',
            ]
        )
    )

    out, err, summary = run_failing(
        str(good),
        str(tmp_path / "notes.docx"),
        str(tmp_path / "latin1.txt"),
        str(bad_date),
        str(no_author),
        str(jsonl),
        str(tmp_path / "missing.txt"),
    )

    assert sorted(Article.objects.values_list("headline", flat=True)) == [
        "Good line",
        "What a TV show teaches us about work",
    ]
    assert "notes.docx: error: not a file the importer reads" in err
    assert "latin1.txt: error: not UTF-8 text" in err
    assert "bad-date.txt: error: line 1 should be the date, e.g. “Jan 17, 2025”" in err
    assert "no-author.txt: error: names no author" in err
    assert "mixed.jsonl:2: error: not valid JSON" in err
    assert "mixed.jsonl:3: error: “body” (HTML) or “body_text” (plain text) is missing." in err
    assert "mixed.jsonl:4: error: unknown field headlne" in err
    assert "mixed.jsonl:5: error: kind: “gossip” is not a kind of article" in err
    assert (
        "mixed.jsonl:6: error: origin url: Enter a full web address starting with https://." in err
    )
    assert "missing.txt: error: cannot be read" in err
    assert "2 created, 0 unchanged, 10 failed." in out
    assert summary == "10 pieces could not be imported; see the errors above."


def test_with_publish_a_complete_piece_goes_out_at_its_date(client, tmp_path):
    path = tmp_path / "piece.jsonl"
    path.write_text(
        json.dumps(
            {
                "headline": "Plan in seasons, not years",
                "dek": "Why our roadmap has four chapters.",
                "body": "<p>Text.</p>",
                "author": "Marcus Ellis",
                "origin_url": "https://medium.com/@marcus/plan-5c1e0a7d2b94",
                "published_at": "2025-01-17T09:30:00+00:00",
            }
        )
        + "\n"
    )

    out, _ = run(str(path), "--publish")

    article = Article.objects.get()
    assert article.is_published
    assert f"published (/news/{article.slug}/)" in out
    assert client.get(article.get_absolute_url()).status_code == 200


def test_a_piece_that_fails_the_publish_checks_stays_a_draft_and_says_why(tmp_path):
    path = tmp_path / "piece.jsonl"
    path.write_text(
        '{"headline": "Print piece", "body": "<p>x</p>", "author": "Ana Ribeiro", '
        '"origin_platform": "Forbes", "indexing": "origin"}\n'
    )

    out, _ = run(str(path), "--publish")

    assert Article.objects.get().status == Article.Status.DRAFT
    assert "not published: Write the summary (dek)" in out
    assert checklist.INDEXING_PROBLEM in out
    assert "1 left as drafts" in out


def test_a_folder_imports_the_files_it_holds(export, tmp_path):
    export()
    (tmp_path / "readme.md").write_text("not imported")

    out, err = run(str(tmp_path))

    assert Article.objects.count() == 1
    assert "readme.md" not in out + err


def test_an_unknown_kind_option_is_refused():
    with pytest.raises(CommandError, match="“gossip” is not a kind of article"):
        call_command("import_articles", "x.txt", "--kind", "gossip")


@pytest.mark.parametrize(
    ("field", "message"),
    [
        (
            '"warnings": [{"text": "x", "kind": "mild"}]',
            "kind: Value 'mild' is not a valid choice.",
        ),
        ('"warnings": [{"text": "x", "subject": "' + "s" * 130 + '"}]', "subject: Ensure this"),
        ('"tags": ["' + "t" * 120 + '"]', "is too long for a tag: keep it under 80 characters."),
        # A topic is linked at its own address, made from its letters and digits.
        ('"tags": ["Culture", "🎬"]', "“🎬” cannot be a tag: use at least one letter or digit."),
        ('"dek": "' + "d" * 400 + '"', "dek: Ensure this value has at most 300 characters"),
        ('"published_at": "yesterday"', "“published_at” must be a date and time"),
        ('"origin_published_on": "14/01/2025"', "“origin_published_on” must be a date"),
        ('"indexing": "hidden"', "“indexing” must be one of origin, self, noindex."),
    ],
)
def test_bad_fields_are_refused_with_the_field_named_and_nothing_half_saved(
    tmp_path, field, message
):
    path = tmp_path / "piece.jsonl"
    path.write_text(
        '{"headline": "H", "body": "<p>x</p>", "author": "Ana Ribeiro", ' + field + "}\n"
    )

    _, err, _ = run_failing(str(path))

    assert message in err
    assert not Article.objects.exists()
    assert not Author.objects.exists()


def test_an_imported_piece_starts_its_history_with_where_it_came_from(export):
    from reversion.models import Version

    path = export()

    run(str(path))

    [version] = Version.objects.get_for_object(Article.objects.get())
    assert version.revision.get_comment() == f"Imported from {path}."
