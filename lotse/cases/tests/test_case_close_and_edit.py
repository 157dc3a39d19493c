import datetime

from django.urls import reverse
from django.utils import timezone

from lotse.audit.models import AuditAction, AuditEntry
from lotse.cases.actions import do_update_case
from lotse.cases.choices import Phase


def test_it_closes_a_case_with_reason_and_date(alice_case, alice, login):
    client = login(alice)
    form = client.get(reverse("cases:close", args=[alice_case.pk]))
    assert form.status_code == 200
    today = timezone.localdate()
    response = client.post(
        reverse("cases:close", args=[alice_case.pk]),
        {"reason": "goals_achieved", "closed_on": today.isoformat(), "version": alice_case.version},
    )
    assert response.status_code == 302
    alice_case.refresh_from_db()
    assert alice_case.phase == Phase.CLOSED
    assert alice_case.closed_on == today
    assert alice_case.closing_reason == "goals_achieved"
    entry = AuditEntry.objects.filter(case_id=alice_case.pk, action=AuditAction.UPDATE).latest("id")
    assert entry.changes["closing_reason"] == ["", "goals_achieved"]


def test_it_keeps_the_case_open_on_invalid_closing(alice_case, alice, login):
    client = login(alice)
    before = AuditEntry.objects.count()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    no_reason = client.post(
        reverse("cases:close", args=[alice_case.pk]),
        {"reason": "", "closed_on": tomorrow.isoformat(), "version": alice_case.version},
    )
    assert no_reason.status_code == 200
    assert no_reason.context["form"].errors["reason"]
    future = client.post(
        reverse("cases:close", args=[alice_case.pk]),
        {"reason": "other", "closed_on": tomorrow.isoformat(), "version": alice_case.version},
    )
    assert future.status_code == 200
    assert future.context["form"].errors["closed_on"]
    assert 'aria-invalid="true"' in future.content.decode()
    alice_case.refresh_from_db()
    assert alice_case.is_open
    assert AuditEntry.objects.count() == before


def test_it_refuses_to_close_on_a_stale_version(alice_case, alice, erik, login):
    seen = alice_case.version
    do_update_case(erik, alice_case, summary="Neu")
    response = login(alice).post(
        reverse("cases:close", args=[alice_case.pk]),
        {"reason": "other", "closed_on": timezone.localdate().isoformat(), "version": seen},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    alice_case.refresh_from_db()
    assert alice_case.is_open


def test_it_edits_the_summary_and_records_the_read_of_the_form(alice_case, alice, login):
    client = login(alice)
    form = client.get(reverse("cases:edit", args=[alice_case.pk]))
    assert "Sucht eine Ausbildung in der Pflege." in form.content.decode()
    assert AuditEntry.objects.filter(case_id=alice_case.pk, action=AuditAction.READ).exists()
    response = client.post(
        reverse("cases:edit", args=[alice_case.pk]),
        {"summary": "Ausbildungsplatz gefunden.", "version": alice_case.version},
    )
    assert response.status_code == 302
    alice_case.refresh_from_db()
    assert alice_case.summary == "Ausbildungsplatz gefunden."
    entry = AuditEntry.objects.filter(case_id=alice_case.pk, action=AuditAction.UPDATE).latest("id")
    assert entry.changes["summary"] == [
        "Sucht eine Ausbildung in der Pflege.",
        "Ausbildungsplatz gefunden.",
    ]


def test_it_keeps_both_texts_on_a_conflicting_summary_edit(alice_case, alice, erik, login):
    seen = alice_case.version
    do_update_case(erik, alice_case, summary="Text von Erik.")
    client = login(alice)
    response = client.post(
        reverse("cases:edit", args=[alice_case.pk]),
        {"summary": "Text von Alice.", "version": seen},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Text von Erik." in content and "Text von Alice." in content
    alice_case.refresh_from_db()
    assert alice_case.summary == "Text von Erik."
    # Sending again is a conscious overwrite with the version now shown.
    again = client.post(
        reverse("cases:edit", args=[alice_case.pk]),
        {"summary": "Text von Alice.", "version": response.context["form"]["version"].value()},
    )
    assert again.status_code == 302
    alice_case.refresh_from_db()
    assert alice_case.summary == "Text von Alice."


def test_it_answers_404_to_others_editing(alice_case, carol, dora, login):
    for user in (carol, dora):
        client = login(user)
        assert client.get(reverse("cases:edit", args=[alice_case.pk])).status_code == 404
        assert client.get(reverse("cases:close", args=[alice_case.pk])).status_code == 404
        assert client.get(reverse("cases:assign", args=[alice_case.pk])).status_code == 404


def test_it_assigns_a_colleague_as_manager(alice_case, alice, erik, carol, login):
    client = login(alice)
    form = client.get(reverse("cases:assign", args=[alice_case.pk]))
    choices = [u.pk for u in form.context["form"].fields["user"].queryset]
    assert erik.pk in choices and carol.pk not in choices and alice.pk not in choices
    response = client.post(reverse("cases:assign", args=[alice_case.pk]), {"user": erik.pk})
    assert response.status_code == 302
    assert set(alice_case.managers.all()) == {alice, erik}
    refused = client.post(reverse("cases:assign", args=[alice_case.pk]), {"user": carol.pk})
    assert refused.status_code == 200
    assert refused.context["form"].errors["user"]
    assert set(alice_case.managers.all()) == {alice, erik}
