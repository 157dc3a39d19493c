"""Hash chain over audit entries: each entry's hash covers its content and its
predecessor's hash, so changing, removing or inserting an entry anywhere breaks
every later link. Pure functions; the verifier streams the table."""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical(fields: Mapping[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def link_hash(prev_hash: str, fields: Mapping[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode() + b"\n" + canonical(fields)).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int
    problem: str


def verify(entries: Iterable[tuple[int, str, str, Mapping[str, Any]]]) -> list[ChainBreak]:
    """entries: (id, prev_hash, hash, hashed fields) in id order."""
    breaks: list[ChainBreak] = []
    expected_prev = GENESIS
    for entry_id, prev_hash, stored_hash, fields in entries:
        if prev_hash != expected_prev:
            breaks.append(ChainBreak(entry_id, "link to the previous entry is broken"))
        if link_hash(prev_hash, fields) != stored_hash:
            breaks.append(ChainBreak(entry_id, "content does not match its hash"))
        expected_prev = stored_hash
    return breaks
