from typing import Any

from django.utils import timezone
from rest_framework import authentication, exceptions

from lotse.accounts.models import PersonalToken
from lotse.accounts.models.token import hash_token


class PersonalTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer lotse_…`: acts as the token's user, with exactly their visibility."""

    keyword = "Bearer"

    def authenticate(self, request: Any) -> tuple[Any, PersonalToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Invalid token header.")
        try:
            raw = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed("Invalid token header.") from None
        token = (
            PersonalToken.objects.usable()
            .select_related("user")
            .filter(key_hash=hash_token(raw))
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid or expired token.")
        # Write at most once a minute, so that reads stay cheap.
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            PersonalToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request: Any) -> str:
        return self.keyword
