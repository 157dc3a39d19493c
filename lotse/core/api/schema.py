"""Documented error answers, so that clients see every status an operation can give."""

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse

from lotse.core.api.serializers import DetailSerializer

_DESCRIPTIONS = {
    400: "Invalid input: an object mapping each field (or non_field_errors) to its messages.",
    403: "You may see this object but not do this with it.",
    404: "Not found, or not visible to you (the two are indistinguishable).",
    409: "The object was changed in the meantime: reload it and send its current version.",
    415: "The body's media type is not one this operation reads: send application/json.",
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {
        code: OpenApiResponse(
            response=OpenApiTypes.OBJECT if code == 400 else DetailSerializer,
            description=_DESCRIPTIONS[code],
        )
        for code in codes
    }


def page_errors() -> dict[int, OpenApiResponse]:
    """Lists are paged: a page number past the end, or not a number, answers 404."""
    return {
        404: OpenApiResponse(
            response=DetailSerializer,
            description="No such page: the page number lies past the end or is not a number.",
        )
    }


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    """Documents `Authorization: Bearer lotse_…` (lotse.accounts.api.auth)."""

    target_class = "lotse.accounts.api.auth.PersonalTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token; it acts with exactly its user's visibility.",
        }
