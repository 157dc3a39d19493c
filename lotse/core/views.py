from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from lotse.audit.log import record_reads
from lotse.cases.models import Case
from lotse.core.categories import DataCategory
from lotse.core.home import sections


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    my_cases = (
        Case.objects.visible_to(user)
        .filter(managers=user)
        .open()
        .select_related("person")
        .order_by("-opened_on")[:10]
    )
    home_sections = sections(request)
    # Names on the start page are reads like any list: the whole page is one append.
    identity = frozenset({DataCategory.IDENTITY.value})
    reads: list[tuple[int, int | None, frozenset[str]]] = [
        (case.person_id, case.pk, identity) for case in my_cases
    ]
    reads += [read for section in home_sections for read in section.reads]
    if reads:
        record_reads(user, reads, object_type="core.home")
    return render(request, "core/home.html", {"my_cases": my_cases, "sections": home_sections})


def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def ready(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means "not ready"
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
