"""The (organisation, person) grant index carries what visibility filters on, on PostgreSQL.

`visible_to` restricts by the person ids of the user's organisations' current
grants holding a category bit (valid_from, valid_until, categories). With those
columns in the index PostgreSQL reads the grants from the index alone, in
person-id order, and can stop early beside another sorted input (the live
person search, lotse.people.search._by_level) instead of fetching 144,000 grant
rows of a large organisation from the table. Same name and key columns as the
model's index; SQLite has no INCLUDE and keeps the plain one.
"""

from django.db import migrations

NAME = "grant_org_person"
TABLE = "access_accessgrant"


def _rebuild(schema_editor, include: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f'DROP INDEX IF EXISTS "{NAME}"')
    schema_editor.execute(
        f'CREATE INDEX "{NAME}" ON "{TABLE}" ("organisation_id", "person_id"){include}'
    )


def cover(apps, schema_editor):
    _rebuild(schema_editor, ' INCLUDE ("valid_from", "valid_until", "categories")')


def uncover(apps, schema_editor):
    _rebuild(schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [("access", "0004_drop_duplicate_person_index")]

    operations = [migrations.RunPython(cover, uncover, elidable=False)]
