"""What a case document may be: checked on its content, not only its name."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extensions: tuple[str, ...]
    signature: bytes


KINDS: tuple[FileKind, ...] = (
    FileKind("application/pdf", ("pdf",), b"%PDF-"),
    FileKind("image/png", ("png",), b"\x89PNG\r\n\x1a\n"),
    FileKind("image/jpeg", ("jpg", "jpeg"), b"\xff\xd8\xff"),
)


def max_bytes() -> int:
    return int(settings.LOTSE_DOCUMENT_MAX_BYTES)


def check_upload(name: str, content: bytes) -> FileKind:
    """The file's kind; ValidationError({"file": ...}) naming what is wrong otherwise."""
    limit_mb = max_bytes() // (1024 * 1024)
    if not content:
        raise ValidationError({"file": [_("The file is empty.")]})
    if len(content) > max_bytes():
        raise ValidationError(
            {"file": [_("The file is larger than %(limit)s MB.") % {"limit": limit_mb}]}
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    kind = next((k for k in KINDS if extension in k.extensions), None)
    if kind is None:
        raise ValidationError({"file": [_("Upload a PDF, PNG or JPEG file.")]})
    if not content.startswith(kind.signature) or (
        kind.content_type == "application/pdf" and b"%%EOF" not in content[-1024:]
    ):
        raise ValidationError(
            {
                "file": [
                    _("The file's content is not a %(kind)s file, whatever its name says.")
                    % {"kind": extension.upper()}
                ]
            }
        )
    return kind


def clean_name(name: str) -> str:
    """The bare file name, without any path a browser or client sent along."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return "".join(ch for ch in base if ch.isprintable())[:200] or "document"
