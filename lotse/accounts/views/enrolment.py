"""Setting up the authenticator app and managing recovery codes."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login

from lotse.accounts.actions import (
    do_enrol_authenticator,
    do_record_sign_in,
    do_regenerate_recovery_codes,
)
from lotse.accounts.decorators import safe_next, second_factor_required, with_next
from lotse.accounts.forms import AuthenticatorCodeForm
from lotse.accounts.second_factor import (
    confirmed_authenticator,
    grouped_secret,
    pending_authenticator,
    qr_code_svg,
    recovery_codes_left,
    throttled_seconds,
    verify_authenticator_code,
)
from lotse.accounts.views.sign_in import wrong_code_message


def _show_new_codes(request: HttpRequest, codes: list[str], next_url: str) -> HttpResponse:
    # Rendered as the answer to the POST, never stored: the codes exist in
    # readable form only in this one response.
    return render(request, "accounts/recovery_codes_new.html", {"codes": codes, "next": next_url})


@never_cache
@login_required
def totp_setup(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    next_url = safe_next(request)
    replacing = confirmed_authenticator(user) is not None
    # Someone who knows only the password must not be able to enrol their own
    # phone in place of the user's: replacing needs the current second factor.
    if replacing and not user.is_verified():
        return redirect(with_next("accounts:second_factor", next_url))

    device = pending_authenticator(user)
    form = AuthenticatorCodeForm(request.POST or None)
    if form.is_valid():
        wait = throttled_seconds(device)
        verified = None if wait else verify_authenticator_code(device, form.cleaned_data["code"])
        if verified is not None:
            was_verified = user.is_verified()
            codes = do_enrol_authenticator(user, verified)
            # Also when replacing: the session pointed at the old, now deleted, device.
            otp_login(request, verified)
            request.session.cycle_key()
            if not was_verified:
                do_record_sign_in(user, second_factor="totp")
            return _show_new_codes(request, codes, next_url)
        form.add_error("code", wrong_code_message(wait))

    return render(
        request,
        "accounts/totp_setup.html",
        {
            "form": form,
            "qr_code": qr_code_svg(
                device.config_url, _("QR code for setting up your authenticator app")
            ),
            "secret": grouped_secret(device),
            "replacing": replacing,
            "next": next_url,
        },
    )


@never_cache
@second_factor_required(strict=True)
def recovery_codes(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    device = confirmed_authenticator(user)
    if device is None:
        return redirect(with_next("accounts:totp_setup", request.get_full_path()))

    # Making new codes asks for a current code: a session left open on a shared
    # office computer must not be enough to take over the account's fallback.
    form = AuthenticatorCodeForm(request.POST or None)
    if form.is_valid():
        wait = throttled_seconds(device)
        verified = None if wait else verify_authenticator_code(device, form.cleaned_data["code"])
        if verified is not None:
            codes = do_regenerate_recovery_codes(user)
            return _show_new_codes(request, codes, safe_next(request, reverse("accounts:profile")))
        form.add_error("code", wrong_code_message(wait))

    return render(
        request,
        "accounts/recovery_codes.html",
        {"form": form, "codes_left": recovery_codes_left(user)},
    )
