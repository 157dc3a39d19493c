"""Outreach campaigns (issue 7): a target group informed by personal letters in each
person's language, who was informed when and how, and a follow-up task."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from lotse.audit.models import AuditEntry
from lotse.deadlines.models import Task
from lotse.outreach.actions import do_create_campaign, do_record_informed
from lotse.outreach.letter_texts import LETTERS, letter_language
from lotse.outreach.letters import letters_for, render_html
from lotse.outreach.models import Campaign, CampaignRecipient
from lotse.testing import factories as f

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def start(actor, organisation, **kwargs):
    return do_create_campaign(
        actor,
        group="104c_ending",
        title="Chancen-Aufenthalt endet",
        organisation=organisation,
        **kwargs,
    )


def test_every_language_has_a_text_for_every_target_group():
    from lotse.residence.groups import GROUPS

    assert {"de", "en", "ar", "fa", "uk", "tr"} <= set(LETTERS)
    for texts in LETTERS.values():
        assert set(GROUPS) <= set(texts.groups), texts.language
        assert set(LETTERS["de"].labels) == set(texts.labels), texts.language
        # Only the German text is authoritative and human-written.
        assert texts.machine_drafted == (texts.language != "de")
    assert LETTERS["ar"].is_rtl and LETTERS["fa"].is_rtl and not LETTERS["uk"].is_rtl


def test_the_letter_language_is_the_best_known_language_with_a_letter():
    assert letter_language([("ar", "native"), ("en", "B1")]) == "ar"
    assert letter_language([("en", "B2"), ("ar", "A1")]) == "en"
    assert letter_language([("ti", "native")]) == "de"  # no Tigrinya letter yet
    assert letter_language([("de", "B2"), ("ar", "native")]) == "ar"
    assert letter_language([("de", "C1"), ("ar", "B1")]) == "de"
    assert letter_language([]) == "de"


def test_a_campaign_takes_the_target_group_with_each_persons_language(group, alice, caritas):
    campaign = start(alice, caritas)
    recipients = {r.person.family_name: r for r in campaign.recipients.select_related("person")}
    assert {name: r.letter_language for name, r in recipients.items()} == {
        "Haddad": "ar",
        "Koval": "uk",
        "Meyer": "de",
    }
    assert campaign.letter_versions["ar"] == LETTERS["ar"].version
    assert campaign.created_by == alice and campaign.created_on == TODAY
    # One audit entry for the campaign, one per person put on its list.
    entries = AuditEntry.objects.filter(object_type="outreach.campaignrecipient")
    assert sorted(entries.values_list("person_id", flat=True)) == sorted(c.person_id for c in group)
    assert all(set(e.categories) == {"residence"} for e in entries)


def test_only_persons_the_starter_may_see_become_recipients(group, caritas, alice):
    # A person of another organisation with the same status stays out.
    from lotse.outreach.tests.conftest import with_104c

    drk = f.OrganisationFactory(name="DRK Kampagne")
    carol = f.staff(drk, username="carol2")
    other = f.case(drk, managers=(carol,), actor=carol)
    with_104c(other.person, carol)
    campaign = start(alice, caritas)
    assert other.person_id not in set(campaign.recipients.values_list("person_id", flat=True))
    assert start(carol, drk).recipients.count() == 1


def test_bad_input_is_refused_and_changes_nothing(group, alice, caritas, jobcentre, carol):
    with pytest.raises(ValidationError) as refused:
        do_create_campaign(
            alice, group="nonsense", title=" ", organisation=jobcentre, follow_up_days=0
        )
    assert set(refused.value.message_dict) == {"group", "title", "organisation", "follow_up_days"}
    with pytest.raises(ValidationError, match="Nobody"):
        start(carol, carol.memberships.get().organisation)
    assert not Campaign.objects.exists() and not CampaignRecipient.objects.exists()


def test_recording_informed_sets_a_follow_up_task_for_the_case_manager(group, alice, caritas):
    campaign = start(alice, caritas, follow_up_days=10)
    recipient = campaign.recipients.get(person=group[0].person)
    done = do_record_informed(alice, recipient, informed_on=TODAY, channel="in_person")
    task = done.follow_up
    assert task.assignee == alice and task.case == group[0]
    assert task.due_on == TODAY + datetime.timedelta(days=10)
    assert "Chancen-Aufenthalt endet" in task.title
    assert done.informed_by == alice and done.channel == "in_person" and done.version == 2
    with pytest.raises(ValidationError, match="already"):
        do_record_informed(alice, done, informed_on=TODAY, channel="phone")
    assert Task.objects.count() == 1


def test_recording_informed_refuses_bad_days_and_channels(group, alice, caritas):
    campaign = start(alice, caritas)
    recipient = campaign.recipients.first()
    with pytest.raises(ValidationError) as refused:
        do_record_informed(
            alice, recipient, informed_on=TODAY + datetime.timedelta(days=1), channel="pigeon"
        )
    assert set(refused.value.message_dict) == {"informed_on", "channel"}
    with pytest.raises(ValidationError, match="before the campaign"):
        do_record_informed(
            alice, recipient, informed_on=TODAY - datetime.timedelta(days=1), channel="letter"
        )
    recipient.refresh_from_db()
    assert recipient.informed_on is None and not Task.objects.exists()


def test_a_letter_shows_name_and_address_only_with_their_categories(group, alice, bob, caritas):
    campaign = start(alice, caritas)
    recipient = campaign.recipients.get(person=group[0].person)
    (mine,) = letters_for(alice, campaign, [recipient], TODAY)
    html = render_html(mine)
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert "Test Haddad" in html and "Musterweg 1" in html
    assert 'id="machine-drafted"' in html and LETTERS["ar"].groups["104c_ending"] in html
    assert mine.shown == {"residence", "identity", "contact"}
    # The job centre holds the residence release only: no name, no address.
    (theirs,) = letters_for(bob, campaign, [recipient], TODAY)
    html = render_html(theirs)
    assert "Haddad" not in html and "Musterweg" not in html
    assert theirs.shown == {"residence"}


def test_the_german_letter_is_not_marked_machine_drafted(group, alice, caritas):
    campaign = start(alice, caritas)
    recipient = campaign.recipients.get(person=group[2].person)
    (letter,) = letters_for(alice, campaign, [recipient], TODAY)
    html = render_html(letter)
    assert 'lang="de"' in html and "machine-drafted" not in html
    assert "Guten Tag Test Meyer," in html
