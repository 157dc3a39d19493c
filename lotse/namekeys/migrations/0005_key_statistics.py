"""Finer planner statistics on the key columns, on PostgreSQL.

Names are long-tailed: at a million persons the default statistics (100
most common values and histogram buckets) cannot tell a key of 300 rows from
one of 18,000. The one-word search ("kar" as typed: 18,224 keys estimated as
315) then probed the grants once per key row (59 ms) where a merge beside
the grants stops after a few hundred (9.6 ms), at 1M with an office of
144,000 grants. A thousand buckets describe the common names; ANALYZE reads a
larger sample for these columns only.
"""

from django.db import migrations

TABLE = "namekeys_namekey"
COLUMNS = ["form", "canon", "fold", "metaphone", "skeleton"]
DETAILED = 1000
DEFAULT = -1  # the server's default_statistics_target


def _set(schema_editor, target: int) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(
            f'ALTER TABLE "{TABLE}" ALTER COLUMN "{column}" SET STATISTICS {target}'
        )
    # Now, not at autovacuum's next analyze of the table.
    columns = ", ".join(f'"{column}"' for column in COLUMNS)
    schema_editor.execute(f'ANALYZE "{TABLE}" ({columns})')


def detailed(apps, schema_editor):
    _set(schema_editor, DETAILED)


def default(apps, schema_editor):
    _set(schema_editor, DEFAULT)


class Migration(migrations.Migration):
    dependencies = [("namekeys", "0004_key_indexes_cover_person")]

    operations = [migrations.RunPython(detailed, default, elidable=False)]
