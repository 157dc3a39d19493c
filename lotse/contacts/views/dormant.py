"""Dormant cases and closing them in bulk as a background job whose progress shows."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lotse.accounts.models import User
from lotse.audit.log import record_reads
from lotse.contacts.actions import do_start_bulk_closure
from lotse.contacts.dormant import cutoff, default_weeks, dormant_cases, with_last_contact
from lotse.contacts.forms import BulkCloseForm, DormantFilterForm
from lotse.contacts.models import BulkClosure
from lotse.core.categories import DataCategory

PAGE_SIZE = 50
# A row shows the person's name (identity) and the date of the last contact (case notes).
SHOWN = (DataCategory.IDENTITY.value, DataCategory.CASE_NOTES.value)


def _require_case_staff(user: Any) -> None:
    if not user.case_organisation_ids:
        raise Http404


@login_required
def dormant_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    _require_case_staff(user)
    filters = DormantFilterForm(request.GET or None)
    weeks = default_weeks()
    if filters.is_valid() and filters.cleaned_data.get("weeks"):
        weeks = filters.cleaned_data["weeks"]
    cases = (
        dormant_cases(user, weeks)
        .select_related("person")
        .prefetch_related(Prefetch("managers", queryset=User.objects.order_by("username")))
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = with_last_contact(list(page.object_list))
    record_reads(user, [(c.person_id, c.pk, SHOWN) for c in rows], object_type="cases.case")
    return render(
        request,
        "contacts/dormant.html",
        {
            "filters": filters,
            "weeks": weeks,
            "since": cutoff(weeks),
            "page": page,
            "cases": rows,
            "close_form": BulkCloseForm(),
            "jobs": list(BulkClosure.objects.of_user(user)[:5]),
        },
    )


@require_POST
@login_required
def bulk_close(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    _require_case_staff(user)
    form = BulkCloseForm(request.POST)
    back = reverse("contacts:dormant")
    if request.POST.get("weeks", "").isdigit():
        back += f"?weeks={int(request.POST['weeks'])}"
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect(back)
    try:
        job = do_start_bulk_closure(
            user, form.cleaned_data["cases"], reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(back)
    return redirect("contacts:bulk_closure", pk=job.pk)


@login_required
def bulk_closure(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(BulkClosure.objects.of_user(request.user), pk=pk)
    template = (
        "contacts/_job.html" if getattr(request, "htmx", False) else "contacts/bulk_closure.html"
    )
    return render(request, template, {"job": job})
