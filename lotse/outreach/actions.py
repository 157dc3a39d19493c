"""Starting a campaign, recording who was informed, printing its letters.

Every function takes the acting user, runs in one transaction and writes its
audit entries in it. Views and the API call these and nothing else.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.visibility import categories_for_cases
from lotse.audit.log import Event, append, record, record_change, snapshot
from lotse.audit.models import AuditAction
from lotse.cases.models import Case, CaseManagerAssignment
from lotse.core.categories import DataCategory
from lotse.core.errors import StaleObject
from lotse.deadlines.actions import do_create_task
from lotse.network.models import Organisation
from lotse.outreach.choices import Channel
from lotse.outreach.letter_texts import letter_language, versions
from lotse.outreach.models import Campaign, CampaignRecipient, LetterPrint
from lotse.people.models import LanguageSkill
from lotse.residence.group_cache import lookup
from lotse.residence.groups import GROUPS

RESIDENCE = DataCategory.RESIDENCE.value
IDENTITY = DataCategory.IDENTITY.value
MAX_FOLLOW_UP_DAYS = 365


def _check_campaign(actor: Any, group: str, title: str, organisation: Organisation, days: int):
    errors: dict[str, list[str]] = {}
    if group not in GROUPS:
        errors["group"] = [_("Choose one of the target groups.")]
    if not title.strip():
        errors["title"] = [_("Give the campaign a title.")]
    if organisation.pk not in actor.case_organisation_ids:
        errors["organisation"] = [_("Only case staff of the organisation can start a campaign.")]
    if not 1 <= days <= MAX_FOLLOW_UP_DAYS:
        errors["follow_up_days"] = [
            _("Follow up after 1 to %(max)s days.") % {"max": MAX_FOLLOW_UP_DAYS}
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_create_campaign(
    actor: Any,
    *,
    group: str,
    title: str,
    organisation: Organisation,
    follow_up_days: int = 14,
    organisation_filter: int | None = None,
    manager_filter: int | None = None,
    today: datetime.date | None = None,
) -> Campaign:
    """A campaign over the target group as the actor sees it today.

    Only persons whose residence category the actor holds are in a target
    group at all (lotse.residence.groups); the letter language is read from
    the person's languages only where the actor holds the identity category.
    """
    _check_campaign(actor, group, title, organisation, follow_up_days)
    found = lookup(
        actor,
        group,
        today=today or timezone.localdate(),
        organisation_id=organisation_filter,
        manager_id=manager_filter,
    )
    if found.rows is None:
        raise ValidationError(
            {"group": [_("The target group is still being computed: try again when it is done.")]}
        )
    rows = found.rows
    if not rows:
        raise ValidationError({"group": [_("Nobody you may see is in this target group.")]})
    ids = [row.person_id for row in rows]
    cats = categories_for_cases(actor, [(pk, None) for pk in ids])
    named = [pk for pk in ids if IDENTITY in cats[(pk, None)]]
    skills: dict[int, list[tuple[str, str]]] = {}
    for person_id, language, level in LanguageSkill.objects.filter(person_id__in=named).values_list(
        "person_id", "language", "level"
    ):
        skills.setdefault(person_id, []).append((language, level))
    campaign = Campaign.objects.create(
        organisation=organisation,
        group=group,
        title=title.strip(),
        follow_up_days=follow_up_days,
        letter_versions=versions(),
        created_by=actor,
    )
    recipients = CampaignRecipient.objects.bulk_create(
        CampaignRecipient(
            campaign=campaign, person_id=pk, letter_language=letter_language(skills.get(pk, ()))
        )
        for pk in ids
    )
    record(
        actor,
        AuditAction.CREATE,
        object_type="outreach.campaign",
        object_id=campaign.pk,
        changes={"group": [None, group], "recipients": [None, len(ids)]},
    )
    # Putting a person on the list reads their residence data: one entry per person.
    append(
        actor,
        [
            Event(
                AuditAction.CREATE,
                "outreach.campaignrecipient",
                recipient.pk,
                recipient.person_id,
                None,
                frozenset({RESIDENCE}),
                {"campaign": [None, campaign.pk]},
            )
            for recipient in recipients
        ],
    )
    return campaign


def _follow_up_case(campaign: Campaign, person_id: int) -> tuple[Case | None, Any]:
    """The person's open case at the campaign's organisation and its lead manager."""
    case = (
        Case.objects.filter(person_id=person_id, organisation_id=campaign.organisation_id)
        .exclude(phase="closed")
        .order_by("opened_on", "id")
        .first()
    )
    if case is None:
        return None, None
    assignment = (
        CaseManagerAssignment.objects.filter(case=case)
        .select_related("user")
        .order_by("-is_lead", "since", "id")
        .first()
    )
    return case, assignment.user if assignment else None


@transaction.atomic
def do_record_informed(
    actor: Any,
    recipient: CampaignRecipient,
    *,
    informed_on: datetime.date,
    channel: str,
    expected_version: int | None = None,
) -> CampaignRecipient:
    """Record when and how the person was informed, and set the follow-up task.

    The task goes to the lead case manager of the person's open case at the
    campaign's organisation, due `follow_up_days` after the day informed; a
    person without such a case is recorded without a task.
    """
    current = (
        CampaignRecipient.objects.select_for_update()
        .select_related("campaign")
        .get(pk=recipient.pk)
    )
    if expected_version is not None and current.version != expected_version:
        raise StaleObject(
            _("Someone else changed this entry in the meantime (version %(v)s).")
            % {"v": current.version}
        )
    errors: dict[str, list[str]] = {}
    if channel not in Channel.values:
        errors["channel"] = [_("Say how the person was informed.")]
    today = timezone.localdate()
    if informed_on > today:
        errors["informed_on"] = [_("This date lies in the future.")]
    elif informed_on < current.campaign.created_on:
        errors["informed_on"] = [_("The day informed cannot lie before the campaign started.")]
    if current.informed_on is not None:
        errors["informed_on"] = [_("It is already recorded that this person was informed.")]
    if errors:
        raise ValidationError(errors)
    before = snapshot(current)
    current.informed_on = informed_on
    current.channel = channel
    current.informed_by = actor
    current.version += 1
    case, manager = _follow_up_case(current.campaign, current.person_id)
    if case is not None and manager is not None:
        due = max(informed_on + datetime.timedelta(days=current.campaign.follow_up_days), today)
        current.follow_up = do_create_task(
            actor,
            case,
            title=_("Follow up: %(campaign)s") % {"campaign": current.campaign.title},
            note=_("Informed on %(day)s (%(channel)s) in the campaign „%(campaign)s“.")
            % {
                "day": informed_on.strftime("%d.%m.%Y"),
                "channel": Channel(channel).label,
                "campaign": current.campaign.title,
            },
            due_on=due,
            assignee=manager,
        )
    current.save()
    record_change(actor, current, before)
    return current


INLINE_LETTERS = 25


@transaction.atomic
def do_start_print(actor: Any, campaign: Campaign, recipient_ids: list[int]) -> LetterPrint:
    """A background job rendering the given (visible) recipients' letters into one PDF."""
    if not recipient_ids:
        raise ValidationError(_("There are no letters to print."))
    job = LetterPrint.objects.create(
        campaign=campaign, started_by=actor, recipient_ids=recipient_ids, total=len(recipient_ids)
    )
    record(
        actor,
        AuditAction.CREATE,
        object_type="outreach.letterprint",
        object_id=job.pk,
        changes={"campaign": [None, campaign.pk], "letters": [None, len(recipient_ids)]},
    )

    def enqueue() -> None:
        from lotse.outreach.tasks import print_letters

        result = print_letters.enqueue(job.pk)
        LetterPrint.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id)[:64])

    transaction.on_commit(enqueue)
    return job
