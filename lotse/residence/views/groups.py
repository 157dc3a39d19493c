"""Target groups across visible persons, with an XLSX export of exactly what is shown."""

import io
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.audit.log import Event, append, record_reads
from lotse.audit.models import AuditAction
from lotse.residence.forms import TargetGroupForm
from lotse.residence.group_cache import lookup
from lotse.residence.groups import GROUPS, GroupRow
from lotse.residence.views.common import IDENTITY, RESIDENCE

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _shown(row: GroupRow) -> set[str]:
    return {RESIDENCE, IDENTITY} if row.person else {RESIDENCE}


@login_required
def groups(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = TargetGroupForm(request.GET or None, user=user)
    rows: list[GroupRow] = []
    group = ""
    computing = None
    if form.is_valid():
        group = form.cleaned_data["group"]
        organisation, manager = form.cleaned_data["organisation"], form.cleaned_data["manager"]
        found = lookup(
            user,
            group,
            today=timezone.localdate(),
            organisation_id=organisation.pk if organisation else None,
            manager_id=manager.pk if manager else None,
        )
        if found.rows is None:
            computing = found.result  # a background job: the page shows its progress
        else:
            rows = found.rows
    if group and computing is None and request.GET.get("format") == "xlsx":
        # An export leaves the system: recorded as such, per person, like the audit export.
        append(
            user,
            [
                Event(
                    AuditAction.EXPORT,
                    "residence.targetgroup",
                    r.person_id,
                    r.person_id,
                    None,
                    frozenset(_shown(r)),
                    {"group": group},
                )
                for r in rows
            ],
        )
        return _xlsx(group, rows)
    record_reads(user, [(r.person_id, None, _shown(r)) for r in rows])
    return render(
        request,
        "residence/groups.html",
        {
            "form": form,
            "rows": rows,
            "group_label": GROUPS.get(group, ""),
            "group": group,
            "computing": computing,
            "query": request.GET.urlencode(),
        },
    )


def _xlsx(group: str, rows: list[GroupRow]) -> HttpResponse:
    from openpyxl import Workbook

    book = Workbook()
    sheet: Any = book.active
    sheet.title = str(GROUPS[group])[:31]
    sheet.append(
        [
            _("Person number"),
            _("Family name"),
            _("Given names"),
            _("Date of birth"),
            _("Status"),
            _("Legal basis"),
            _("Valid from"),
            _("Valid until"),
            _("Outcome"),
            _("Date"),
        ]
    )
    for row in rows:
        person = row.person
        # Identity columns stay empty where the reader does not hold the identity.
        sheet.append(
            [
                row.person_id,
                person.family_name if person else "",
                person.given_names if person else "",
                person.birth_date if person and person.birth_date else None,
                str(row.current.get_kind_display()),
                row.current.paragraph,
                row.current.valid_from,
                row.current.valid_until,
                row.outcome_label,
                row.due,
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="zielgruppe-{group}.xlsx"'
    return response
