"""A person's residence tab: status history, facts, pathway panel, deadlines."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.audit.log import record_read
from lotse.people.views.common import PersonPage, render_person_page
from lotse.residence.actions import do_store_evaluation
from lotse.residence.deadlines import deadlines_for_person
from lotse.residence.forms import COMPLETE_FLAGS, AsOfForm
from lotse.residence.models import (
    BenefitPeriod,
    Child,
    Conviction,
    EmploymentSpell,
    Evaluation,
    LanguageCertificate,
    ResidenceFacts,
    StatusPeriod,
)
from lotse.residence.panel import arrange
from lotse.residence.views.common import (
    IDENTITY,
    RESIDENCE,
    person_for_change,
    residence_page,
)

EVALUATIONS_SHOWN = 10


def _rows(user: Any, page: PersonPage) -> dict[str, list[Any]]:
    def rows(model: Any) -> list[Any]:
        return list(model.objects.visible_to(user, page.action).filter(person_id=page.person.pk))

    return {
        "periods": rows(StatusPeriod),
        "certificates": rows(LanguageCertificate),
        "employment": rows(EmploymentSpell),
        "benefits": rows(BenefitPeriod),
        "convictions": rows(Conviction),
        "children": rows(Child),
    }


def _evaluate(page: PersonPage, rows: dict[str, list[Any]], facts: Any, as_of: Any) -> Any:
    from lotse.pathways import FactsError, evaluate
    from lotse.residence.facts import build_document

    document = build_document(
        page.person,
        as_of,
        facts=facts,
        periods=rows["periods"],
        certificates=rows["certificates"],
        employment=rows["employment"],
        benefits=rows["benefits"],
        convictions=rows["convictions"],
        children=rows["children"],
        include_birth_date=page.shows(IDENTITY),
    )
    try:
        return arrange(evaluate(document, as_of=as_of)), None
    except FactsError as error:
        return None, str(error)


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    page = residence_page(request, pk)
    user: Any = request.user
    today = timezone.localdate()
    form = AsOfForm(request.GET or None)
    as_of = today
    if form.is_valid() and form.cleaned_data["as_of"]:
        as_of = form.cleaned_data["as_of"]
    rows = _rows(user, page)
    facts = ResidenceFacts.objects.visible_to(user, page.action).filter(person_id=pk).first()
    panel, facts_error = _evaluate(page, rows, facts, as_of)
    complete_lists = [
        str(getattr(ResidenceFacts._meta.get_field(name), "verbose_name", name))
        for name in COMPLETE_FLAGS
        if facts is not None and getattr(facts, name)
    ]
    context = {
        **rows,
        "facts": facts,
        "complete_lists": complete_lists,
        "as_of_form": form,
        "panel": panel,
        "facts_error": facts_error,
        "page": page,
        "person": page.person,
    }
    if getattr(request, "htmx", False) and request.GET.get("panel"):
        record_read(user, person_id=pk, categories={RESIDENCE} & page.categories)
        return render(request, "residence/_pathways.html", context)
    context["evaluations"] = list(
        Evaluation.objects.visible_to(user, page.action)
        .filter(person_id=pk)
        .select_related("created_by")[:EVALUATIONS_SHOWN]
    )
    context["deadlines"] = deadlines_for_person(
        pk,
        rows["periods"],
        birth_date=page.person.birth_date if page.shows(IDENTITY) else None,
        today=today,
        lead_days=settings.RESIDENCE_DEADLINE_LEAD_DAYS,
    )
    return render_person_page(
        request,
        page,
        "residence/person.html",
        tab="residence",
        displayed=[RESIDENCE],
        context=context,
    )


@login_required
@require_POST
def store_evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for_change(request, pk)
    form = AsOfForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect("residence:person", pk=pk)
    try:
        evaluation = do_store_evaluation(
            request.user, person, as_of=form.cleaned_data["as_of"] or timezone.localdate()
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("residence:person", pk=pk)
    messages.success(
        request,
        _("The evaluation as of %(date)s was saved.")
        % {"date": evaluation.as_of.strftime("%d.%m.%Y")},
    )
    return redirect("residence:person", pk=pk)


@login_required
def evaluation_detail(request: HttpRequest, pk: int, evaluation_pk: int) -> HttpResponse:
    page = residence_page(request, pk)
    evaluation = (
        Evaluation.objects.visible_to(request.user, page.action)
        .filter(person_id=pk, pk=evaluation_pk)
        .select_related("created_by")
        .first()
    )
    if evaluation is None:
        raise Http404
    return render_person_page(
        request,
        page,
        "residence/evaluation.html",
        tab="residence",
        displayed=[RESIDENCE],
        context={"evaluation": evaluation, "panel": arrange(evaluation.result)},
    )
