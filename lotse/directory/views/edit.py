"""Creating, changing and confirming entries: the provider's staff and administrators."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.core.forms import add_action_errors
from lotse.directory.actions import (
    LOCATION_FIELDS,
    ServiceData,
    do_create_service,
    do_update_service,
    do_verify_service,
)
from lotse.directory.forms import LocationFormSet, ServiceForm
from lotse.directory.maintainers import maintainable_providers, may_maintain
from lotse.directory.models import Service


def _data(form: ServiceForm, locations: Any) -> ServiceData:
    fields = {name: value for name, value in form.cleaned_data.items() if name != "life_areas"}
    rows = [
        {name: row.get(name) for name in LOCATION_FIELDS}
        for row in locations.cleaned_data
        if row and not row.get("DELETE")
    ]
    for row in rows:
        for name in LOCATION_FIELDS:
            if row[name] is None and name not in ("latitude", "longitude"):
                row[name] = ""
    return ServiceData(
        fields=fields, life_areas=list(form.cleaned_data["life_areas"]), locations=rows
    )


def _form_page(request: HttpRequest, service: Service | None) -> HttpResponse:
    user: Any = request.user
    if request.method == "POST":
        form = ServiceForm(request.POST, instance=service, user=user)
        locations = LocationFormSet(request.POST, prefix="locations")
        if form.is_valid() and locations.is_valid():
            data = _data(form, locations)
            try:
                if service is None:
                    saved = do_create_service(user, data)
                else:
                    saved = do_update_service(user, service, data)
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                messages.success(request, _("The entry was saved."))
                return redirect("directory:detail", pk=saved.pk)
    else:
        initial = (
            [
                {name: getattr(loc, name) for name in LOCATION_FIELDS}
                for loc in service.locations.all()
            ]
            if service
            else []
        )
        form = ServiceForm(instance=service, user=user)
        locations = LocationFormSet(initial=initial, prefix="locations")
    return render(
        request,
        "directory/form.html",
        {"form": form, "locations": locations, "service": service},
    )


@login_required
def create_service(request: HttpRequest) -> HttpResponse:
    if not maintainable_providers(request.user).exists():
        raise PermissionDenied
    return _form_page(request, None)


def _maintained(request: HttpRequest, pk: int) -> Service:
    # Entries are public: a visible entry the user may not change is 403, not 404.
    service = get_object_or_404(Service, pk=pk)
    if not may_maintain(request.user, service.provider_id):
        raise PermissionDenied
    return service


@login_required
def edit_service(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_page(request, _maintained(request, pk))


@login_required
@require_POST
def verify_service(request: HttpRequest, pk: int) -> HttpResponse:
    service = _maintained(request, pk)
    do_verify_service(request.user, service)
    messages.success(request, _("Confirmed as still correct today."))
    return redirect("directory:detail", pk=service.pk)
