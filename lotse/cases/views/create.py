from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lotse.access.visibility import Action
from lotse.audit.log import record_read
from lotse.cases.actions import do_open_case
from lotse.cases.forms import OpenCaseForm
from lotse.core.categories import DataCategory
from lotse.core.forms import add_action_errors
from lotse.people.models import Person


@login_required
def open_case(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    try:
        person_id = int(request.GET.get("person", ""))
    except ValueError:
        raise Http404 from None
    # Opening a case is a change to the person's record: only the
    # organisation that holds the person (owner case staff) may do it.
    person = get_object_or_404(Person.objects.visible_to(user, Action.CHANGE), pk=person_id)
    if not user.case_organisation_ids:
        raise Http404
    form = OpenCaseForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = do_open_case(
                user,
                person,
                organisation=data["organisation"],
                programme=data["programme"],
                opened_on=data["opened_on"],
                managers=data["managers"],
                summary=data["summary"],
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request, _("Case %(reference)s was opened.") % {"reference": case.reference}
            )
            return redirect("cases:detail", pk=case.pk)
    record_read(user, person_id=person.pk, categories=[DataCategory.IDENTITY])
    return render(request, "cases/create.html", {"person": person, "form": form})
