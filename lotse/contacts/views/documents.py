"""Case documents: upload by the owner's case staff, download only through the visibility check."""

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lotse.access.visibility import Action
from lotse.audit.log import record_read
from lotse.contacts import storage
from lotse.contacts.actions import do_delete_document, do_upload_document
from lotse.contacts.forms import DocumentForm
from lotse.contacts.models import Document
from lotse.contacts.uploads import max_bytes
from lotse.contacts.views.common import changeable_case
from lotse.core.forms import add_action_errors


@login_required
def upload_document(request: HttpRequest, pk: int) -> HttpResponse:
    case = changeable_case(request, pk)
    if request.method == "POST":
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                document = do_upload_document(
                    request.user,
                    case,
                    data_category=form.cleaned_data["data_category"],
                    title=form.cleaned_data["title"],
                    name=upload.name or "",
                    # One byte over the limit is enough for the action to refuse it;
                    # a huge upload is never read into memory whole.
                    content=upload.read(max_bytes() + 1),
                )
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                messages.success(
                    request, _("The document %(title)s was stored.") % {"title": document.title}
                )
                return redirect("cases:detail", pk=case.pk)
    else:
        form = DocumentForm()
    return render(
        request,
        "contacts/form.html",
        {
            "case": case,
            "form": form,
            "multipart": True,
            "title": _("Upload a document to case %(reference)s") % {"reference": case.reference},
            "submit": _("Upload"),
        },
    )


@require_GET
@login_required
def document(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    found = get_object_or_404(Document.objects.visible_to(user).select_related("case"), pk=pk)
    return document_response(user, found)


def document_response(user: Any, found: Document) -> HttpResponse:
    """The decrypted file, recorded as a read of the document's category."""
    try:
        content = storage.read(found.stored_name)
    except storage.DocumentUnreadable:
        raise Http404 from None
    record_read(
        user,
        person_id=found.case.person_id,
        case_id=found.case_id,
        categories=[found.data_category],
        object_type="contacts.document",
        object_id=found.pk,
    )
    response = HttpResponse(content, content_type=found.content_type)
    # Always a download: a browser must not render an uploaded file inside Lotse's origin.
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(found.original_name)}"
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@login_required
def delete_document(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    found = get_object_or_404(Document.objects.visible_to(user, Action.CHANGE), pk=pk)
    case_id = found.case_id
    do_delete_document(user, found)
    messages.success(request, _("The document %(title)s was deleted.") % {"title": found.title})
    return redirect("cases:detail", pk=case_id)
