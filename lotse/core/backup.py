"""Backup and restore of the database and the document store, with a checksummed manifest.

A backup folder holds the database (PostgreSQL: `pg_dump -Fc`; SQLite: a copy
made with SQLite's online backup API), the document store copied byte for byte
(documents are encrypted at rest; they stay so, and the key is never copied),
and `manifest.json` with a SHA-256 per file and the row count per table. The
manifest is written last: a folder without one is an unfinished backup.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction

MANIFEST = "manifest.json"
FORMAT = 1
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
DOCUMENTS = "documents"
# A database holds data worth protecting once it has users, persons or audit
# entries; `migrate` alone fills other tables (content types, permissions, the
# consent texts), and a freshly migrated database must count as empty.
_DATA_MODELS = ("accounts.User", "people.Person", "audit.AuditEntry")


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class Manifest:
    data: dict[str, Any]

    @property
    def backend(self) -> str:
        return str(self.data["backend"])

    @property
    def counts(self) -> dict[str, int]:
        return dict(self.data["counts"])


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_tables() -> list[str]:
    existing = set(connection.introspection.table_names())
    tables = {
        m._meta.db_table
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    }
    return sorted(tables & existing)


def _count(cursor: Any, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 (names from our models)
        counts[table] = int(cursor.fetchone()[0])
    return counts


def current_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        return _count(cursor, model_tables())


def has_data() -> bool:
    existing = set(connection.introspection.table_names())
    for label in _DATA_MODELS:
        model = apps.get_model(label)
        if model._meta.db_table in existing and model._default_manager.exists():
            return True
    return False


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    if sslmode := db.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = sslmode
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    # A fixed program (pg_dump, pg_restore) with arguments built from settings, no shell.
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")


def _dump_postgresql(target: Path) -> dict[str, int]:
    args, env = _pg_env()
    # pg_dump reads the snapshot this transaction exported, so the row counts
    # in the manifest describe exactly the dumped data, even on a busy system.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = _count(cursor, model_tables())
        _run(
            ["pg_dump", "--format=custom", f"--snapshot={snapshot}", "--file", str(target), *args],
            env,
        )
    return counts


def _copy_sqlite(target: Path) -> dict[str, int]:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        # The online backup API copies a consistent state while others keep writing.
        connection.connection.backup(copy)
        tables = model_tables()
        return _count(copy.cursor(), tables)
    finally:
        copy.close()


def _document_files(root: Path) -> list[Path]:
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def backup(output: Path) -> Manifest:
    if output.exists() and any(output.iterdir()):
        raise BackupError(f"{output} is not empty: a backup goes into a new folder.")
    output.mkdir(parents=True, exist_ok=True)
    output.chmod(0o700)  # personal data: readable by the service account only
    started = datetime.datetime.now(datetime.UTC)
    if connection.vendor == "postgresql":
        database, counts = PG_DUMP, _dump_postgresql(output / PG_DUMP)
    elif connection.vendor == "sqlite":
        database, counts = SQLITE_COPY, _copy_sqlite(output / SQLITE_COPY)
    else:
        raise BackupError(f"No backup for the {connection.vendor} database backend.")
    # Documents after the database: a document whose row is in the dump was
    # written before its row, so it is here too; newer files are harmless extras.
    source = Path(settings.DOCUMENTS_DIR)
    documents = []
    for path in _document_files(source):
        relative = path.relative_to(source)
        copy = output / DOCUMENTS / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, copy)
        documents.append(
            {"path": str(relative), "sha256": sha256(copy), "size": copy.stat().st_size}
        )
    data = {
        "format": FORMAT,
        "created_at": started.isoformat(),
        "backend": connection.vendor,
        "database": {"file": database, "sha256": sha256(output / database)},
        "documents": documents,
        "counts": counts,
    }
    for path in output.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)
    manifest = output / MANIFEST
    manifest.write_text(json.dumps(data, indent=2, sort_keys=True))
    manifest.chmod(0o600)
    return Manifest(data)


def read_verified(source: Path) -> Manifest:
    """The manifest, after every file was checked against it; raises on any difference."""
    try:
        data = json.loads((source / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(
            f"{source} has no {MANIFEST}: not a backup, or an unfinished one."
        ) from None
    if data.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {data.get('format')!r}.")
    problems = []
    database = source / data["database"]["file"]
    if not database.exists() or sha256(database) != data["database"]["sha256"]:
        problems.append(data["database"]["file"])
    listed = {d["path"]: d["sha256"] for d in data["documents"]}
    present = {str(p.relative_to(source / DOCUMENTS)) for p in _document_files(source / DOCUMENTS)}
    problems += sorted(f"{DOCUMENTS}/{p} (not in the manifest)" for p in present - set(listed))
    for path, digest in sorted(listed.items()):
        file = source / DOCUMENTS / path
        if not file.exists() or sha256(file) != digest:
            problems.append(f"{DOCUMENTS}/{path}")
    if problems:
        raise BackupError("Checksums do not match for: " + ", ".join(problems[:20]))
    return Manifest(data)


def restore(source: Path, manifest: Manifest) -> None:
    if manifest.backend != connection.vendor:
        raise BackupError(
            f"The backup is of a {manifest.backend} database; this one is {connection.vendor}."
        )
    database = source / manifest.data["database"]["file"]
    if connection.vendor == "postgresql":
        args, env = _pg_env()
        connection.close()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                *args,
                str(database),
            ],
            env,
        )
    else:
        connection.ensure_connection()
        backup_copy = sqlite3.connect(database)
        try:
            backup_copy.backup(connection.connection)
        finally:
            backup_copy.close()
    _restore_documents(source / DOCUMENTS, Path(settings.DOCUMENTS_DIR))


def _restore_documents(source: Path, target: Path) -> None:
    if target.exists() and any(target.iterdir()):
        # Kept, not deleted: whoever forced the restore may still want them.
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        target.rename(target.with_name(f"{target.name}.before-restore-{stamp}"))
    target.mkdir(parents=True, exist_ok=True)
    if source.exists():
        shutil.copytree(source, target, dirs_exist_ok=True)


def documents_present() -> bool:
    root = Path(settings.DOCUMENTS_DIR)
    return root.exists() and any(root.iterdir())
