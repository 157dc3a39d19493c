"""Campaign pages: start one from a target group, follow who was informed, print letters."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.access.visibility import categories_for_cases
from lotse.audit.log import record_reads
from lotse.contacts import storage
from lotse.contacts.choices import JobStatus
from lotse.core.categories import DataCategory
from lotse.core.errors import StaleObject
from lotse.outreach.access import campaign_for, recipient_for, recipients_of, require_case_staff
from lotse.outreach.actions import (
    INLINE_LETTERS,
    do_create_campaign,
    do_record_informed,
    do_start_print,
)
from lotse.outreach.forms import CampaignForm, InformedForm
from lotse.outreach.letter_texts import LETTERS
from lotse.outreach.letters import letters_for, pdf_response, record_exports, render_pdf
from lotse.outreach.models import Campaign, LetterPrint
from lotse.people.models import Person
from lotse.residence.groups import GROUPS

RESIDENCE = DataCategory.RESIDENCE.value
IDENTITY = DataCategory.IDENTITY.value


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    campaigns = Campaign.objects.of_user(user).select_related("organisation", "created_by")
    rows = [(c, GROUPS.get(c.group, c.group)) for c in campaigns[:200]]
    return render(request, "outreach/list.html", {"rows": rows})


@login_required
def create_campaign(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    require_case_staff(user)
    form = CampaignForm(request.POST or None, user=user, initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = do_create_campaign(
                user,
                group=data["group"],
                title=data["title"],
                organisation=data["owner"],
                follow_up_days=data["follow_up_days"],
                organisation_filter=data["organisation"].pk if data["organisation"] else None,
                manager_filter=data["manager"].pk if data["manager"] else None,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The campaign was started."))
            return redirect("outreach:detail", pk=campaign.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "outreach/form.html", {"form": form}, status=status)


def _named(user: Any, person_ids: list[int]) -> dict[int, Person]:
    cats = categories_for_cases(user, [(pk, None) for pk in person_ids])
    return Person.objects.in_bulk([pk for pk in person_ids if IDENTITY in cats[(pk, None)]])


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    campaign = campaign_for(user, pk)
    recipients = list(recipients_of(user, campaign).select_related("follow_up", "informed_by"))
    persons = _named(user, [r.person_id for r in recipients])
    rows = [(r, persons.get(r.person_id), LETTERS[r.letter_language].name) for r in recipients]
    shown = [
        (r.person_id, None, {RESIDENCE, IDENTITY} if r.person_id in persons else {RESIDENCE})
        for r in recipients
    ]
    record_reads(user, shown)
    job = LetterPrint.objects.of_user(user).filter(campaign=campaign).first()
    return render(
        request,
        "outreach/detail.html",
        {
            "campaign": campaign,
            "group_label": GROUPS.get(campaign.group, campaign.group),
            "rows": rows,
            "total": campaign.recipients.count(),
            "informed": sum(1 for r in recipients if r.informed_on),
            "inline_letters": len(recipients) <= INLINE_LETTERS,
            "job": job,
            "form": InformedForm(),
        },
    )


@login_required
def recipient_letter(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    recipient = recipient_for(user, pk)
    letters = letters_for(user, recipient.campaign, [recipient], timezone.localdate())
    pdf = render_pdf(letters)
    record_exports(user, letters)
    return pdf_response(pdf, f"brief-{recipient.campaign_id}-{recipient.pk}.pdf")


@login_required
def campaign_letters(request: HttpRequest, pk: int) -> HttpResponse:
    """All letters at once while the group is small; larger ones go to a background job."""
    user: Any = request.user
    campaign = campaign_for(user, pk)
    recipients = list(recipients_of(user, campaign))
    if len(recipients) > INLINE_LETTERS:
        messages.info(request, _("This campaign is large: prepare its letters for printing."))
        return redirect("outreach:detail", pk=campaign.pk)
    letters = letters_for(user, campaign, recipients, timezone.localdate())
    pdf = render_pdf(letters)
    record_exports(user, letters)
    return pdf_response(pdf, f"briefe-{campaign.pk}.pdf")


@login_required
@require_POST
def start_print(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    campaign = campaign_for(user, pk)
    ids = list(recipients_of(user, campaign).values_list("pk", flat=True))
    try:
        job = do_start_print(user, campaign, ids)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("outreach:detail", pk=campaign.pk)
    return redirect("outreach:print_state", pk=job.pk)


@login_required
def print_state(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    job = get_object_or_404(LetterPrint.objects.of_user(user).select_related("campaign"), pk=pk)
    template = (
        "outreach/_print.html" if request.headers.get("HX-Request") else "outreach/print.html"
    )
    return render(request, template, {"job": job})


@login_required
def print_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    job = get_object_or_404(LetterPrint.objects.of_user(user), pk=pk)
    if job.status != JobStatus.DONE or not job.stored_name:
        raise Http404
    try:
        pdf = storage.read(job.stored_name)
    except storage.DocumentUnreadable:
        raise Http404 from None
    return pdf_response(pdf, f"briefe-{job.campaign_id}.pdf")


@login_required
def record_informed(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    recipient = recipient_for(user, pk)
    form = InformedForm(request.POST or None, initial={"version": recipient.version})
    if request.method == "POST" and form.is_valid():
        try:
            do_record_informed(
                user,
                recipient,
                informed_on=form.cleaned_data["informed_on"],
                channel=form.cleaned_data["channel"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleObject as stale:
            form.add_error(None, stale.messages)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Recorded."))
            return redirect("outreach:detail", pk=recipient.campaign_id)
    person = _named(user, [recipient.person_id]).get(recipient.person_id)
    record_reads(
        user, [(recipient.person_id, None, {RESIDENCE, IDENTITY} if person else {RESIDENCE})]
    )
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "outreach/informed.html",
        {"form": form, "recipient": recipient, "person": person},
        status=status,
    )
