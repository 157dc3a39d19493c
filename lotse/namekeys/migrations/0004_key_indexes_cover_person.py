"""The key indexes carry the person id, on PostgreSQL.

A live search for one word (lotse.people.search._by_level) asks each key
index for the lowest visible person ids of a key. With the person id in the
index PostgreSQL answers from the index alone, in person-id order beside the
user's grants, and stops when it has enough; without it, it reads one table
page per matching key row (80,000 rows, 30,000 pages for "ali" at a million
persons). Same names and key columns as the model's indexes; SQLite has no
INCLUDE and keeps the plain ones.
"""

from django.db import migrations

TABLE = "namekeys_namekey"
# name: (key columns, condition)
INDEXES = {
    "namekey_canon": ("canon, birth_year", ""),
    "namekey_fold": ("fold, birth_year", ""),
    "namekey_metaphone": ("metaphone, birth_year", ""),
    "namekey_skeleton": ("skeleton, birth_year", ""),
    "namekey_skeleton_abjad": ("skeleton, birth_year", " WHERE abjad"),
    "namekey_form": ("form varchar_pattern_ops, birth_year int2_ops", ""),
}


def _rebuild(schema_editor, include: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (columns, condition) in INDEXES.items():
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')
        schema_editor.execute(f'CREATE INDEX "{name}" ON "{TABLE}" ({columns}){include}{condition}')


def cover(apps, schema_editor):
    _rebuild(schema_editor, " INCLUDE (person_id)")


def uncover(apps, schema_editor):
    _rebuild(schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [("namekeys", "0003_trigram_index")]

    operations = [migrations.RunPython(cover, uncover, elidable=False)]
