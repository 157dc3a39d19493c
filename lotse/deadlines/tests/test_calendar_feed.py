import re

from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from lotse.audit.models import AuditEntry
from lotse.deadlines.actions import do_revoke_calendar_feed, do_rotate_calendar_feed
from lotse.deadlines.models import CalendarFeed
from lotse.testing import factories as f


def _feed(raw: str):
    # A fresh client: no session, no cookie, as a calendar app fetches.
    return Client().get(reverse("deadlines:feed", args=[raw]))


def test_it_serves_the_users_own_follow_ups_without_a_session(
    alice, erik, team_nord, alice_case, days
):
    mine = f.task(alice_case, alice, title="Attest Psychiatrie", due_on=days(2))
    f.task(alice_case, erik, title="Eriks", due_on=days(2), actor=alice)
    f.task(alice_case, team=team_nord, title="Team", due_on=days(2), actor=alice)
    raw = do_rotate_calendar_feed(alice)
    response = _feed(raw)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"]
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["uid"]).split("@")[0] for e in events] == [f"task-{mine.pk}"]
    assert events[0].decoded("dtstart") == days(2)
    text = response.content.decode()
    assert alice_case.reference in text
    # Nothing a calendar provider should learn: no name, no what-to-do.
    assert "Psychiatrie" not in text
    assert alice_case.person.family_name not in text
    assert alice_case.person.given_names not in text


def test_it_answers_404_to_unknown_rotated_and_revoked_addresses(alice, alice_case, days):
    f.task(alice_case, alice, due_on=days(1))
    assert _feed("not-a-token").status_code == 404
    old = do_rotate_calendar_feed(alice)
    new = do_rotate_calendar_feed(alice)
    assert _feed(old).status_code == 404
    assert _feed(new).status_code == 200
    do_revoke_calendar_feed(alice)
    assert _feed(new).status_code == 404


def test_it_stops_with_the_users_access(alice, alice_case, days):
    from lotse.accounts.models import Membership

    f.task(alice_case, alice, due_on=days(1))
    raw = do_rotate_calendar_feed(alice)
    Membership.objects.filter(user=alice).delete()
    alice.__dict__.pop("role_pairs", None)
    assert "VEVENT" not in _feed(raw).content.decode()
    alice.is_active = False
    alice.save()
    assert _feed(raw).status_code == 404


def test_it_stores_only_a_digest_and_audits_each_fetch(alice):
    raw = do_rotate_calendar_feed(alice)
    assert raw not in CalendarFeed.objects.get(user=alice).digest
    _feed(raw)
    assert AuditEntry.objects.filter(
        object_type="deadlines.calendarfeed", action="read", actor=alice
    ).exists()


def test_the_settings_page_shows_the_address_once(alice, login):
    client = login(alice)
    assert "Make a calendar address" in client.get(reverse("deadlines:calendar")).content.decode()
    made = client.post(reverse("deadlines:calendar_rotate")).content.decode()
    url = re.search(r'value="(http[^"]+\.ics)"', made).group(1)
    assert Client().get(url).status_code == 200
    again = client.get(reverse("deadlines:calendar")).content.decode()
    assert url not in again
    client.post(reverse("deadlines:calendar_revoke"))
    assert Client().get(url).status_code == 404
