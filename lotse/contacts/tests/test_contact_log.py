"""Recording a contact from the case page: one short form, no reload, audited."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.audit.models import AuditAction, AuditEntry
from lotse.cases.actions import do_close_case
from lotse.contacts.models import Contact
from lotse.contacts.tests.helpers import opened_weeks_ago
from lotse.testing import factories as f

HTMX = {"HTTP_HX_REQUEST": "true"}


def _post(client, case, **data):
    values = {
        "occurred_on": timezone.localdate().isoformat(),
        "channel": "phone",
        "duration_minutes": "20",
        "note": "Termin beim Jobcenter vorbereitet.",
    }
    values.update(data)
    return client.post(reverse("contacts:add", args=[case.pk]), values, **HTMX)


def test_it_records_a_contact_and_answers_with_the_panel(alice_case, alice, login):
    client = login(alice)
    response = _post(
        client,
        alice_case,
        interpreter_language="ar",
        interpreter="Herr Haddad",
        participants="Ehefrau",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="contacts-panel"' in body
    assert "The contact was recorded." in body
    assert "Termin beim Jobcenter vorbereitet." in body
    assert "<html" not in body  # a fragment, swapped in without reload
    contact = Contact.objects.get()
    assert (contact.channel, contact.duration_minutes, contact.interpreter_language) == (
        "phone",
        20,
        "ar",
    )
    assert contact.recorded_by == alice
    created = AuditEntry.objects.get(action=AuditAction.CREATE, object_type="contacts.contact")
    assert created.case_id == alice_case.pk and created.person_id == alice_case.person_id
    assert list(created.categories) == ["case_notes"]


def test_it_shows_the_form_and_the_log_on_the_case_page(alice_case, alice, login):
    f.contact(alice_case, alice, note="Erstgespräch mit Tee.")
    body = login(alice).get(reverse("cases:detail", args=[alice_case.pk])).content.decode()
    assert 'hx-post="{}"'.format(reverse("contacts:add", args=[alice_case.pk])) in body
    assert "Erstgespräch mit Tee." in body
    read = AuditEntry.objects.filter(action=AuditAction.READ, object_type="cases.case").last()
    assert "case_notes" in read.categories


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"occurred_on": "2999-01-01"}, "occurred_on", "cannot lie in the future"),
        ({"occurred_on": "2001-01-01"}, "occurred_on", "a contact cannot be earlier"),
        ({"duration_minutes": "0"}, "duration_minutes", "greater than or equal to 1"),
        ({"duration_minutes": "601"}, "duration_minutes", "less than or equal to 600"),
        ({"channel": "pigeon"}, "channel", "Select a valid choice"),
        ({"interpreter": "Frau Rahimi"}, "interpreter_language", "Name the language"),
        ({"interpreter_language": "Arabisch"}, "interpreter_language", "ISO"),
        ({"occurred_on": "31.02.2024"}, "occurred_on", "Enter a valid date"),
    ],
)
def test_it_refuses_bad_input_with_a_message_at_the_field(
    alice_case, alice, login, data, field, message
):
    response = _post(login(alice), alice_case, **data)
    assert response.status_code == 200
    form = response.context["panel"]["form"]
    assert message in " ".join(form.errors[field])
    assert not Contact.objects.exists()
    assert (
        not AuditEntry.objects.filter(object_type="contacts.contact")
        .exclude(action=AuditAction.READ)
        .exists()
    )


def test_it_refuses_contacts_on_a_closed_case(alice_case, alice, login):
    do_close_case(alice, alice_case, reason="moved_away")
    response = _post(login(alice), alice_case)
    assert "closed case" in response.content.decode()
    assert not Contact.objects.exists()


def test_it_works_without_javascript(alice_case, alice, login):
    client = login(alice)
    assert client.get(reverse("contacts:add", args=[alice_case.pk])).status_code == 200
    response = client.post(
        reverse("contacts:add", args=[alice_case.pk]),
        {
            "occurred_on": timezone.localdate().isoformat(),
            "channel": "home_visit",
            "duration_minutes": "45",
        },
    )
    assert response.status_code == 302
    assert Contact.objects.get().channel == "home_visit"


def test_it_refuses_a_participant_and_an_outsider(alice_case, jobcentre, alice, bob, carol, login):
    f.participant(alice_case, jobcentre, alice)
    f.consent(alice_case, [jobcentre], ("identity", "case_notes"), actor=alice)
    for user in (bob, carol):
        response = _post(login(user), alice_case)
        assert response.status_code == 404
    assert not Contact.objects.exists()


def test_it_shows_contacts_to_a_participant_only_with_case_notes_released(
    alice_case, jobcentre, alice, bob, login
):
    f.participant(alice_case, jobcentre, alice)
    f.contact(alice_case, alice, note="Vertraulich besprochen.")
    consent = f.consent(alice_case, [jobcentre], ("identity",), actor=alice)
    client = login(bob)
    page = client.get(reverse("cases:detail", args=[alice_case.pk])).content.decode()
    assert "Vertraulich besprochen." not in page
    log = client.get(reverse("contacts:list", args=[alice_case.pk]))
    assert "Vertraulich besprochen." not in log.content.decode()
    assert not Contact.objects.visible_to(bob).exists()
    from lotse.access.actions import do_withdraw_consent

    do_withdraw_consent(alice, consent, withdrawn_on=timezone.localdate())
    f.consent(alice_case, [jobcentre], ("identity", "case_notes"), actor=alice)
    log = client.get(reverse("contacts:list", args=[alice_case.pk]))
    assert "Vertraulich besprochen." in log.content.decode()
    page = client.get(reverse("cases:detail", args=[alice_case.pk])).content.decode()
    assert "Vertraulich besprochen." in page
    assert "Record contact" not in page  # reading is not changing


def test_it_lists_the_whole_log_newest_first(alice_case, alice, login):
    today = timezone.localdate()
    opened_weeks_ago(alice_case, 2)
    for days in (3, 1, 2):
        f.contact(
            alice_case,
            alice,
            note=f"Kontakt {days}",
            occurred_on=today - datetime.timedelta(days=days),
        )
    body = login(alice).get(reverse("contacts:list", args=[alice_case.pk])).content.decode()
    assert body.index("Kontakt 1") < body.index("Kontakt 2") < body.index("Kontakt 3")
