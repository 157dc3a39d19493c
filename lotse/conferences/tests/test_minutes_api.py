"""/api/v1/conferences/{id}/minutes/: read by participants, written by the organiser
with each agenda item's version (optimistic locking, 409 on a lost update)."""

import datetime

import pytest
from django.utils import timezone

from lotse.audit.models import AuditEntry
from lotse.conferences.models import AgendaItem, CaseConference
from lotse.core.tests.api.conftest import Api


@pytest.fixture
def begun(schedule, jobcentre):
    conference = schedule(organisations=[jobcentre])
    CaseConference.objects.filter(pk=conference.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1)
    )
    return conference


def _url(conference):
    return f"conferences/{conference.pk}/minutes/"


def test_it_writes_and_reads_minutes_with_versions(begun, alice, bob):
    read = Api(alice).get(_url(begun))
    assert read.status_code == 200
    first, second = read.json()["items"]
    assert (first["version"], first["minutes"]) == (1, "")
    review = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    written = Api(alice).patch(
        _url(begun),
        {
            "items": [{"id": first["id"], "minutes": "B1 ab März", "expected_version": 1}],
            "next_review_on": review,
        },
    )
    assert written.status_code == 200, written.json()
    items = written.json()["items"]
    assert items[0]["minutes"] == "B1 ab März" and items[0]["version"] == 2
    assert items[1]["version"] == 1  # untouched
    assert written.json()["next_review_on"] == review
    # The participant reads them (and the read is audited), but writes nothing.
    assert Api(bob).get(_url(begun)).json()["items"][0]["minutes"] == "B1 ab März"
    assert AuditEntry.objects.filter(
        actor=bob, action="read", object_type="conferences.caseconference"
    ).exists()
    refused = Api(bob).patch(
        _url(begun),
        {"items": [{"id": first["id"], "minutes": "Überschrieben", "expected_version": 2}]},
    )
    assert refused.status_code == 403
    assert AgendaItem.objects.get(pk=first["id"]).minutes == "B1 ab März"
    # Leaving the review date out keeps it.
    Api(alice).patch(
        _url(begun),
        {"items": [{"id": second["id"], "minutes": "Kita", "expected_version": 1}]},
    )
    assert CaseConference.objects.get(pk=begun.pk).next_review_on.isoformat() == review


def test_a_stale_version_saves_nothing(begun, alice):
    first, second = Api(alice).get(_url(begun)).json()["items"]
    Api(alice).patch(
        _url(begun), {"items": [{"id": first["id"], "minutes": "A", "expected_version": 1}]}
    )
    stale = Api(alice).patch(
        _url(begun),
        {
            "items": [
                {"id": second["id"], "minutes": "neu", "expected_version": 1},
                {"id": first["id"], "minutes": "B", "expected_version": 1},
            ]
        },
    )
    assert stale.status_code == 409
    assert AgendaItem.objects.get(pk=first["id"]).minutes == "A"
    assert AgendaItem.objects.get(pk=second["id"]).minutes == ""


def test_it_refuses_foreign_items_and_early_minutes(begun, schedule, jobcentre, alice, yusuf):
    other = schedule(organisations=[jobcentre])
    foreign = other.agenda.first()
    refused = Api(alice).patch(
        _url(begun), {"items": [{"id": foreign.pk, "minutes": "x", "expected_version": 1}]}
    )
    assert refused.status_code == 400
    early = Api(alice).patch(
        _url(other), {"items": [{"id": foreign.pk, "minutes": "x", "expected_version": 1}]}
    )
    assert early.status_code == 400
    assert AgendaItem.objects.get(pk=foreign.pk).minutes == ""
    assert Api(yusuf).get(_url(begun)).status_code == 404


def test_the_page_form_bumps_the_version(begun, alice, login, client):
    from django.urls import reverse

    item = begun.agenda.first()
    login(alice)
    client.post(reverse("conferences:minutes", args=[begun.pk]), {f"item_{item.pk}": "Notiz"})
    assert AgendaItem.objects.get(pk=item.pk).version == 2


def test_the_page_refuses_minutes_saved_in_between(begun, alice, login, client):
    from django.urls import reverse

    item = begun.agenda.first()
    login(alice)
    url = reverse("conferences:minutes", args=[begun.pk])
    form = client.get(url).content.decode()
    assert f'name="version_{item.pk}" value="1"' in form
    Api(alice).patch(
        _url(begun), {"items": [{"id": item.pk, "minutes": "API", "expected_version": 1}]}
    )
    stale = client.post(url, {f"item_{item.pk}": "Seite", f"version_{item.pk}": "1"})
    assert stale.status_code == 400
    assert "changed the minutes in the meantime" in stale.content.decode()
    assert AgendaItem.objects.get(pk=item.pk).minutes == "API"
