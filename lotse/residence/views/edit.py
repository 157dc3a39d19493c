"""Adding, changing and removing residence rows and facts: the owner's case staff only."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.audit.log import record_read
from lotse.core.forms import add_action_errors
from lotse.people.models import Person
from lotse.residence.actions import do_add_row, do_change_row, do_remove_row, do_save_facts
from lotse.residence.forms import ResidenceFactsForm
from lotse.residence.models import ResidenceFacts
from lotse.residence.views.common import (
    IDENTITY,
    RESIDENCE,
    person_for_change,
    row_for_change,
    row_kind,
)


def _render_form(request: HttpRequest, person: Person, **context: Any) -> HttpResponse:
    # The form shows the person's name and current values: that is a read.
    record_read(request.user, person_id=person.pk, categories={IDENTITY, RESIDENCE})
    return render(request, "residence/form.html", {"person": person, **context})


def _back(person: Person) -> HttpResponse:
    return redirect("residence:person", pk=person.pk)


@login_required
def add_row(request: HttpRequest, pk: int, part: str) -> HttpResponse:
    person = person_for_change(request, pk)
    kind = row_kind(part)
    form = kind.form_class(request.POST or None, instance=kind.model(person=person))
    if request.method == "POST" and form.is_valid():
        try:
            do_add_row(request.user, form.instance)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Added: %(kind)s.") % {"kind": kind.label})
            return _back(person)
    title = _("Add %(kind)s") % {"kind": kind.label}
    return _render_form(request, person, form=form, title=title)


@login_required
def change_row(request: HttpRequest, pk: int, part: str, row_pk: int) -> HttpResponse:
    person = person_for_change(request, pk)
    kind = row_kind(part)
    row = row_for_change(request, person, kind, row_pk)
    form = kind.form_class(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form._meta.fields or ()}
        try:
            do_change_row(
                request.user,
                row_for_change(request, person, kind, row_pk),
                expected_version=form.cleaned_data.get("version"),
                **fields,
            )
        except ValidationError as exc:  # StaleObject included
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Saved: %(kind)s.") % {"kind": kind.label})
            return _back(person)
    title = _("Change %(kind)s") % {"kind": kind.label}
    return _render_form(request, person, form=form, title=title)


@require_POST
@login_required
def remove_row(request: HttpRequest, pk: int, part: str, row_pk: int) -> HttpResponse:
    person = person_for_change(request, pk)
    kind = row_kind(part)
    do_remove_row(request.user, row_for_change(request, person, kind, row_pk))
    messages.success(request, _("Removed: %(kind)s.") % {"kind": kind.label})
    return _back(person)


@login_required
def edit_facts(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for_change(request, pk)
    current = ResidenceFacts.objects.filter(person_id=person.pk).first()
    form = ResidenceFactsForm(
        request.POST or None, instance=current or ResidenceFacts(person=person)
    )
    if request.method == "POST" and form.is_valid():
        try:
            do_save_facts(
                request.user,
                person,
                expected_version=form.cleaned_data.get("version"),
                **form.facts_fields(),
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The residence facts were saved."))
            return _back(person)
    return _render_form(request, person, form=form, title=_("Residence facts"))
