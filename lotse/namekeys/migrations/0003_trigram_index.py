"""A trigram index on the normalised name forms, on PostgreSQL only.

pg_trgm finds forms with a typo that changes a consonant (Qaramani for
Qarawani), which the exact, phonetic and prefix keys miss. SQLite has no
such index; the search there uses the keys alone (lotse.people.search).
"""

from django.db import migrations

INDEX = "namekey_form_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON namekeys_namekey USING gin (form gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("namekeys", "0002_compute_existing_keys")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
