"""Case documents on disk: Fernet-encrypted, under LOTSE_DOCUMENTS_DIR, never served directly.

A stolen disk or backup holds only ciphertext; the key lives in the
environment (LOTSE_DOCUMENT_KEY), not beside the files. Files are named by a
random token, so a directory listing says nothing about whom they concern.
Documents are small (the upload limit), so whole-file encryption in memory is fine.
"""

import secrets
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

SUBDIR = "cases"


class DocumentUnreadable(Exception):
    """The stored file is missing or cannot be decrypted with any configured key."""


def _cipher() -> MultiFernet:
    # The first key encrypts; every key decrypts (rotation).
    return MultiFernet([Fernet(key.encode()) for key in settings.LOTSE_DOCUMENT_KEYS])


def _path(stored_name: str) -> Path:
    root = Path(settings.LOTSE_DOCUMENTS_DIR) / SUBDIR
    return root / stored_name[:2] / stored_name


def new_name() -> str:
    return secrets.token_hex(24)


def write(stored_name: str, content: bytes) -> None:
    path = _path(stored_name)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_suffix(".part")
    temporary.write_bytes(_cipher().encrypt(content))
    temporary.chmod(0o600)
    # Atomic on one filesystem: a reader never sees half a file.
    temporary.replace(path)


def read(stored_name: str) -> bytes:
    try:
        token = _path(stored_name).read_bytes()
    except FileNotFoundError:
        raise DocumentUnreadable(stored_name) from None
    try:
        return _cipher().decrypt(token)
    except InvalidToken:
        raise DocumentUnreadable(stored_name) from None


def remove(stored_name: str) -> None:
    _path(stored_name).unlink(missing_ok=True)


def raw_path(stored_name: str) -> Path:
    """Where the ciphertext lies (tests and the backup check it is not plaintext)."""
    return _path(stored_name)
