"""The audit trail for data-protection officers: read-only by design.

There is deliberately no view that edits or deletes an entry; the model and,
on PostgreSQL, a trigger refuse it as well.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from lotse.access.visibility import Action
from lotse.accounts.models import Membership, User
from lotse.audit.display import rows_for
from lotse.audit.export import export_filename, stream_csv
from lotse.audit.forms import AuditFilterForm
from lotse.audit.log import record, record_read
from lotse.audit.models import AuditAction, AuditEntryQuerySet
from lotse.audit.scope import audit_scope, dpo_organisation_ids, is_dpo
from lotse.core.categories import DataCategory
from lotse.people.models import Person

PAGE_SIZE = 50

View = Callable[..., HttpResponseBase]


def dpo_required(view: View) -> View:
    """Only data-protection officers, only reading; others get the same 404 as a missing page."""

    @require_GET
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_dpo(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _render_list(
    request: HttpRequest,
    entries: AuditEntryQuerySet,
    *,
    heading: str,
    export_query: str,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    entries = form.apply(entries).select_related("organisation").order_by("-id")
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "heading": heading,
        "form": form,
        "page": page,
        "rows": rows_for(request.user, page.object_list),
        "query": query.urlencode(),
        "export_url": f"{reverse('audit:export')}?{export_query or query.urlencode()}",
        **(extra or {}),
    }
    return render(request, "audit/index.html", context)


@dpo_required
def index(request: HttpRequest) -> HttpResponse:
    return _render_list(
        request, audit_scope(request.user), heading=str(_("Audit trail")), export_query=""
    )


@dpo_required
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    subject = get_object_or_404(Person.objects.visible_to(request.user, Action.AUDIT), pk=person_id)
    # Showing who touched a person shows the person's name: that read is audited too.
    record_read(request.user, person_id=subject.pk, categories=[DataCategory.IDENTITY])
    query = request.GET.copy()
    query.pop("page", None)
    query["person"] = str(subject.pk)
    return _render_list(
        request,
        audit_scope(request.user).filter(person_id=subject.pk),
        heading=str(_("Audit trail of %(person)s") % {"person": subject.display_name}),
        export_query=query.urlencode(),
        extra={"subject_person": subject},
    )


@dpo_required
def user(request: HttpRequest, user_id: int) -> HttpResponse:
    scope = audit_scope(request.user)
    subject = get_object_or_404(User, pk=user_id)
    is_member = Membership.objects.filter(
        user=subject, organisation_id__in=dpo_organisation_ids(request.user)
    ).exists()
    # A user outside the organisation is known to the DPO only through entries in scope.
    if not is_member and not scope.filter(actor_id=subject.pk).exists():
        raise Http404
    query = request.GET.copy()
    query.pop("page", None)
    query["user"] = subject.username
    return _render_list(
        request,
        scope.filter(actor_id=subject.pk),
        heading=str(_("Audit trail of user %(user)s") % {"user": subject.username}),
        export_query=query.urlencode(),
        extra={"subject_user": subject},
    )


@dpo_required
def export(request: HttpRequest) -> HttpResponseBase:
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # Never export more than the DPO asked for: show the errors instead.
        return redirect(f"{reverse('audit:index')}?{request.GET.urlencode()}")
    entries = form.apply(audit_scope(request.user)).select_related("organisation").order_by("-id")
    record(
        request.user,
        AuditAction.EXPORT,
        object_type="audit.auditentry",
        changes={"filters": [None, form.active_filters]},
    )
    response = StreamingHttpResponse(
        stream_csv(request.user, entries), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{export_filename()}"'
    response["Cache-Control"] = "no-store"
    return response
