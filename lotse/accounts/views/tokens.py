"""Personal API tokens: the raw token is shown once, in the answer to its creation."""

import datetime
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lotse.accounts.actions import do_issue_token, do_revoke_token
from lotse.accounts.decorators import second_factor_required
from lotse.accounts.forms import TokenCreateForm
from lotse.accounts.models import PersonalToken


def token_state(token: PersonalToken, now: datetime.datetime) -> str:
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at is not None and token.expires_at <= now:
        return "expired"
    return "active"


# Tokens act without a second factor, so only a verified session may make
# them, whatever the user's roles are today (strict).
@never_cache
@second_factor_required(strict=True)
def tokens(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = TokenCreateForm(request.POST or None)
    if form.is_valid():
        token, raw = do_issue_token(
            user, name=form.cleaned_data["name"], expires_at=form.expires_at()
        )
        return render(request, "accounts/token_created.html", {"token": token, "raw": raw})

    now = timezone.now()
    own = [(token, token_state(token, now)) for token in PersonalToken.objects.filter(user=user)]
    return render(request, "accounts/tokens.html", {"form": form, "tokens": own})


@require_POST
@second_factor_required(strict=True)
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    # Someone else's token answers 404, like a missing one.
    token = get_object_or_404(PersonalToken.objects.filter(user=user), pk=pk)
    if do_revoke_token(user, token):
        messages.success(
            request, _("The token “%(name)s” has been revoked.") % {"name": token.name}
        )
    return redirect("accounts:tokens")
