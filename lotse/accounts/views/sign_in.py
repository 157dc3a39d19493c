from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView, LogoutView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login

from lotse.accounts.actions import do_record_sign_in
from lotse.accounts.decorators import safe_next, with_next
from lotse.accounts.forms import AuthenticatorCodeForm, RecoveryCodeForm
from lotse.accounts.second_factor import (
    confirmed_authenticator,
    recovery_codes_left,
    throttled_seconds,
    verify_authenticator_code,
    verify_recovery_code,
)

LOGIN_ERROR_ID = "login-error"
# Below this many recovery codes the user is reminded to make new ones.
FEW_RECOVERY_CODES = 3


class SignInForm(AuthenticationForm):
    def full_clean(self) -> None:
        super().full_clean()
        # "Wrong username or password" belongs to both fields: link it to both
        # so that screen readers announce it when either field gets focus.
        if self.non_field_errors():
            for name in ("username", "password"):
                self.fields[name].widget.attrs.update(
                    {"aria-describedby": LOGIN_ERROR_ID, "aria-invalid": "true"}
                )


class SignInView(LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(login_error_id=LOGIN_ERROR_ID, **kwargs)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        auth_login(self.request, user)
        target = self.get_success_url()
        if settings.LOTSE_REQUIRE_2FA and (
            user.needs_second_factor or confirmed_authenticator(user) is not None
        ):
            return redirect(with_next("accounts:second_factor", target))
        do_record_sign_in(user, second_factor="none")
        return HttpResponseRedirect(target)


sign_in = SignInView.as_view()
sign_out = LogoutView.as_view()


def _complete_sign_in(request: HttpRequest, device: Any, method: str) -> None:
    otp_login(request, device)
    # A new session key once the second factor is passed, so that a key seen
    # before (half signed in) cannot be reused with the stronger session.
    request.session.cycle_key()
    do_record_sign_in(request.user, second_factor=method)


@never_cache
@login_required
def second_factor(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    next_url = safe_next(request)
    if user.is_verified():
        return redirect(next_url)
    device = confirmed_authenticator(user)
    if device is None:
        return redirect(with_next("accounts:totp_setup", next_url))

    use_recovery = request.method == "POST" and "recovery_code" in request.POST
    code_form = AuthenticatorCodeForm(
        request.POST if request.method == "POST" and not use_recovery else None
    )
    recovery_form = RecoveryCodeForm(request.POST if use_recovery else None)
    if use_recovery:
        # Keep focus near the recovery field the user just submitted.
        code_form.fields["code"].widget.attrs.pop("autofocus", None)

    if not use_recovery and code_form.is_bound and code_form.is_valid():
        wait = throttled_seconds(device)
        verified = (
            None if wait else verify_authenticator_code(device, code_form.cleaned_data["code"])
        )
        if verified is not None:
            _complete_sign_in(request, verified, "totp")
            return redirect(next_url)
        code_form.add_error("code", wrong_code_message(wait))
    elif use_recovery and recovery_form.is_valid():
        used = verify_recovery_code(user, recovery_form.cleaned_data["recovery_code"])
        if used is not None:
            _complete_sign_in(request, used, "recovery_code")
            _tell_codes_left(request, recovery_codes_left(user))
            return redirect(next_url)
        recovery_form.add_error(
            "recovery_code", _("This recovery code is not valid or has already been used.")
        )

    return render(
        request,
        "accounts/second_factor.html",
        {
            "code_form": code_form,
            "recovery_form": recovery_form,
            "show_recovery": use_recovery,
            "next": next_url,
        },
    )


def wrong_code_message(wait: int) -> str:
    if wait:
        return ngettext(
            "Too many wrong codes. Wait %(seconds)d second, then enter the code your app shows.",
            "Too many wrong codes. Wait %(seconds)d seconds, then enter the code your app shows.",
            wait,
        ) % {"seconds": wait}
    return str(
        _(
            "This code is not valid. Enter the code your app shows now; "
            "if it still fails, check that the time on your phone is set automatically."
        )
    )


def _tell_codes_left(request: HttpRequest, left: int) -> None:
    text = ngettext(
        "You signed in with a recovery code. %(count)d recovery code is left.",
        "You signed in with a recovery code. %(count)d recovery codes are left.",
        left,
    ) % {"count": left}
    if left < FEW_RECOVERY_CODES:
        text = "{} {}".format(text, _("Make new recovery codes on your account page."))
        messages.warning(request, text)
    else:
        messages.info(request, text)
