"""Writing generated rows in bulk: COPY on PostgreSQL, bulk_create elsewhere.

Synthetic rows bypass the actions on purpose: they would write one audit
entry and rebuild grants per row, which a million persons cannot afford. The
generator computes the grants itself (lotse.synth.grants) and the command
writes one audit entry for the whole run.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from django.core.management.color import no_style
from django.db import connections, transaction
from django.db.models import Max

from lotse.synth.tables import ALL_TABLES, Table

BATCH_SIZE = 2000
Chunk = Mapping[Table, Sequence[tuple[Any, ...]]]


class _CopyThread:
    """COPYs chunks in the background while the next chunk is being drawn.

    Drawing is Python work and COPY mostly waits on the server, so the two
    overlap on two cores. The thread uses the raw connection of the load's
    transaction; the main thread does not touch the database until `finish`.
    """

    def __init__(self, raw_connection: Any, quote: Any) -> None:
        self.raw = raw_connection
        self.quote = quote
        self.chunks: queue.Queue[Chunk | None] = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.types: dict[Table, list[int]] = {}
        self.thread = threading.Thread(target=self._run, name="synth-copy", daemon=True)
        self.thread.start()

    def put(self, chunk: Chunk) -> None:
        self._raise()
        self.chunks.put(chunk)

    def finish(self) -> None:
        self.chunks.put(None)
        self.thread.join()
        self._raise()

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error

    def _run(self) -> None:
        while (chunk := self.chunks.get()) is not None:
            if self.error is not None:
                continue  # drain, so that the producer never blocks
            try:
                with self.raw.cursor() as cursor:
                    for table in ALL_TABLES:
                        rows = chunk.get(table)
                        if rows:
                            self._copy(cursor, table, rows)
            except BaseException as exc:  # handed to the main thread
                self.error = exc

    def _copy(self, cursor: Any, table: Table, rows: Sequence[tuple[Any, ...]]) -> None:
        # Binary COPY: the server parses dates, timestamps and numbers in text
        # several times slower than it takes their binary form.
        columns = ", ".join(self.quote(c) for c in table.db_columns)
        sql = f"COPY {self.quote(table.db_table)} ({columns}) FROM STDIN (FORMAT BINARY)"
        types = self._column_types(cursor, table)
        with cursor.copy(sql) as copy:
            copy.set_types(types)
            write_row = copy.write_row
            for row in rows:
                write_row(row)

    def _column_types(self, cursor: Any, table: Table) -> list[int]:
        """The columns' type oids: binary values must match the column type exactly."""
        if table not in self.types:
            cursor.execute(
                "SELECT attname, atttypid::int FROM pg_attribute "
                "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
                [table.db_table],
            )
            oids = dict(cursor.fetchall())
            self.types[table] = [oids[c] for c in table.db_columns]
        return self.types[table]


class RowWriter:
    def __init__(self, using: str = "default") -> None:
        self.connection = connections[using]
        self.using = using
        self.use_copy = self.connection.vendor == "postgresql"
        self.rows_written: dict[str, int] = {}
        self._copier: _CopyThread | None = None

    @contextmanager
    def bulk_load(self, *, before_commit: Callable[[], object] | None = None) -> Iterator[None]:
        """One transaction for the whole load; on PostgreSQL without secondary indexes and keys.

        `before_commit` runs in that transaction once every row is written (the
        residence stamp moves with the status periods it invalidates).

        Checking a foreign key row by row and inserting into a dozen b-trees
        row by row cost most of a large load. Like pg_restore, the load drops
        them and builds them again at the end: one sort per index, one join
        per foreign key, which also validates every row that was loaded.
        Schema changes are transactional in PostgreSQL, so a failed or killed
        load leaves the schema as it was.
        """
        with transaction.atomic(using=self.using):
            if not self.use_copy:
                yield
                if before_commit is not None:
                    before_commit()
                return
            with self.connection.cursor() as cursor:
                # Deferred checks of rows written earlier in this transaction
                # (the district's organisations) must run before their keys go.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET LOCAL maintenance_work_mem TO '512MB'")
                # A lost synthetic load on a crash costs nothing; waiting for
                # the WAL flush at commit costs time.
                cursor.execute("SET LOCAL synchronous_commit TO off")
                drops, creates = _relaxations(cursor, [t.db_table for t in ALL_TABLES])
                for sql in drops:
                    cursor.execute(sql)
            self._copier = _CopyThread(self.connection.connection, self.connection.ops.quote_name)
            try:
                yield
            finally:
                copier, self._copier = self._copier, None
                copier.finish()
            with self.connection.cursor() as cursor:
                for sql in creates:
                    cursor.execute(sql)
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            if before_commit is not None:
                before_commit()

    def next_ids(self, tables: Iterable[Table]) -> dict[Table, int]:
        """The first free id per table: generated rows continue after existing ones."""
        result = {}
        for table in tables:
            top = table.model._default_manager.using(self.using).aggregate(top=Max("id"))["top"]
            result[table] = (top or 0) + 1
        return result

    def write_chunk(self, chunk: Chunk) -> None:
        """Write one chunk, tables in foreign-key order; inside `bulk_load`."""
        for table in ALL_TABLES:
            count = len(chunk.get(table, ()))
            self.rows_written[table.db_table] = self.rows_written.get(table.db_table, 0) + count
        if self._copier is not None:
            self._copier.put(chunk)
            return
        for table in ALL_TABLES:
            rows = chunk.get(table)
            if rows:
                model = table.model
                columns = table.columns
                model._default_manager.using(self.using).bulk_create(
                    [model(**dict(zip(columns, row, strict=True))) for row in rows],
                    batch_size=BATCH_SIZE,
                )

    def reset_sequences(self) -> None:
        """After rows with explicit ids, the id sequences must continue after them."""
        models = [t.model for t in ALL_TABLES if t.has_id]
        statements = self.connection.ops.sequence_reset_sql(no_style(), models)
        if statements:
            with self.connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)

    def analyze(self) -> None:
        """Fresh planner statistics: after a bulk load they are missing or wrong."""
        with self.connection.cursor() as cursor:
            if self.use_copy:
                for table in ALL_TABLES:
                    cursor.execute(f"ANALYZE {self.connection.ops.quote_name(table.db_table)}")
            else:
                cursor.execute("ANALYZE")


def _relaxations(cursor: Any, table_names: list[str]) -> tuple[list[str], list[str]]:
    """Statements dropping the foreign keys, unique constraints and secondary
    indexes of the tables, and statements creating them again."""
    cursor.execute(
        """
        SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid)
        FROM pg_constraint c
        WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('f', 'u')
        ORDER BY c.conrelid::regclass::text, c.conname
        """,
        [table_names],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        """
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        ORDER BY i.indexrelid::regclass::text
        """,
        [table_names],
    )
    indexes = cursor.fetchall()
    foreign = [c for c in constraints if c[2] == "f"]
    uniques = [c for c in constraints if c[2] == "u"]

    def drop(table: str, name: str) -> str:
        return f'ALTER TABLE {table} DROP CONSTRAINT "{name}"'

    def add(table: str, name: str, definition: str) -> str:
        return f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'

    # Foreign keys go first and come back last: they need the keys they point to.
    drops = [drop(t, n) for t, n, _k, _d in foreign + uniques]
    drops += [f"DROP INDEX {name}" for name, _definition in indexes]
    creates = [definition for _name, definition in indexes]
    creates += [add(t, n, d) for t, n, _k, d in uniques + foreign]
    return drops, creates
