"""The contact log: one short form on the case page (HTMX), and the whole log of a case."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lotse.access.visibility import categories_for
from lotse.audit.log import record_read
from lotse.cases.models import Case
from lotse.cases.panels import CaseView
from lotse.contacts.actions import do_record_contact
from lotse.contacts.forms import ContactForm
from lotse.contacts.models import Contact
from lotse.contacts.panels import contact_panel_context
from lotse.contacts.views.common import changeable_case
from lotse.core.categories import DataCategory
from lotse.core.forms import add_action_errors

NOTES = DataCategory.CASE_NOTES.value


def _panel(request: HttpRequest, case: Case, form: ContactForm | None, *, saved: bool) -> Any:
    view = CaseView(request=request, case=case, categories=frozenset({NOTES}), can_change=True)
    context = contact_panel_context(view, form)
    record_read(
        request.user,
        person_id=case.person_id,
        case_id=case.pk,
        categories=[NOTES],
        object_type="contacts.contact",
        object_id=case.pk,
    )
    return render(
        request,
        "contacts/_panel.html",
        {"panel": context, "case": case, "can_change": True, "saved": saved},
    )


@login_required
def add_contact(request: HttpRequest, pk: int) -> HttpResponse:
    case = changeable_case(request, pk)
    htmx = bool(getattr(request, "htmx", False))
    if request.method == "POST":
        form = ContactForm(request.POST)
        if form.is_valid():
            try:
                do_record_contact(request.user, case, **form.cleaned_data)
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                if htmx:
                    return _panel(request, case, ContactForm(), saved=True)
                messages.success(request, _("The contact was recorded."))
                return redirect("cases:detail", pk=case.pk)
        if htmx:
            # 200: htmx swaps only successful answers, and the errors must show.
            return _panel(request, case, form, saved=False)
    else:
        form = ContactForm()
    return render(
        request,
        "contacts/form.html",
        {
            "case": case,
            "form": form,
            "multipart": False,
            "title": _("Record a contact for case %(reference)s") % {"reference": case.reference},
            "submit": _("Record contact"),
        },
    )


@login_required
def contact_list(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    case = get_object_or_404(Case.objects.visible_to(user), pk=pk)
    released = NOTES in categories_for(user, case.person_id, case.pk)
    page = None
    if released:
        contacts = Contact.objects.visible_to(user).filter(case=case).select_related("recorded_by")
        page = Paginator(contacts, 50).get_page(request.GET.get("page"))
        record_read(
            user,
            person_id=case.person_id,
            case_id=case.pk,
            categories=[NOTES],
            object_type="contacts.contact",
            object_id=case.pk,
        )
    return render(request, "contacts/list.html", {"case": case, "page": page, "released": released})
