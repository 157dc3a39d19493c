"""Turning the actions' errors into API answers.

Actions raise Django's ValidationError (often a dict of field errors) and
StaleObject for optimistic-lock conflicts. Every viewset wraps its action
calls in `action_errors()`, so the API answers 400 with the same field-level
messages the forms show, and 409 when the client worked on an old version.
"""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.settings import api_settings

from lotse.core.errors import StaleObject


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Someone else changed this in the meantime. Reload and try again.")
    default_code = "stale"


def as_api_error(
    exc: DjangoValidationError, field_names: Mapping[str, str] | None = None
) -> exceptions.APIException:
    """The DRF exception for a Django ValidationError raised by an action or model.

    `field_names` renames action/model field names to the API's where they differ.
    """
    if isinstance(exc, StaleObject):
        return Conflict(detail=" ".join(str(m) for m in exc.messages))
    renames = dict(field_names or {})
    renames[NON_FIELD_ERRORS] = api_settings.NON_FIELD_ERRORS_KEY
    if hasattr(exc, "error_dict"):
        detail: dict[str, Any] = {}
        for name, messages in exc.message_dict.items():
            detail.setdefault(renames.get(name, name), []).extend(messages)
        return exceptions.ValidationError(detail)
    return exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: list(exc.messages)})


@contextmanager
def action_errors(field_names: Mapping[str, str] | None = None) -> Iterator[None]:
    try:
        yield
    except DjangoValidationError as exc:
        raise as_api_error(exc, field_names) from exc


# Exempt like every DRF view: it changes nothing, and a token client sends no CSRF token.
@csrf_exempt
def not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """The API's answer to a path no route matches, e.g. `/api/v1/people/1.5/`.

    JSON like every other API error, not the web interface's HTML page, so that
    clients can read it. A plain Django view, so the schema does not list it.
    """
    return JsonResponse({"detail": str(exceptions.NotFound.default_detail)}, status=404)
