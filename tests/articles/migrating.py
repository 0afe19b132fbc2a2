"""Migrating the database to given migrations in a test, and the states migration tests start
from.

Each migration test migrates from wherever the one before left the schema to where it starts,
so a module runs them in the order that keeps those steps short; the `restore_schema` fixture
brings the latest schema back once the module is done."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

# The site app's latest migration, for tests that read its models' present fields.
SITE_LATEST = ("newsroom", "0008_site_settings_updated_at")


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest() -> list[tuple[str, str]]:
    """Every app's newest migration: where a test that serves pages after a data migration
    goes, since the present models read every column later migrations add."""
    return MigrationLoader(connection, ignore_no_migrations=True).graph.leaf_nodes()


# Revisions, for the migrations that read them.
REVERSION = ("reversion", "0002_add_index_on_version_for_content_type_and_db")
FORGET_VERSIONS = ("articles", "0033_forget_versions_at_deletion_that_serve_no_more")
