"""Rendering the integration plan as a PDF (WeasyPrint), in German or the person's language."""

from __future__ import annotations

import datetime
from typing import Any

from django.template.loader import render_to_string

from lotse.cases.models import Case
from lotse.plans.models import Goal, IntegrationPlan
from lotse.plans.pdf_texts import LANGUAGES, PlanTexts


def _date(value: datetime.date | None) -> str:
    # One unambiguous numeric form for every language; wrapped LTR in the template.
    return value.strftime("%d.%m.%Y") if value else ""


def plan_context(
    case: Case,
    plan: IntegrationPlan | None,
    goals: list[Goal],
    texts: PlanTexts,
    *,
    person_name: str,
    birth_date: str,
    show_agreement: bool,
    today: datetime.date,
) -> dict[str, Any]:
    rows = []
    for goal in goals:
        steps = [
            {
                "description": step.description,
                "responsible": texts.responsible_kinds.get(
                    step.responsible_kind, step.responsible_kind
                ),
                "responsible_detail": ", ".join(
                    part
                    for part in (
                        step.responsible_organisation.name if step.responsible_organisation else "",
                        step.responsible_name,
                    )
                    if part
                ),
                "due": _date(step.due_date),
                "status": texts.step_statuses.get(step.status, step.status),
            }
            for step in goal.steps.all()
        ]
        rows.append(
            {
                "title": goal.title,
                "life_area": texts.life_areas.get(goal.life_area.code, goal.life_area.name_de),
                "measure": goal.success_measure,
                "target": _date(goal.target_date),
                "attainment": texts.attainments.get(goal.attainment, "") if goal.attainment else "",
                "steps": steps,
            }
        )
    return {
        "t": texts.labels,
        "texts": texts,
        "case": case,
        "person_name": person_name,
        "birth_date": birth_date,
        "managers": ", ".join(user.display() for user in case.managers.all()),
        "organisation": case.organisation.name,
        "agreed_on": _date(plan.agreed_on) if plan and show_agreement else "",
        "agreement_form": (
            texts.agreement_forms.get(plan.agreement_form, "")
            if plan and show_agreement and plan.agreement_form
            else ""
        ),
        "show_agreement": show_agreement,
        "goals": rows,
        "printed_on": _date(today),
    }


def render_plan_pdf(context: dict[str, Any]) -> bytes:
    # Imported here: WeasyPrint loads Pango at import, which only the PDF needs.
    from weasyprint import HTML

    html = render_to_string("plans/pdf.html", context)
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


def texts_for(language: str) -> PlanTexts | None:
    return LANGUAGES.get(language)
