from django.urls import reverse

from lotse.audit.models import AuditAction, AuditEntry
from lotse.cases.models import Case, CaseParticipant
from lotse.testing import factories as f


def test_it_adds_a_participating_organisation_with_an_audit_row(
    alice_case, jobcentre, alice, bob, login
):
    f.consent(alice_case, [jobcentre], ("identity",), actor=alice)
    client = login(alice)
    form = client.get(reverse("cases:participant_add", args=[alice_case.pk]))
    assert alice_case.organisation not in form.context["form"].fields["organisation"].queryset
    response = client.post(
        reverse("cases:participant_add", args=[alice_case.pk]),
        {"organisation": jobcentre.pk, "purpose": "Leistungsantrag"},
    )
    assert response.status_code == 302
    participant = CaseParticipant.objects.get(case=alice_case)
    assert participant.organisation == jobcentre
    assert participant.purpose == "Leistungsantrag"
    entry = AuditEntry.objects.get(object_type="cases.caseparticipant", action=AuditAction.CREATE)
    assert entry.actor_id == alice.pk
    assert entry.case_id == alice_case.pk
    # The consent now reaches the job centre through the case.
    assert list(Case.objects.visible_to(bob)) == [alice_case]


def test_it_removes_a_participant_and_access_ends(alice_case, jobcentre, alice, bob, login):
    participant = f.participant(alice_case, jobcentre, alice)
    f.consent(alice_case, [jobcentre], ("identity",), actor=alice)
    assert list(Case.objects.visible_to(bob)) == [alice_case]

    response = login(alice).post(
        reverse("cases:participant_remove", args=[alice_case.pk, participant.pk])
    )
    assert response.status_code == 302
    assert not CaseParticipant.objects.filter(pk=participant.pk).exists()
    assert AuditEntry.objects.filter(
        object_type="cases.caseparticipant",
        object_id=str(participant.pk),
        action=AuditAction.DELETE,
    ).exists()
    assert list(Case.objects.visible_to(bob)) == []


def test_it_removes_only_by_post(alice_case, jobcentre, alice, login):
    participant = f.participant(alice_case, jobcentre, alice)
    url = reverse("cases:participant_remove", args=[alice_case.pk, participant.pk])
    assert login(alice).get(url).status_code == 405
    assert CaseParticipant.objects.filter(pk=participant.pk).exists()


def test_it_changes_nothing_on_invalid_input(alice_case, caritas, jobcentre, alice, login):
    f.participant(alice_case, jobcentre, alice)
    before = AuditEntry.objects.count()
    client = login(alice)
    for organisation in (caritas.pk, jobcentre.pk, "", 999999):
        response = client.post(
            reverse("cases:participant_add", args=[alice_case.pk]),
            {"organisation": organisation},
        )
        assert response.status_code == 200
        assert response.context["form"].errors["organisation"]
    assert CaseParticipant.objects.filter(case=alice_case).count() == 1
    assert AuditEntry.objects.count() == before


def test_it_answers_404_to_a_participant_managing_participants(
    alice_case, jobcentre, drk, alice, bob, login
):
    participant = f.participant(alice_case, jobcentre, alice)
    f.consent(alice_case, [jobcentre], ("identity", "case_notes"), actor=alice)
    client = login(bob)
    add = client.post(
        reverse("cases:participant_add", args=[alice_case.pk]), {"organisation": drk.pk}
    )
    remove = client.post(reverse("cases:participant_remove", args=[alice_case.pk, participant.pk]))
    assert add.status_code == 404 and remove.status_code == 404
    assert list(CaseParticipant.objects.filter(case=alice_case)) == [participant]


def test_it_answers_404_for_a_participant_of_another_case(
    caritas, jobcentre, alice_case, alice, login
):
    other = f.case(caritas, managers=(alice,), actor=alice)
    participant = f.participant(other, jobcentre, alice)
    response = login(alice).post(
        reverse("cases:participant_remove", args=[alice_case.pk, participant.pk])
    )
    assert response.status_code == 404
    assert CaseParticipant.objects.filter(pk=participant.pk).exists()
