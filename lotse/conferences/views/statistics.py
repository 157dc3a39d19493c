from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lotse.accounts.choices import Role
from lotse.conferences.statistics import MIN_CELL, conference_figures
from lotse.core.reports import run_report


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    # The coordinating office steers with figures; case staff have their cases instead.
    if not user.has_role(Role.COORDINATOR):
        raise PermissionDenied
    return render(
        request,
        "conferences/statistics.html",
        {
            # From the reports replica when there is one; the audit entry goes to the primary.
            "figures": run_report(user, "conferences.statistics", conference_figures),
            "min_cell": MIN_CELL,
        },
    )
