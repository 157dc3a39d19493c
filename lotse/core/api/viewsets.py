"""What every Lotse viewset shares: permissions added to (never replacing) the
defaults, the change check after the visibility check, and a guard for schema
generation, where there is no real user."""

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.permissions import BasePermission

from lotse.access.visibility import may_change
from lotse.core.api.serializers import MAX_ID


class LotseViewSetMixin:
    """Mixed into GenericViewSets. Querysets come from `visible_to`, so an invisible
    object answers 404 for reads and writes alike; a visible object the user may
    not change answers 403."""

    # Added to REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"], so that global checks
    # (authentication, verified second factor) always apply.
    extra_permission_classes: Sequence[type[BasePermission]] = ()
    request: Any

    def get_permissions(self) -> list[BasePermission]:
        base: list[BasePermission] = super().get_permissions()  # type: ignore[misc]
        return [*base, *(permission() for permission in self.extra_permission_classes)]

    @property
    def for_schema(self) -> bool:
        return bool(getattr(self, "swagger_fake_view", False))

    def require_change(self, person_id: int, case_id: int | None = None) -> None:
        if not may_change(self.request.user, person_id, case_id):
            raise exceptions.PermissionDenied(_("You may read this, but not change it."))


def path_id(value: str) -> int:
    """An id from the path (routes accept only digits). Beyond 64 bits it names no
    row: 404, before a foreign-key filter hands it to SQLite, whose driver fails."""
    number = int(value)
    if number > MAX_ID:
        raise exceptions.NotFound()
    return number
