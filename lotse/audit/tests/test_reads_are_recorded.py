"""Reads of one person's data leave a `read` row naming who read which categories."""

from django.urls import reverse

from lotse.audit.log import record_read, record_reads
from lotse.audit.tests.helpers import audit_mark, entries_after, verify
from lotse.testing import factories as f


def test_it_records_a_read_of_a_person(caritas, alice):
    person = f.person(caritas, alice)
    mark = audit_mark()

    record_read(alice, person_id=person.pk, categories=["contact", "identity"])

    (row,) = entries_after(mark)
    assert row.action == "read"
    assert (row.object_type, row.object_id) == ("people.person", str(person.pk))
    assert (row.person_id, row.case_id) == (person.pk, None)
    assert (row.actor_id, row.actor_name, row.organisation_id) == (alice.pk, "alice", caritas.pk)
    assert row.categories == {"identity", "contact"}
    assert row.changes == {}
    verify()


def test_it_records_a_read_of_a_case(caritas, alice):
    case = f.case(caritas, managers=(alice,), actor=alice)
    mark = audit_mark()

    record_read(
        alice,
        person_id=case.person_id,
        case_id=case.pk,
        categories=["case_notes"],
        object_type="cases.case",
    )

    (row,) = entries_after(mark)
    assert (row.object_type, row.object_id) == ("cases.case", str(case.pk))
    assert (row.person_id, row.case_id) == (case.person_id, case.pk)
    assert row.categories == {"case_notes"}


def test_it_records_the_page_reads_of_the_person_record(
    client, login, caritas, jobcentre, alice, bob, carol
):
    case = f.case(caritas, managers=(alice,), actor=alice)
    f.participant(case, jobcentre, alice)
    f.consent(case, [jobcentre], ("identity",), actor=alice)
    url = reverse("people:detail", args=[case.person_id])

    mark = audit_mark()
    login(alice)
    assert client.get(url).status_code == 200
    (own,) = entries_after(mark)
    assert (own.action, own.actor_id, own.person_id) == ("read", alice.pk, case.person_id)
    assert own.categories == {"identity", "contact"}

    # The job centre reads under the consent: only what was released is recorded.
    mark = audit_mark()
    login(bob)
    assert client.get(url).status_code == 200
    (shared,) = entries_after(mark)
    assert (shared.actor_id, shared.organisation_id) == (bob.pk, jobcentre.pk)
    assert shared.categories == {"identity"}

    # A refused read shows nothing, so nothing was read.
    mark = audit_mark()
    login(carol)
    assert client.get(url).status_code == 404
    assert entries_after(mark) == []
    verify()


def test_a_list_read_records_each_person_and_case_once_with_all_categories_shown(caritas, alice):
    case = f.case(caritas, managers=(alice,), actor=alice)
    other = f.person(caritas, alice)
    mark = audit_mark()

    record_reads(
        alice,
        [
            (case.person_id, case.pk, {"identity"}),
            (other.pk, None, {"identity"}),
            (case.person_id, case.pk, {"case_notes"}),  # the same case in a second section
            (case.person_id, None, {"contact"}),  # the person without the case is another read
            (other.pk, None, set()),
        ],
        object_type="core.home",
    )

    rows = entries_after(mark)
    assert [(r.person_id, r.case_id, r.categories) for r in rows] == [
        (case.person_id, case.pk, {"identity", "case_notes"}),
        (other.pk, None, {"identity"}),
        (case.person_id, None, {"contact"}),
    ]
    verify()
