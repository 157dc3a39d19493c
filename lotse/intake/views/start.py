"""Intake starts from a person search: likely existing persons come before 'new person'."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lotse.access.visibility import Action
from lotse.audit.log import record_reads
from lotse.core.categories import DataCategory
from lotse.core.forms import add_action_errors
from lotse.intake.forms import IntakeSearchForm
from lotse.people.actions import do_add_detail, do_create_person
from lotse.people.forms import PersonCreateForm
from lotse.people.models import Nationality, Person
from lotse.people.search import is_too_short, search_people

MAX_RESULTS = 25


def _case_staff(request: HttpRequest) -> Any:
    user: Any = request.user
    if not user.case_organisation_ids:
        raise PermissionDenied
    return user


def _candidates(user: Any, query: str, birth_date: Any) -> list[tuple[Person, bool]]:
    """Likely persons, best first, each with whether this user may take them into intake."""
    matches = search_people(user, query, birth_date=birth_date, limit=MAX_RESULTS)
    people = [match.person for match in matches]
    changeable = set(
        Person.objects.visible_to(user, Action.CHANGE)
        .filter(pk__in=[p.pk for p in people])
        .values_list("pk", flat=True)
    )
    # The list shows names and birth dates: each listed person's trail records it.
    record_reads(user, [(p.pk, None, {DataCategory.IDENTITY}) for p in people])
    return [(person, person.pk in changeable) for person in people]


@login_required
def start(request: HttpRequest) -> HttpResponse:
    user = _case_staff(request)
    form = IntakeSearchForm(request.GET or None)
    searched = False
    results: list[tuple[Person, bool]] = []
    too_short = False
    if form.is_valid() and form.cleaned_data["q"].strip():
        query = form.cleaned_data["q"]
        too_short = is_too_short(query)
        if not too_short:
            searched = True
            results = _candidates(user, query, form.cleaned_data["birth_date"])
    return render(
        request,
        "intake/start.html",
        {
            "form": form,
            "searched": searched,
            "too_short": too_short,
            "results": results,
            "new_person_query": request.GET.urlencode(),
        },
    )


def _prefill(query: str, birth_date: Any) -> dict[str, Any]:
    # The words as typed, not the search's normalised keys: they become the record.
    terms = query.replace(",", " ").split()
    return {
        "given_names": " ".join(terms[:-1]),
        "family_name": terms[-1] if terms else "",
        "birth_date": birth_date,
    }


@login_required
def new_person(request: HttpRequest) -> HttpResponse:
    """Registering a person is offered only after a search, with its terms filled in."""
    user = _case_staff(request)
    search = IntakeSearchForm(request.GET)
    if not search.is_valid() or is_too_short(search.cleaned_data["q"]):
        messages.info(request, _("Search for the person first; most are already known."))
        return redirect("intake:start")
    query, birth_date = search.cleaned_data["q"], search.cleaned_data["birth_date"]
    data = request.POST if request.method == "POST" else None
    form = PersonCreateForm(data, user=user, initial=_prefill(query, birth_date))
    candidates: list[Person] = []
    if data is not None and form.is_valid():
        first_given = (form.cleaned_data["given_names"] or "").split()[:1]
        again = " ".join([*first_given, form.cleaned_data["family_name"]])
        candidates = [p for p, _ok in _candidates(user, again, form.cleaned_data["birth_date"])]
        if candidates and not form.cleaned_data["confirm_new"]:
            form.add_error(
                "confirm_new",
                _("Check the persons listed above; confirm that none of them is this person."),
            )
        else:
            try:
                with transaction.atomic():
                    person = do_create_person(
                        user, form.registering_organisation(), **form.person_fields()
                    )
                    for country in form.cleaned_data["nationalities"]:
                        do_add_detail(user, Nationality(person=person, country=country))
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                messages.success(
                    request, _("%(name)s was registered.") % {"name": person.display_name}
                )
                return redirect("intake:record", person_pk=person.pk)
    return render(
        request,
        "intake/new_person.html",
        {"form": form, "candidates": candidates, "query": query},
    )
