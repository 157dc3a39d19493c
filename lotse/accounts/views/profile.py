from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lotse.accounts.decorators import second_factor_required
from lotse.accounts.models import PersonalToken
from lotse.accounts.second_factor import confirmed_authenticator, recovery_codes_left


@second_factor_required
def profile(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    memberships = user.memberships.select_related("organisation", "team").order_by(
        "organisation__name", "role"
    )
    return render(
        request,
        "accounts/profile.html",
        {
            "memberships": memberships,
            "authenticator": confirmed_authenticator(user),
            "verified": user.is_verified(),
            "codes_left": recovery_codes_left(user),
            "active_tokens": PersonalToken.objects.filter(user=user).usable().count(),
        },
    )
