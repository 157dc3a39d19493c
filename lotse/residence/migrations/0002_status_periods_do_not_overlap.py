"""On PostgreSQL the database itself refuses overlapping status periods of one person.

An exclusion constraint over (person, date range) needs btree_gist for the
equality on person_id. It is added here rather than in the model's Meta because
SQLite has no such constraint; there the action's check under the person's row
lock is the only guard. Ranges are inclusive at both ends, as in the contract
(a period until 31 March and the next from 1 April do not overlap).
"""

from django.db import migrations

CONSTRAINT = "status_period_no_overlap"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE residence_statusperiod ADD CONSTRAINT {CONSTRAINT} "
        "EXCLUDE USING gist (person_id WITH =, daterange(valid_from, valid_until, '[]') WITH &&)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE residence_statusperiod DROP CONSTRAINT {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("residence", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
