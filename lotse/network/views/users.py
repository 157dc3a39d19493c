"""User administration: accounts and memberships.

Memberships decide whose personal data a user sees, so every change goes
through an audited action in lotse.accounts.actions.
"""

from django.contrib import messages
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.accounts.actions import (
    do_add_membership,
    do_create_user,
    do_remove_membership,
    do_update_user,
)
from lotse.accounts.models import Membership, User
from lotse.core.forms import add_action_errors
from lotse.network.forms import (
    MembershipForm,
    MembershipFormSet,
    UserCreateForm,
    UserDetailsForm,
    UserSearchForm,
)
from lotse.network.views.common import administrator_required


def _memberships() -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=Membership.objects.select_related("organisation", "team").order_by(
            "organisation__name", "role"
        ),
    )


@administrator_required
def user_list(request: HttpRequest) -> HttpResponse:
    search = UserSearchForm(request.GET)
    users = search.filter(User.objects.prefetch_related(_memberships()).order_by("username"))
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "network/user_list.html",
        {"search": search, "page_obj": page, "filter_query": query.urlencode()},
    )


def send_invitation(request: HttpRequest, user: User) -> None:
    """E-mail a link to set a first password (the password reset confirmation page)."""
    link = request.build_absolute_uri(
        reverse(
            "accounts:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    )
    body = render_to_string("network/email/invitation.txt", {"user": user, "link": link})
    send_mail(_("Your access to Lotse"), body, None, [user.email])


@administrator_required
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None)
    memberships = MembershipFormSet(request.POST or None, prefix="memberships")
    # Both validated, so that every error shows at once.
    if request.method == "POST" and all([form.is_valid(), memberships.is_valid()]):
        chosen = [
            (data["organisation"], data["role"], data.get("team"))
            for data in memberships.cleaned_data
            if data
        ]
        try:
            user = do_create_user(
                request.user,
                username=form.cleaned_data["username"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                email=form.cleaned_data["email"],
                memberships=chosen,
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            transaction.on_commit(lambda: send_invitation(request, user))
            messages.success(
                request,
                _("%(username)s was created and invited by e-mail to set a password.")
                % {"username": user.username},
            )
            return redirect("network:user_edit", pk=user.pk)
    return render(request, "network/user_create.html", {"form": form, "memberships": memberships})


def _edit_page(
    request: HttpRequest,
    user: User,
    *,
    details: UserDetailsForm | None = None,
    membership: MembershipForm | None = None,
) -> HttpResponse:
    return render(
        request,
        "network/user_edit.html",
        {
            "subject": user,
            "details": details or UserDetailsForm(instance=user),
            "membership_form": membership or MembershipForm(),
            "memberships": list(
                user.memberships.select_related("organisation", "team").order_by(
                    "organisation__name", "role"
                )
            ),
            "is_self": user.pk == request.user.pk,
        },
    )


@administrator_required
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    if request.method != "POST":
        return _edit_page(request, user)
    # A ModelForm validates into its instance; give it a copy so a refused
    # change does not show as if it were saved.
    details = UserDetailsForm(request.POST, instance=User.objects.get(pk=user.pk))
    if details.is_valid():
        try:
            do_update_user(
                request.user, user, **{name: details.cleaned_data[name] for name in details.fields}
            )
        except ValidationError as error:
            add_action_errors(details, error)
        else:
            messages.success(request, _("%(username)s was saved.") % {"username": user.username})
            return redirect("network:user_edit", pk=user.pk)
    return _edit_page(request, user, details=details)


@administrator_required
@require_POST
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    form = MembershipForm(request.POST)
    if form.is_valid():
        try:
            membership = do_add_membership(
                request.user,
                user,
                organisation=form.cleaned_data["organisation"],
                role=form.cleaned_data["role"],
                team=form.cleaned_data.get("team"),
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request,
                _("%(username)s is now %(role)s at %(organisation)s.")
                % {
                    "username": user.username,
                    "role": membership.get_role_display(),
                    "organisation": membership.organisation.name,
                },
            )
            return redirect("network:user_edit", pk=user.pk)
    return _edit_page(request, user, membership=form)


@administrator_required
@require_POST
def membership_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organisation"), pk=membership_pk, user_id=pk
    )
    try:
        do_remove_membership(request.user, membership)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(username)s is no longer %(role)s at %(organisation)s.")
            % {
                "username": membership.user.username,
                "role": membership.get_role_display(),
                "organisation": membership.organisation.name,
            },
        )
    return redirect("network:user_edit", pk=pk)
