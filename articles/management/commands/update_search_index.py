"""`manage.py update_search_index`: rebuild every article's search text and vector.

Saving an article keeps its index current; run this after changes that bypass `save()`, such as
`QuerySet.update()`, `bulk_create()`, raw SQL or a database restored from elsewhere.
"""

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from articles import search_index
from articles.models import Article


class Command(BaseCommand):
    help = "Rebuild the search text and search vectors of every article."

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to reindex.")

    def handle(self, *args, **options):
        count = search_index.reindex(Article.objects.all(), using=options["database"])
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} articles for search."))
