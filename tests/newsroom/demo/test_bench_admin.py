"""The editors' pages measured in process (`newsroom.demo.bench_admin`) on a small corpus."""

import pytest
from django.contrib.auth import get_user_model

from articles.models import Article
from newsroom.demo import bench_admin
from newsroom.demo.corpus import make_corpus

pytestmark = pytest.mark.django_db


def test_the_editors_pages_are_measured_as_each_role_after_preparing_the_corpus(capsys):
    make_corpus(articles=40, images=0)

    bench_admin.prepare()
    bench_admin.prepare()  # a second time changes nothing
    rows = bench_admin.measure(rounds=1, only="changelist", explain=0)

    assert get_user_model().objects.filter(username__startswith="bench-").count() == 3
    assert Article.objects.filter(status="draft").exists()
    assert [(row["role"], row["page"], row["status"]) for row in rows] == [
        ("superuser", "changelist", 200),
        ("editor", "changelist", 200),
        ("contributor", "changelist", 200),
    ]
    assert all(row["queries"] > 0 and row["ms"] > 0 for row in rows)
    assert "contributor  changelist" in capsys.readouterr().out
