from django.urls import path

from lotse.accounts.views import enrolment, password, profile, sign_in, tokens

app_name = "accounts"

urlpatterns = [
    path("login/", sign_in.sign_in, name="login"),
    path("logout/", sign_in.sign_out, name="logout"),
    path("second_factor/", sign_in.second_factor, name="second_factor"),
    path("second_factor/setup/", enrolment.totp_setup, name="totp_setup"),
    path("recovery_codes/", enrolment.recovery_codes, name="recovery_codes"),
    path("profile/", profile.profile, name="profile"),
    path("password/", password.password_change, name="password_change"),
    path("password/reset/", password.password_reset, name="password_reset"),
    path("password/reset/sent/", password.password_reset_done, name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        password.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        password.password_reset_complete,
        name="password_reset_complete",
    ),
    path("tokens/", tokens.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
]
