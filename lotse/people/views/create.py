from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lotse.core.forms import add_action_errors
from lotse.names import BirthDate
from lotse.people.actions import do_add_detail, do_create_person
from lotse.people.choices import DatePrecision
from lotse.people.forms import LanguageFormSet, PersonCreateForm, SpellingFormSet
from lotse.people.models import LanguageSkill, Nationality, Person
from lotse.people.search import likely_matches

MAX_CANDIDATES = 10


def _birth_date(data: dict[str, Any]) -> BirthDate | None:
    born = data.get("birth_date")
    precision = data.get("birth_date_precision") or DatePrecision.DAY
    if born is None or precision == DatePrecision.UNKNOWN:
        return None
    if data.get("birth_date_placeholder"):
        precision = DatePrecision.YEAR
    return BirthDate(born, str(precision))


def likely_duplicates(user: Any, data: dict[str, Any]) -> list[Person]:
    """Persons the user can see who may be the one about to be registered."""
    matches = likely_matches(
        user,
        data.get("given_names") or "",
        data.get("family_name") or "",
        _birth_date(data),
        limit=MAX_CANDIDATES,
    )
    return [match.person for match in matches]


def _register(user: Any, form: PersonCreateForm, spellings: Any, languages: Any) -> Person:
    # One transaction: a refused nationality or language leaves no half-registered person.
    with transaction.atomic():
        person = do_create_person(
            user,
            form.registering_organisation(),
            spellings=[s for s in (f.spelling() for f in spellings.forms) if s],
            **form.person_fields(),
        )
        for country in form.cleaned_data["nationalities"]:
            do_add_detail(user, Nationality(person=person, country=country))
        for skill in languages.skills():
            do_add_detail(user, LanguageSkill(person=person, **skill))
    return person


@login_required
def create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not user.case_organisation_ids:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = PersonCreateForm(data, user=user)
    spellings = SpellingFormSet(data, prefix="spellings")
    languages = LanguageFormSet(data, prefix="languages")
    candidates: list[Person] = []
    if data is not None and all([form.is_valid(), spellings.is_valid(), languages.is_valid()]):
        candidates = likely_duplicates(user, form.cleaned_data)
        if candidates and not form.cleaned_data["confirm_new"]:
            form.add_error(
                "confirm_new",
                _("Check the persons listed above; confirm that none of them is this person."),
            )
        else:
            try:
                person = _register(user, form, spellings, languages)
            except ValidationError as exc:
                add_action_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(name)s was registered.") % {"name": person.display_name},
                )
                return redirect("people:detail", pk=person.pk)
    return render(
        request,
        "people/create.html",
        {"form": form, "spellings": spellings, "languages": languages, "candidates": candidates},
    )
