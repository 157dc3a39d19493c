from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from lotse.accounts.models import PersonalToken


class IsVerified(BasePermission):
    """Session requests need a passed second factor; token requests carry one already.

    Tokens can only be made from a verified session (accounts.views.tokens), so a
    token request stands for a verified user. A session request from a user whose
    roles need a second factor passes only once that user has confirmed it.
    """

    message = _(
        "Confirm your sign-in with your authenticator app first, or use a personal API token."
    )

    def has_permission(self, request: Any, view: Any) -> bool:
        if isinstance(request.auth, PersonalToken):
            return True
        user = request.user
        if user is None or not user.is_authenticated:
            return False
        if not settings.LOTSE_REQUIRE_2FA or not user.needs_second_factor:
            return True
        is_verified = getattr(user, "is_verified", None)
        return bool(is_verified and is_verified())
