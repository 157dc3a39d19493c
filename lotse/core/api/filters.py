"""Query parameters read outside a filter serializer."""

from typing import Any

from rest_framework import serializers

_SEARCH = serializers.CharField(required=False, allow_blank=True)


def search_query(request: Any) -> str:
    """The `q` parameter, stripped. Validated like any text field: PostgreSQL cannot
    compare text holding a NUL character, so such a search answers 400, not 500."""
    try:
        return str(_SEARCH.run_validation(request.query_params.get("q", "")))
    except serializers.ValidationError as exc:
        raise serializers.ValidationError({"q": exc.detail}) from exc
