"""The printed plan: for everyone who may see the case, with what they may read."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.visibility import categories_for
from lotse.audit.log import record_read
from lotse.audit.models import AuditAction
from lotse.cases.models import Case
from lotse.core.categories import DataCategory
from lotse.plans.models import IntegrationPlan
from lotse.plans.pdf import plan_context, render_plan_pdf, texts_for
from lotse.plans.views.panel import shown_goals


@login_required
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    case = get_object_or_404(
        Case.objects.visible_to(user)
        .select_related("person", "organisation")
        .prefetch_related("managers"),
        pk=pk,
    )
    language = request.GET.get("language", "de")
    texts = texts_for(language)
    if texts is None:
        return HttpResponseBadRequest(
            _("There is no translation of the plan into „%(language)s“.") % {"language": language},
            content_type="text/plain; charset=utf-8",
        )
    categories = categories_for(user, case.person_id, case.pk)
    plan = IntegrationPlan.objects.filter(case=case).first()
    goals = shown_goals(user, case.pk, categories) if plan else []
    identity = DataCategory.IDENTITY in categories
    show_agreement = DataCategory.CASE_NOTES in categories
    shown = {goal.life_area.category for goal in goals}
    if identity:
        shown.add(DataCategory.IDENTITY.value)
    if show_agreement:
        shown.add(DataCategory.CASE_NOTES.value)
    context = plan_context(
        case,
        plan,
        goals,
        texts,
        person_name=f"{case.person.given_names} {case.person.family_name}" if identity else "",
        birth_date=case.person.birth_date_display() if identity else "",
        show_agreement=show_agreement,
        today=timezone.localdate(),
    )
    pdf = render_plan_pdf(context)
    # A printout leaves the system: recorded as an export, with the language.
    record_read(
        user,
        person_id=case.person_id,
        case_id=case.pk,
        categories=shown,
        object_type="plans.integrationplan",
        object_id=plan.pk if plan else case.pk,
        action=AuditAction.EXPORT,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"integrationsplan-{case.reference}-{texts.language}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
