"""Reading a records file per the contract, and writing results all or nothing.

A file that breaks the contract raises `MalformedFile` naming the line; the
command turns it into one line on standard error and exit status 2. Output
goes to a temporary file beside the target and is renamed into place only
when complete, so a failed run never leaves a partial file.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from lotse.linkage import COLUMNS


class MalformedFile(ValueError):
    pass


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise MalformedFile(f"line {line}: bytes that are not UTF-8") from None


def read_records(path: Path) -> list[dict[str, str]]:
    """The records of a CSV file, with only the contract's columns (missing ones empty)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MalformedFile(f"cannot read {path}: {exc.strerror}") from None
    reader = csv.reader(io.StringIO(_decoded(data), newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise MalformedFile("line 1: the file is empty, a header is needed")
        header = [h.strip() for h in header]
        if "record_id" not in header:
            raise MalformedFile("line 1: no record_id column in the header")
        wanted = [(c, header.index(c)) for c in COLUMNS if c in header]
        records: list[dict[str, str]] = []
        seen: dict[str, int] = {}
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue  # a blank line is no record
            record = {c: (row[i].strip() if i < len(row) else "") for c, i in wanted}
            record_id = record["record_id"]
            if not record_id:
                raise MalformedFile(f"line {line}: empty record_id")
            if record_id in seen:
                raise MalformedFile(
                    f"line {line}: duplicate record_id {record_id!r} (first on line "
                    f"{seen[record_id]})"
                )
            seen[record_id] = line
            records.append(record)
    except csv.Error as exc:
        raise MalformedFile(f"line {reader.line_num}: {exc}") from None
    return records


def write_csv_atomically(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> None:
    directory = path.parent if str(path.parent) else Path(".")
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
