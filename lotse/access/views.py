"""Recording, withdrawing and reading releases from confidentiality."""

import os
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lotse.access.actions import do_record_consent, do_withdraw_consent
from lotse.access.forms import ConsentRecordForm, WithdrawalForm
from lotse.access.models import Consent
from lotse.access.visibility import Action, may_change
from lotse.audit.log import record_read
from lotse.cases.models import Case
from lotse.core.categories import DataCategory
from lotse.core.forms import add_action_errors
from lotse.people.models import Person

IDENTITY = DataCategory.IDENTITY.value


@login_required
def create(request: HttpRequest, person_pk: int) -> HttpResponse:
    user: Any = request.user
    if not may_change(user, person_pk):
        raise Http404
    person = get_object_or_404(Person.objects.visible_to(user, Action.CHANGE), pk=person_pk)
    # Only cases this organisation owns: a release is recorded by the case owner.
    cases = Case.objects.visible_to(user, Action.CHANGE).filter(person=person)
    form = ConsentRecordForm(
        request.POST or None,
        request.FILES or None,
        cases=cases,
        own_organisation_ids=user.case_organisation_ids,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_record_consent(
                user,
                person,
                text=data["text"],
                purpose=data["purpose"],
                case=data["case"],
                recipients=data["recipients"],
                categories=data["categories"],
                special_categories_named=data["special_categories_named"],
                consequences_explained=data["consequences_explained"],
                form=data["form"],
                witness=data["witness"],
                language=data["language"],
                interpreter=data["interpreter"],
                given_on=data["given_on"],
                valid_until=data["valid_until"],
                document=data["document"],
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The consent was recorded."))
            return redirect("people:consents", pk=person.pk)
    record_read(user, person_id=person.pk, categories=[IDENTITY])
    return render(request, "consents/create.html", {"person": person, "form": form})


@login_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    consent = get_object_or_404(
        Consent.objects.visible_to(user, Action.CHANGE).select_related("person"), pk=pk
    )
    if not may_change(user, consent.person_id):
        raise Http404
    form = WithdrawalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            do_withdraw_consent(
                user,
                consent,
                withdrawn_on=form.cleaned_data["withdrawn_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The withdrawal was recorded; access ends now."))
            return redirect("people:consents", pk=consent.person_id)
    record_read(
        user,
        person_id=consent.person_id,
        categories=[IDENTITY],
        object_type="access.consent",
        object_id=consent.pk,
    )
    return render(
        request,
        "consents/withdraw.html",
        {"consent": consent, "person": consent.person, "form": form},
    )


@require_GET
@login_required
def document(request: HttpRequest, pk: int) -> FileResponse:
    user: Any = request.user
    consent = get_object_or_404(Consent.objects.visible_to(user), pk=pk)
    if not consent.document:
        raise Http404
    try:
        handle = consent.document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    record_read(
        user,
        person_id=consent.person_id,
        case_id=consent.case_id,
        categories=[IDENTITY],
        object_type="access.consent",
        object_id=consent.pk,
    )
    return FileResponse(
        handle, as_attachment=True, filename=os.path.basename(consent.document.name)
    )
