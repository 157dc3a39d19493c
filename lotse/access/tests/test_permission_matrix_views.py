"""Generated: every view and API endpoint × every role × organisation relation × consent state.

URLs are discovered from the URL configuration; each must be classified in
RULES (a new view that is not fails `test_it_classifies_every_url`), so no
page can be added without being checked here. Expectations come from the
reference model in lotse.testing.matrix, never from the code under test.
"""

import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lotse.accounts.choices import Role
from lotse.testing import factories as f
from lotse.testing import matrix as m
from lotse.testing.auth import login_verified

# What an object-bound URL needs: which object fills its kwargs and who may reach it.
#   person_view / case_view: seeing the person or case at all
#   person_change / case_change: owner case staff only
#   consent_view: owner case staff; dpo_person: the owner's DPO
# Lists and forms without an object: any_user, case_staff, dpo, admin, public.
RULES: dict[str, str] = {
    "core:home": "any_user",
    # Lists filter by visibility: any status a role gets is fine, the content is checked.
    "people:search": "list",
    "cases:list": "list",
    "api:api-root": "any_user",
    "api:person-list": "any_user",
    "api:case-list": "any_user",
    "api:consent-list": "any_user",
    "api:organisation-list": "any_user",
    "api:organisation-detail": "any_org",
    "people:create": "case_staff",
    "cases:create": "person_change",
    "people:detail": "person_view_or_dpo",
    "people:cases": "person_view_or_dpo",
    "people:consents": "person_view_or_dpo",
    "people:household": "person_view_or_dpo",
    "api:person-detail": "person_view",
    "people:audit": "dpo_person",
    "audit:person": "dpo_person",
    "api:audit-detail": "dpo_audit_entry",
    "audit:index": "dpo",
    "audit:export": "dpo",
    "audit:user": "dpo_user",
    "api:audit-list": "dpo",
    "api:audit-export": "dpo",
    "people:edit": "person_change",
    "people:add_detail": "person_change",
    "people:remove_detail": "person_change",
    "consents:create": "person_change",
    "cases:detail": "case_view",
    "api:case-detail": "case_view",
    "api:case-participants": "case_view",
    "cases:edit": "case_change",
    "cases:phase": "case_change",
    "cases:close": "case_change",
    "cases:assign": "case_change",
    "cases:participant_add": "case_change",
    "cases:participant_remove": "case_change",
    "api:case-phase": "case_change",
    "api:case-close": "case_change",
    "api:case-participant": "case_change",
    "api:consent-detail": "consent_view",
    "api:consent-withdraw": "consent_view",
    "consents:withdraw": "consent_view",
    "consents:document": "consent_document",
    "network:organisations": "admin",
    "network:organisation_create": "admin",
    "network:organisation_edit": "admin_org",
    "network:team_create": "admin_org",
    "network:team_edit": "admin_org",
    "network:team_delete": "admin_org",
    "network:users": "admin",
    "network:user_create": "admin",
    "network:user_edit": "admin_user",
    "network:membership_add": "admin_user",
    "network:membership_remove": "admin_user",
    # Intake and assessment (lotse.intake).
    "intake:start": "case_staff",
    "intake:new_person": "case_staff",
    "intake:record": "person_change",
    "intake:detail": "intake_view",
    "intake:assess": "case_change",
    "intake:assessment_history": "case_view",
    "api:intake-list": "any_user",
    "api:intake-detail": "intake_view",
    "api:assessment-list": "any_user",
    "api:assessment-detail": "assessment_view",
    "api:case-phases": "case_view",
    "plans:goal_add": "case_change",
    "plans:agreement": "case_change",
    "plans:pdf": "case_view",
    "plans:goal_edit": "goal_change",
    "plans:goal_review": "goal_change",
    "plans:step_add": "goal_change",
    "plans:step_edit": "step_change",
    "api:plan-detail": "case_view",
    "api:plan-agreement": "case_change",
    "api:goal-list": "any_user",
    "api:goal-detail": "goal_view",
    "api:goal-review": "goal_change",
    "api:step-list": "any_user",
    "api:step-detail": "step_view",
    # Contacts and documents (lotse.contacts).
    "contacts:list": "case_view",
    "contacts:add": "case_change",
    "contacts:upload": "case_change",
    "contacts:document": "document_view",
    "contacts:document_delete": "document_change",
    "contacts:dormant": "list",
    "contacts:bulk_close": "case_staff",
    "contacts:bulk_closure": "own_job",
    "api:contact-list": "any_user",
    "api:contact-detail": "contact_view",
    "api:document-list": "any_user",
    "api:document-detail": "document_view",
    "api:document-content": "document_view",
    "api:dormant-case-list": "any_user",
    "api:bulk-closure-list": "any_user",
    "api:bulk-closure-detail": "own_job",
    # Follow-ups (lotse.deadlines): the owner's case staff only; team pages for team leads.
    "deadlines:mine": "list",
    "deadlines:create": "case_change",
    "deadlines:edit": "task_change",
    "deadlines:complete": "task_change",
    "deadlines:calendar": "any_user",
    "deadlines:calendar_rotate": "any_user",
    "deadlines:calendar_revoke": "any_user",
    "deadlines:caseload": "team_lead",
    "deadlines:member_cases": "team_lead_member",
    "deadlines:reassign": "team_lead_case",
    "api:task-list": "any_user",
    "api:task-detail": "task_change",
    "api:task-complete": "task_change",
    "api:dashboard": "any_user",
    "api:calendar-feed": "any_user",
    "api:caseload-list": "team_lead",
    "api:caseload-reassign": "team_lead",
    # Case conferences (lotse.conferences): the world's conference discusses residence
    # data with the participant; it stays in the world when the release ends.
    "conferences:schedule": "case_change",
    "conferences:detail": "conference_view",
    "conferences:minutes": "conference_change",
    "conferences:decide": "conference_change",
    "conferences:statistics": "coordinator",
    "api:conference-list": "any_user",
    "api:conference-detail": "conference_view",
    "api:conference-decisions": "conference_change",
    # Individual participants and attendance: the organiser's; minutes read like the
    # conference (GET here), written by the organiser (lotse/conferences/tests).
    "conferences:attendee_add": "conference_change",
    "conferences:attendance": "conference_change",
    "api:conference-attendees": "conference_change",
    "api:conference-attendance": "conference_change",
    "api:conference-minutes": "conference_view",
    # Residence: reading needs the residence category, changing the owner's case staff.
    "residence:deadlines": "list",
    "residence:groups": "list",
    "residence:person": "person_residence",
    "residence:evaluation": "person_residence",
    "residence:facts": "person_change",
    "residence:evaluate": "person_change",
    "residence:add": "person_change",
    "residence:change": "person_change",
    "residence:remove": "person_change",
    "api:person-pathways": "person_residence",
    "api:residence-facts-detail": "person_residence",
    "api:status-period-list": "list",
    "api:language-certificate-list": "list",
    "api:employment-spell-list": "list",
    "api:benefit-period-list": "list",
    "api:conviction-list": "list",
    "api:child-list": "list",
    "api:evaluation-list": "list",
    "api:status-period-detail": "residence_row",
    "api:language-certificate-detail": "residence_row",
    "api:employment-spell-detail": "residence_row",
    "api:benefit-period-detail": "residence_row",
    "api:conviction-detail": "residence_row",
    "api:child-detail": "residence_row",
    "api:evaluation-detail": "residence_row",
    # Service directory (lotse.directory): public information every signed-in user
    # reads; the provider's members and administrators maintain an entry. The
    # distance from a person's address needs their contact data (QUERIES below).
    "directory:list": "any_user",
    "directory:detail": "any_service",
    "directory:create": "any_user",
    "directory:import": "any_user",
    "directory:edit": "service_change",
    "directory:verify": "service_change",
    "api:service-list": "any_user",
    "api:service-detail": "any_service",
    "api:service-verify": "service_change",
    # Duplicate review (lotse.dedupe): DPOs and administrators reach the queue; a
    # pair or merge only whoever reads both persons' identity for review.
    "dedupe:queue": "reviewer",
    "dedupe:merge": "dedupe_pair",
    "dedupe:distinct": "dedupe_pair",
    "dedupe:undo": "dedupe_merge",
    "api:duplicate-list": "list",
    "api:duplicate-detail": "dedupe_pair",
    "api:duplicate-merge": "dedupe_pair",
    "api:duplicate-distinct": "dedupe_pair",
    "api:merge-list": "list",
    "api:merge-detail": "dedupe_merge",
    "api:merge-undo": "dedupe_merge",
    # lotse.outreach: a campaign is its organisation's (the owner's case staff); each
    # recipient needs the residence category too; a print run only its starter's.
    "outreach:list": "list",
    "outreach:create": "case_staff",
    "outreach:detail": "campaign_view",
    "outreach:letters": "campaign_view",
    "outreach:print": "campaign_view",
    "outreach:letter": "recipient_view",
    "outreach:informed": "recipient_view",
    "outreach:print_state": "own_job",
    "outreach:print_pdf": "own_job",
    "api:campaign-list": "any_user",
    "api:campaign-detail": "campaign_view",
    "api:campaign-recipient-informed": "recipient_view",
    "api:campaign-letters": "campaign_view",
    "api:campaign-print": "campaign_view",
    "api:campaign-recipient-letter": "recipient_view",
    "api:letter-print-detail": "own_job",
    "api:letter-print-pdf": "own_job",
    "api:residence-deadlines": "list",
    "api:residence-target-groups": "list",
    # Referrals and hand-overs (lotse.referrals): the world's referral and hand-over go
    # from the owner to the participant organisation; its case staff see them whatever
    # the consent state (the loop must close), the person's data only as released.
    "referrals:inbox": "case_staff",
    "referrals:create": "case_change",
    "referrals:handover": "case_change",
    "referrals:detail": "referral_view",
    "referrals:move": "referral_move",
    "referrals:handover_answer": "handover_answer",
    "referrals:handover_cancel": "handover_cancel",
    "api:referral-list": "any_user",
    "api:referral-detail": "referral_view",
    "api:referral-move": "referral_move",
    "api:handover-list": "any_user",
    "api:handover-detail": "referral_view",
    "api:handover-answer": "handover_answer",
    "api:handover-cancel": "handover_cancel",
}
# The world's residence row behind each detail URL of the residence API.
RESIDENCE_ROWS = {
    "api:status-period-detail": "status_period",
    "api:language-certificate-detail": "language_certificate",
    "api:employment-spell-detail": "employment_spell",
    "api:benefit-period-detail": "benefit_period",
    "api:conviction-detail": "conviction",
    "api:child-detail": "child",
    "api:evaluation-detail": "evaluation",
}
CHANGE_RULES = ("person_change", "case_change", "consent_view", "admin_org", "admin_user")
# Plan rows (lotse.plans): owner case staff change them, like the case itself.
CHANGE_RULES += ("goal_change", "step_change")
# lotse.contacts: deleting a case document is the owner's case staff's.
CHANGE_RULES += ("document_change",)
# Follow-ups (lotse.deadlines): tasks, and handing cases over.
CHANGE_RULES += ("task_change", "team_lead_case")
# lotse.directory: a service entry of the owner organisation.
CHANGE_RULES += ("service_change",)
# Duplicate review: merging, keeping apart and undoing are the reviewer's alone.
CHANGE_RULES += ("dedupe_pair", "dedupe_merge")
# lotse.conferences: minutes and decisions are the organiser's (the owner's case staff).
CHANGE_RULES += ("conference_change",)
# lotse.referrals: moving a referral, answering a hand-over.
CHANGE_RULES += ("referral_move", "handover_answer", "handover_cancel")
# URLs that are not personal-data pages (static, schema, language switch, auth flows).
# The calendar feed answers to its secret token alone (lotse/deadlines/tests/test_calendar_feed.py).
PUBLIC_PREFIXES = (
    "accounts:",
    "set_language",
    "schema",
    "api-docs",
    "core:live",
    "core:ready",
    "deadlines:feed",
)
QUERIES = {
    # A prefix: the search box echoes the query, only a result shows the full name.
    "people:search": lambda w: {"q": m.SECRET_NAME[:-1]},
    "api:person-list": lambda w: {"q": m.SECRET_NAME[:-1]},
    "cases:create": lambda w: {"person": w.person.pk},
    "residence:groups": lambda w: {"group": "25b_within_6_months"},
    "directory:list": lambda w: {"person": w.person.pk},
    "directory:detail": lambda w: {"person": w.person.pk},
    "api:service-list": lambda w: {"person": w.person.pk, "verified": "all"},
    "api:service-detail": lambda w: {"person": w.person.pk},
    "api:residence-target-groups": lambda w: {"group": "25b_within_6_months"},
}


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _walk(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{prefix}{p.name}", p


def named_urls() -> dict[str, URLPattern]:
    return dict(_walk(get_resolver().url_patterns))


def _is_public(name: str) -> bool:
    return name.startswith(PUBLIC_PREFIXES)


def _allowed(rule: str, role: str, rel: str, state: str, user) -> bool | None:
    """True: must answer; False: must refuse; None: either, content decides."""
    if rule == "list":
        return None
    if rule in ("any_user", "any_org"):
        return True
    if rule == "case_staff":
        return role in m.CASE_WORK
    if rule == "dpo":
        return role == Role.DPO
    if rule in ("admin", "admin_org", "admin_user"):
        return role == Role.ADMINISTRATOR or role == "operator"
    if rule == "person_view_or_dpo":
        return (
            m.sees_case(role, rel, state)
            or role == "operator"
            or (role == Role.DPO and rel == "owner")
        )
    if rule == "person_view":
        return m.sees_case(role, rel, state) or role == "operator"
    if rule == "case_view":
        return m.sees_case(role, rel, state)
    if rule in ("person_change", "case_change", "consent_view"):
        return m.may_change(role, rel)
    if rule == "consent_document":
        # The world's consent carries no scanned form: 404 for everyone is right.
        return False
    if rule in ("dpo_person", "dpo_audit_entry", "dpo_user"):
        return role == Role.DPO and rel == "owner"
    # The intake is the recording organisation's own record: its case staff only.
    if rule == "intake_view":
        return m.may_change(role, rel)
    # The world's assessment is of the residence area, released to the participant.
    if rule == "assessment_view":
        return m.sees_case(role, rel, state)
    # Plan rows (lotse.plans): a goal or step of the world's case.
    if rule in ("goal_change", "step_change"):
        return m.may_change(role, rel)
    if rule in ("goal_view", "step_view"):
        return m.sees_case(role, rel, state)
    # lotse.contacts: a document by its own category (the world's is residence data),
    # a contact as case notes; a bulk-closure job only to whoever started it.
    if rule == "document_view":
        cats = m.expected_categories(role, rel, state)
        return m.sees_case(role, rel, state) and "residence" in cats
    if rule == "contact_view":
        cats = m.expected_categories(role, rel, state)
        return m.sees_case(role, rel, state) and "case_notes" in cats
    if rule == "document_change":
        return m.may_change(role, rel)
    if rule == "own_job":
        return False
    # Added with lotse.deadlines: a follow-up is visible to the owner's case staff
    # only; a team lead leads the case staff of their own organisation.
    if rule == "task_change":
        return m.may_change(role, rel)
    if rule == "team_lead":
        return role == Role.TEAM_LEAD
    if rule in ("team_lead_member", "team_lead_case"):
        return role == Role.TEAM_LEAD and rel == "owner"
    # lotse.conferences: a participating organisation reads the conference while its
    # release covers the conference's data (residence here); withdrawn or expired
    # after scheduling, it no longer does. Figures are the coordinator's.
    if rule == "conference_view":
        return "residence" in m.expected_categories(role, rel, state)
    if rule == "conference_change":
        return m.may_change(role, rel)
    if rule == "coordinator":
        return role == Role.COORDINATOR
    # Residence pages and endpoints: whoever holds the person's residence category.
    if rule in ("person_residence", "residence_row"):
        return "residence" in m.expected_categories(role, rel, state)
    # The directory: anyone reads an entry; its provider's members and administrators change it.
    if rule == "any_service":
        return True
    if rule == "service_change":
        return role in (Role.ADMINISTRATOR, "operator") or rel == "owner"
    if rule == "reviewer":
        return role in (Role.DPO, Role.ADMINISTRATOR, "operator")
    if rule in ("dedupe_pair", "dedupe_merge"):
        return role == "operator" or (role == Role.DPO and rel == "owner")
    if rule == "campaign_view":
        return m.may_change(role, rel)
    if rule == "recipient_view":
        return m.may_change(role, rel) and "residence" in m.expected_categories(role, rel, state)
    # lotse.referrals: sender (owner) and receiver (participant) case staff.
    if rule in ("referral_view", "referral_move"):
        return role in m.CASE_WORK and rel in ("owner", "participant")
    if rule == "handover_answer":
        return role in m.CASE_WORK and rel == "participant"
    # Cancelling a pending hand-over is the requesting owner's case staff's.
    if rule == "handover_cancel":
        return m.may_change(role, rel)
    raise AssertionError(f"unknown rule {rule}")


def _kwargs(pattern: URLPattern, world) -> dict:
    values = {
        "pk": None,
        "person_pk": world.person.pk,
        "person_id": world.person.pk,
        "case_pk": world.case.pk,
        "case_id": world.case.pk,
        "participant_pk": world.extras["participant"].pk,
        "organisation_id": world.orgs["participant"].pk,
        "kind": "address",
        "detail_pk": world.extras["address"].pk,
        "user_id": world.users[(Role.CASE_MANAGER, "owner")].pk,
        "membership_pk": world.extras["membership"].pk,
        "team_pk": world.extras["team"].pk,
        "id": world.person.pk,
        "part": "status",
        "row_pk": world.extras["status_period"].pk,
        "evaluation_pk": world.extras["evaluation"].pk,
    }
    out = {}
    keys = pattern.pattern.converters or pattern.pattern.regex.groupindex
    for key in keys:
        out[key] = values.get(key)
    return out


def _service(world):
    """The world's directory entry, offered by the owner organisation."""
    if "service" not in world.extras:
        from lotse.directory.models import Service

        world.extras["service"] = Service.objects.create(
            provider=world.orgs["owner"], name="Sprachkurs Matrix", kind="language_course"
        )
    return world.extras["service"]


def _duplicate_of(world, key: str):
    """A second record of the world's person at the owner organisation."""
    if key not in world.extras:
        world.extras[key] = f.person(
            world.orgs["owner"], None, family_name=m.SECRET_NAME, given_names="Leyla"
        )
    return world.extras[key]


def _dedupe_object(rule: str, world):
    from lotse.dedupe.merge import do_merge
    from lotse.dedupe.models import DuplicateCandidate

    if rule == "dedupe_pair":
        if "pair" not in world.extras:
            a, b = sorted((world.person.pk, _duplicate_of(world, "duplicate").pk))
            world.extras["pair"] = DuplicateCandidate.objects.create(
                person_a_id=a, person_b_id=b, score=0.9
            )
        return world.extras["pair"].pk
    if "merge" not in world.extras:
        world.extras["merge"] = do_merge(None, world.person, _duplicate_of(world, "merged"))
    return world.extras["merge"].pk


def _object_for(rule: str, world, name: str = ""):
    if rule == "task_change":
        # Its title is a case note: only readers of case notes may ever see it.
        if "task" not in world.extras:
            manager = world.users[(Role.CASE_MANAGER, "owner")]
            world.extras["task"] = f.task(world.case, manager, title=m.SECRET_SUMMARY)
        return world.extras["task"].pk
    if rule == "team_lead_case":
        return world.case.pk
    if rule in ("any_service", "service_change"):
        return _service(world).pk
    if rule in ("dedupe_pair", "dedupe_merge"):
        return _dedupe_object(rule, world)
    if rule == "residence_row":
        return world.extras[RESIDENCE_ROWS[name]].pk
    if rule == "dpo_audit_entry":
        from lotse.audit.models import AuditEntry

        return AuditEntry.objects.filter(person_id=world.person.pk).order_by("id").first().pk
    if rule == "any_org" or rule == "admin_org":
        return world.orgs["owner"].pk
    if rule == "admin_user":
        return world.users[(Role.CASE_MANAGER, "owner")].pk
    if rule.startswith("person") or rule == "dpo_person":
        return world.person.pk
    if rule.startswith("case"):
        return world.case.pk
    if rule in ("consent_view", "consent_document"):
        return world.consent.pk if world.consent else None
    if rule == "intake_view":
        return world.extras["intake"].pk
    if rule == "assessment_view":
        return world.extras["assessment"].pk
    if rule in ("goal_change", "goal_view"):
        return world.extras["goal"].pk
    if rule in ("step_change", "step_view"):
        return world.extras["step"].pk
    # lotse.contacts: the world's contact and document; no job exists (own tests cover it).
    if rule in ("document_view", "document_change"):
        return world.extras["document"].pk
    if rule == "contact_view":
        return world.extras["contact"].pk
    if rule in ("campaign_view", "recipient_view"):
        recipient = _campaign_recipient(world)
        return recipient.campaign_id if rule == "campaign_view" else recipient.pk
    if rule in ("conference_view", "conference_change"):
        return world.extras["conference"].pk
    if rule in ("referral_view", "referral_move"):
        return world.extras["handover" if name.startswith("api:handover") else "referral"].pk
    if rule in ("handover_answer", "handover_cancel"):
        return world.extras["handover"].pk
    return None


def _campaign_recipient(world):
    """The owner's outreach campaign with the world's person as its recipient."""
    from lotse.outreach.models import Campaign, CampaignRecipient

    if "campaign_recipient" not in world.extras:
        campaign = Campaign.objects.create(
            organisation=world.orgs["owner"],
            group="104c_ending",
            title="Kampagne Matrix",
            created_by=world.users[(Role.CASE_MANAGER, "owner")],
        )
        world.extras["campaign_recipient"] = CampaignRecipient.objects.create(
            campaign=campaign, person=world.person
        )
    return world.extras["campaign_recipient"]


def test_it_classifies_every_url():
    unclassified = sorted(
        name for name in named_urls() if not _is_public(name) and name not in RULES
    )
    assert not unclassified, f"Add these URLs to RULES in {__file__}: {unclassified}"


def _add_intake(world):
    """An intake and assessments on the world's case; the secret summary stands in
    for what only case-notes readers may see (first needs, an orientation note)."""
    from lotse.intake.models import IntakeRecord

    manager = world.users[(Role.CASE_MANAGER, "owner")]
    world.extras["intake"] = IntakeRecord.objects.create(
        person=world.person,
        organisation=world.orgs["owner"],
        case=world.case,
        held_on=world.case.opened_on,
        came_via="self",
        first_needs=m.SECRET_SUMMARY,
        decision="case_management",
        agrees_to_case_management=True,
        recorded_by=manager,
    )
    world.extras["assessment"] = f.assessment(world.case, "residence", manager)
    f.assessment(world.case, "orientation", manager, situation=m.SECRET_SUMMARY)


def _add_conference(world):
    """A past conference of the owner with the participant about residence data,
    written directly: in the expired and withdrawn worlds it was scheduled while the
    release was in force, and the release ended afterwards."""
    from lotse.testing.factories import conference

    manager = world.users[(Role.CASE_MANAGER, "owner")]
    world.extras["conference"] = conference(
        world.case, [world.orgs["participant"]], "residence", actor=manager
    )


def _add_referral(world):
    """A referral and a pending hand-over from the owner to the participant organisation.

    With the consent given, sent through the action. In the other states the
    referral stands for one sent while a release was in force that has since
    expired or been withdrawn (or, absent, never covered it): the receiver still
    sees it, but none of the person's data.
    """
    from lotse.referrals.handover import do_request_handover
    from lotse.referrals.models import Referral

    manager = world.users[(Role.CASE_MANAGER, "owner")]
    receiver = world.orgs["participant"]
    if world.state == "given":
        world.extras["referral"] = f.referral(world.case, receiver, m.RELEASED, actor=manager)
    else:
        world.extras["referral"] = Referral.objects.create(
            person=world.person,
            case=world.case,
            sender_organisation=world.orgs["owner"],
            recipient_organisation=receiver,
            request="Bitte um einen Beratungstermin.",
            categories=frozenset(m.RELEASED),
            consent=world.consent,
            idempotency_key=uuid.uuid4(),
            sent_by=manager,
        )
    world.extras["handover"] = do_request_handover(manager, world.case, receiver)


@pytest.fixture(params=m.CONSENT_STATES)
def world(request, db):
    world = m.build_world(request.param)
    _add_intake(world)
    _add_conference(world)
    _add_referral(world)
    return world


def test_it_answers_each_user_per_reference_model(client, world):
    patterns = named_urls()
    for role, rel, user in world.all_users():
        client.logout()
        login_verified(client, user)
        cats = m.expected_categories(role, rel, world.state)
        for name, rule in RULES.items():
            pattern = patterns[name]
            kwargs = _kwargs(pattern, world)
            if "pk" in kwargs:
                kwargs["pk"] = _object_for(rule, world, name)
                if kwargs["pk"] is None:
                    continue
            url = reverse(name, kwargs=kwargs)
            query = QUERIES[name](world) if name in QUERIES else {}
            response = client.get(url, query)
            allowed = _allowed(rule, role, rel, world.state, user)
            where = (name, role, rel, world.state, response.status_code)
            if allowed is True:
                assert response.status_code in (200, 302, 405), where
            elif allowed is False:
                assert response.status_code in (403, 404, 405), where
            assert response.status_code < 500, where
            if response.status_code == 200 and not getattr(response, "streaming", False):
                body = response.content.decode(errors="replace")
                assert (m.SECRET_STREET in body) <= ("contact" in cats), where
                assert (m.SECRET_PHONE in body) <= ("contact" in cats), where
                assert (m.SECRET_SUMMARY in body) <= ("case_notes" in cats), where
                assert (m.SECRET_NAME in body) <= ("identity" in cats), where
                assert (m.SECRET_HEALTH_GOAL in body) <= ("health" in cats), where


def test_it_refuses_writes_without_change_rights(client, world):
    """POSTing to any object-bound URL as a non-owner changes nothing."""
    from lotse.audit.models import AuditEntry

    patterns = named_urls()
    for role, rel, user in world.all_users():
        if m.may_change(role, rel):
            continue
        client.logout()
        login_verified(client, user)
        for name, rule in RULES.items():
            if rule not in CHANGE_RULES or _allowed(rule, role, rel, world.state, user):
                continue
            pattern = patterns[name]
            kwargs = _kwargs(pattern, world)
            if "pk" in kwargs:
                kwargs["pk"] = _object_for(rule, world, name)
                if kwargs["pk"] is None:
                    continue
            before = AuditEntry.objects.exclude(action="read").count()
            response = client.post(reverse(name, kwargs=kwargs), {})
            assert response.status_code in (403, 404, 405), (name, role, rel)
            assert AuditEntry.objects.exclude(action="read").count() == before, (name, role)
