"""The case-page panel and the start-page section."""

from django.urls import reverse


def test_the_case_page_lists_conferences_and_offers_scheduling(
    client, login, alice, bob, schedule, conference_case
):
    conference = schedule()
    login(alice)
    page = client.get(reverse("cases:detail", args=[conference_case.pk])).content.decode()
    assert reverse("conferences:detail", args=[conference.pk]) in page
    assert reverse("conferences:schedule", args=[conference_case.pk]) in page
    client.logout()
    login(bob)
    page = client.get(reverse("cases:detail", args=[conference_case.pk])).content.decode()
    assert conference.title in page
    assert reverse("conferences:schedule", args=[conference_case.pk]) not in page


def test_the_start_page_shows_upcoming_conferences(client, login, bob, yusuf, schedule):
    conference = schedule()
    login(bob)
    assert conference.title in client.get(reverse("core:home")).content.decode()
    client.logout()
    login(yusuf)
    assert conference.title not in client.get(reverse("core:home")).content.decode()
