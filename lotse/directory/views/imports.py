from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lotse.directory.forms import ImportForm
from lotse.directory.maintainers import maintainable_providers
from lotse.directory.transfer import ImportFailed, read_rows
from lotse.directory.transfer import import_services as run_import

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


@login_required
def import_services(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    providers = maintainable_providers(user)
    if not providers.exists():
        raise PermissionDenied
    errors: list[tuple[int, str]] = []
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_UPLOAD_BYTES:
                raise ImportFailed([(0, _("The file is larger than 10 MB."))])
            rows = read_rows(upload.name, upload.read())
            created, updated = run_import(user, rows)
        except ImportFailed as failed:
            errors = failed.errors
        else:
            messages.success(
                request,
                _("Imported: %(created)s new entries, %(updated)s changed.")
                % {"created": created, "updated": updated},
            )
            return redirect("directory:list")
    return render(
        request,
        "directory/import.html",
        {"form": form, "errors": errors, "providers": providers},
        status=400 if errors else 200,
    )
