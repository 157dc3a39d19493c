"""Rendering outreach letters as PDF (WeasyPrint), each in the person's language.

A letter shows only what its reader may see: the name with the identity
category, the postal address with the contact category; otherwise the lines
stay empty for a handwritten address. Several letters become one PDF by
rendering each and joining their pages (WeasyPrint's documented way), so a
background job can count its progress letter by letter.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string

from lotse.access.visibility import categories_for_cases
from lotse.audit.log import Event, append
from lotse.audit.models import AuditAction
from lotse.cases.models import Case, CaseManagerAssignment
from lotse.core.categories import DataCategory
from lotse.outreach.letter_texts import LETTERS
from lotse.outreach.models import Campaign, CampaignRecipient
from lotse.people.models import Address, Person

IDENTITY = DataCategory.IDENTITY.value
CONTACT = DataCategory.CONTACT.value
RESIDENCE = DataCategory.RESIDENCE.value


@dataclass(frozen=True)
class Letter:
    recipient_id: int
    person_id: int
    language: str
    context: dict[str, Any]
    shown: frozenset[str]  # the categories the letter prints (for the audit)


def _date(value: datetime.date) -> str:
    # One numeric form for every language; isolated as LTR in the template.
    return value.strftime("%d.%m.%Y")


def letters_for(
    user: Any, campaign: Campaign, recipients: Iterable[CampaignRecipient], today: datetime.date
) -> list[Letter]:
    """Letter contexts for the recipients, in a fixed number of queries."""
    recipients = list(recipients)
    ids = [r.person_id for r in recipients]
    cats = categories_for_cases(user, [(pk, None) for pk in ids])
    persons = Person.objects.in_bulk([pk for pk in ids if IDENTITY in cats[(pk, None)]])
    addresses: dict[int, Any] = {}
    with_contact = [pk for pk in ids if CONTACT in cats[(pk, None)]]
    current: Any = Address.objects.filter(person_id__in=with_contact, valid_until__isnull=True)
    for row in current:
        addresses.setdefault(row.person_id, row)
    contacts = _contact_persons(campaign, ids)
    letters = []
    for recipient in recipients:
        texts = LETTERS.get(recipient.letter_language, LETTERS["de"])
        person = persons.get(recipient.person_id)
        address = addresses.get(recipient.person_id)
        name = f"{person.given_names} {person.family_name}".strip() if person else ""
        labels = texts.labels
        salutation = (
            labels["salutation"].replace("{name}", name) if name else labels["salutation_anonymous"]
        )
        shown = {RESIDENCE}
        if person:
            shown.add(IDENTITY)
        if address:
            shown.add(CONTACT)
        letters.append(
            Letter(
                recipient.pk,
                recipient.person_id,
                texts.language,
                {
                    "texts": texts,
                    "t": labels,
                    "name": name,
                    "address": address,
                    "salutation": salutation,
                    "body": texts.groups.get(campaign.group, ""),
                    "organisation": campaign.organisation.name,
                    "contact_person": contacts.get(recipient.person_id, ""),
                    "date": _date(today),
                    "reference": f"{campaign.pk}-{recipient.pk}",
                },
                frozenset(shown),
            )
        )
    return letters


def _contact_persons(campaign: Campaign, person_ids: list[int]) -> dict[int, str]:
    """The lead case manager of the person's open case at the campaign's organisation."""
    cases = Case.objects.filter(
        person_id__in=person_ids, organisation_id=campaign.organisation_id
    ).exclude(phase="closed")
    assignments = (
        CaseManagerAssignment.objects.filter(case__in=cases)
        .select_related("user", "case")
        .order_by("-is_lead", "since", "id")
    )
    found: dict[int, str] = {}
    for assignment in assignments:
        found.setdefault(assignment.case.person_id, assignment.user.display())
    return found


def render_html(letter: Letter) -> str:
    return render_to_string("outreach/letter.html", letter.context)


def render_pdf(letters: list[Letter], progress: Callable[[int], None] | None = None) -> bytes:
    """One PDF of all letters; `progress` is called after each rendered letter."""
    # Imported here: WeasyPrint loads Pango at import, which only the PDF needs.
    from weasyprint import HTML

    documents = []
    for number, letter in enumerate(letters, start=1):
        documents.append(HTML(string=render_html(letter)).render())
        if progress is not None:
            progress(number)
    if not documents:
        return b""
    pages = [page for document in documents for page in document.pages]
    pdf: bytes = documents[0].copy(pages).write_pdf()
    return pdf


def record_exports(user: Any, letters: list[Letter]) -> None:
    """A letter leaves the system: recorded as an export per person, with its language."""
    append(
        user,
        [
            Event(
                AuditAction.EXPORT,
                "outreach.letter",
                letter.recipient_id,
                letter.person_id,
                None,
                letter.shown,
                {"language": [None, letter.language]},
            )
            for letter in letters
        ],
    )


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
