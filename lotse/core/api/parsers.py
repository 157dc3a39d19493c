"""Request parsers that refuse text PostgreSQL cannot store or compare.

PostgreSQL text may not hold the NUL character (U+0000). Field validators catch
it for plain text fields, but not where a value is looked up before validation
(a slug or a choice resolved by a query), which then failed with a server error
on PostgreSQL only. Refusing it once, where the body is parsed, answers 400 for
every field and keeps SQLite and PostgreSQL alike.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser

NUL = "\x00"
NUL_MESSAGE = _("Text must not contain the NUL character (U+0000).")


def holds_nul(value: Any) -> bool:
    """Whether a parsed body (JSON values, or a QueryDict's lists) holds a NUL anywhere."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, Mapping):
        items: Iterable[Any] = value.lists() if hasattr(value, "lists") else value.items()
        return any(holds_nul(key) or holds_nul(val) for key, val in items)
    if isinstance(value, list | tuple):
        return any(holds_nul(item) for item in value)
    return False


def refuse_nul(data: Any) -> Any:
    if holds_nul(data):
        raise ParseError(NUL_MESSAGE)
    return data


class TextJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        return refuse_nul(super().parse(stream, media_type, parser_context))


class TextFormParser(FormParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        return refuse_nul(super().parse(stream, media_type, parser_context))


class TextMultiPartParser(MultiPartParser):
    """Checks the text parts; uploaded files' bytes are the document store's business."""

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        parsed = super().parse(stream, media_type, parser_context)
        refuse_nul(parsed.data)
        names = [getattr(f, "name", "") or "" for fs in parsed.files.lists() for f in fs[1]]
        if any(NUL in name for name in names):
            raise ParseError(NUL_MESSAGE)
        return parsed
