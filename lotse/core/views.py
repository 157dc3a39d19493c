from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from lotse.cases.models import Case


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
    return render(request, "core/home.html", {"my_cases": my_cases})


def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def ready(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means "not ready"
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
