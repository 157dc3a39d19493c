"""The review queue in the browser: who sees which pairs, merging, keeping apart, undo."""

import pytest
from django.urls import reverse

from lotse.audit.models import AuditEntry
from lotse.dedupe.models import CandidateStatus, DuplicateCandidate, MergeRecord
from lotse.testing import factories as f


def test_it_shows_the_dpo_the_evidence_side_by_side(client, login, dora, pair, survivor, duplicate):
    login(dora)
    response = client.get(reverse("dedupe:queue"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Haddad, Amina" in body and "Hadad, Amina" in body
    assert "Aleppo" in body  # place of birth
    assert "A-1" in body  # identifier
    assert "LBN" in body
    assert "Jobcenter Musterkreis" in body  # the identifier's office
    reads = AuditEntry.objects.filter(actor_id=dora.pk, action="read")
    assert set(reads.values_list("person_id", flat=True)) == {survivor.pk, duplicate.pk}


def test_it_shows_the_operator_every_pair(client, login, operator, pair):
    login(operator)
    assert "Hadad, Amina" in client.get(reverse("dedupe:queue")).content.decode()


def test_it_hides_pairs_outside_the_dpos_organisation(client, login, drk, pair):
    other_dpo = f.staff(drk, "dpo", username="dieter")
    login(other_dpo)
    body = client.get(reverse("dedupe:queue")).content.decode()
    assert "Hadad" not in body
    assert (
        client.post(
            reverse("dedupe:merge", args=[pair.pk]), {"survivor": pair.person_a_id}
        ).status_code
        == 404
    )
    assert client.post(reverse("dedupe:distinct", args=[pair.pk])).status_code == 404


def test_it_shows_an_administrator_no_personal_data(client, login, adam, pair):
    login(adam)
    response = client.get(reverse("dedupe:queue"))
    assert response.status_code == 200
    assert "Hadad" not in response.content.decode()


@pytest.mark.parametrize("persona", ["alice", "bob", "carol"])
def test_it_refuses_case_staff(client, login, request, persona, pair):
    login(request.getfixturevalue(persona))
    assert client.get(reverse("dedupe:queue")).status_code == 404
    response = client.post(reverse("dedupe:merge", args=[pair.pk]), {"survivor": pair.person_a_id})
    assert response.status_code == 404
    assert pair.__class__.objects.get(pk=pair.pk).status == CandidateStatus.OPEN


def test_it_merges_and_redirects_old_links_to_the_survivor(
    client, login, dora, alice, pair, survivor, duplicate
):
    login(dora)
    response = client.post(reverse("dedupe:merge", args=[pair.pk]), {"survivor": survivor.pk})
    assert response.status_code == 302
    assert response.url == reverse("people:detail", args=[survivor.pk])
    page = client.get(response.url).content.decode()
    assert "Hadad" in page and "حداد" in page
    # The merged record's old address leads to the survivor, for case staff too.
    login(alice)
    old = client.get(reverse("people:detail", args=[duplicate.pk]))
    assert old.status_code == 302 and old.url == reverse("people:detail", args=[survivor.pk])


def test_it_asks_which_record_to_keep(client, login, dora, pair, caritas):
    login(dora)
    stranger = f.person(caritas, None, family_name="Fremd")
    response = client.post(
        reverse("dedupe:merge", args=[pair.pk]), {"survivor": stranger.pk}, follow=True
    )
    assert "Choose which of the two records is kept." in response.content.decode()
    assert not MergeRecord.objects.exists()


def test_it_keeps_a_distinct_pair_out_of_the_queue(client, login, dora, pair):
    login(dora)
    client.post(reverse("dedupe:distinct", args=[pair.pk]))
    pair.refresh_from_db()
    assert pair.status == CandidateStatus.DISTINCT
    assert "Hadad" not in client.get(reverse("dedupe:queue")).content.decode()


def test_it_undoes_a_merge_from_the_queue(client, login, dora, pair, survivor, duplicate):
    login(dora)
    client.post(reverse("dedupe:merge", args=[pair.pk]), {"survivor": survivor.pk})
    merge = MergeRecord.objects.get()
    queue = client.get(reverse("dedupe:queue")).content.decode()
    assert reverse("dedupe:undo", args=[merge.pk]) in queue
    response = client.post(reverse("dedupe:undo", args=[merge.pk]), follow=True)
    assert "The merge was undone" in response.content.decode()
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id is None
    assert DuplicateCandidate.objects.get().status == CandidateStatus.OPEN
    assert client.get(reverse("people:detail", args=[duplicate.pk])).status_code == 200
