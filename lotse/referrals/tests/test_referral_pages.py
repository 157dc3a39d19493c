import datetime
import uuid

from django.urls import reverse
from django.utils import timezone

from lotse.access.actions import do_withdraw_consent
from lotse.referrals.models import Referral
from lotse.testing import factories as f


def _form(jobcentre, token=None):
    return {
        "token": str(token or uuid.uuid4()),
        "recipient": jobcentre.pk,
        "request": "Bitte um Beratung zur Arbeitsaufnahme.",
        "categories": ["identity", "residence"],
        "urgency": "normal",
    }


def test_it_refuses_a_referral_without_release_with_a_link_to_record_one(
    alice_case, jobcentre, alice, login
):
    response = login(alice).post(
        reverse("referrals:create", args=[alice_case.pk]), _form(jobcentre)
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nothing was sent" in body
    assert reverse("consents:create", args=[alice_case.person_id]) in body
    assert not Referral.objects.exists()


def test_it_creates_one_referral_for_a_double_submit_of_the_form(
    alice_case, jobcentre, alice, release, login
):
    client = login(alice)
    data = _form(jobcentre, uuid.uuid4())
    first = client.post(reverse("referrals:create", args=[alice_case.pk]), data)
    second = client.post(reverse("referrals:create", args=[alice_case.pk]), data)
    assert first.status_code == second.status_code == 302
    assert Referral.objects.count() == 1


def test_it_starts_a_referral_from_a_step(alice_case, jobcentre, alice, release, login):
    goal = f.goal(alice_case, "work", actor=alice)
    step = f.step(goal, actor=alice)
    client = login(alice)
    page = client.get(reverse("referrals:create", args=[alice_case.pk]), {"step": step.pk})
    assert step.description in page.content.decode()
    client.post(
        reverse("referrals:create", args=[alice_case.pk]), {**_form(jobcentre), "step": step.pk}
    )
    assert Referral.objects.get().step == step


def test_it_shows_the_receiver_only_released_data(sent, bob, alice, release, login):
    client = login(bob)
    inbox = client.get(reverse("referrals:inbox")).content.decode()
    name = sent.person.display_name
    assert name in inbox
    do_withdraw_consent(alice, release, withdrawn_on=timezone.localdate())
    inbox = client.get(reverse("referrals:inbox")).content.decode()
    assert name not in inbox
    assert "release ended" in inbox
    detail = client.get(reverse("referrals:detail", args=[sent.pk])).content.decode()
    assert name not in detail
    assert sent.request not in detail
    assert "withdrew the release" in detail


def test_it_lets_the_receiver_answer_and_the_sender_see_it_closed(
    sent, bob, alice, login, client, settings
):
    login(bob)
    url = reverse("referrals:move", args=[sent.pk])
    client.post(url, {"to": "accepted", "version": 1})
    client.post(url, {"to": "done", "version": 2})
    sent.refresh_from_db()
    assert sent.status == "done"
    client.logout()
    # Signing out drops every cookie, the language's too.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    login(alice)
    page = client.get(reverse("cases:detail", args=[sent.case_id])).content.decode()
    assert "referrals-heading" in page
    assert "done" in page


def test_it_shows_a_clear_message_when_accepting_a_withdrawn_referral(
    sent, bob, alice, login, client
):
    from lotse.referrals.actions import do_move_referral

    do_move_referral(alice, sent, "withdrawn")
    login(bob)
    response = client.post(
        reverse("referrals:move", args=[sent.pk]), {"to": "accepted", "version": 2}, follow=True
    )
    assert "withdrew this referral" in response.content.decode()


def test_it_hides_referrals_from_other_organisations(sent, carol, login):
    client = login(carol)
    assert client.get(reverse("referrals:detail", args=[sent.pk])).status_code == 404
    assert sent.reference not in client.get(reverse("referrals:inbox")).content.decode()


def test_it_shows_new_referrals_on_the_receivers_start_page(sent, bob, login):
    page = login(bob).get(reverse("core:home")).content.decode()
    assert "New referrals for your organisation" in page
    assert sent.reference in page


def test_it_shows_overdue_referrals_on_the_senders_start_page(sent, alice, login, settings):
    settings.LOTSE_REFERRAL_ANSWER_DAYS = 5
    client = login(alice)
    assert sent.reference not in client.get(reverse("core:home")).content.decode()
    Referral.objects.filter(pk=sent.pk).update(sent_at=timezone.now() - datetime.timedelta(days=6))
    page = client.get(reverse("core:home")).content.decode()
    assert "Referrals without an answer" in page
    assert sent.reference in page


def test_it_pages_the_inbox_with_a_constant_number_of_queries(
    alice_case, jobcentre, alice, bob, release, login, django_assert_max_num_queries
):
    for _ in range(3):
        f.referral(alice_case, jobcentre, ("identity",), actor=alice)
    client = login(bob)
    client.get(reverse("referrals:inbox"))
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("referrals:inbox"))
    for _ in range(5):
        f.referral(alice_case, jobcentre, ("identity",), actor=alice)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("referrals:inbox"))


def test_it_keeps_the_case_page_constant_in_the_number_of_referrals(
    alice_case, jobcentre, alice, release, login, django_assert_max_num_queries
):
    from lotse.cases.tests.test_case_detail import DETAIL_QUERIES

    client = login(alice)
    f.referral(alice_case, jobcentre, ("identity",), actor=alice)
    client.get(reverse("cases:detail", args=[alice_case.pk]))
    with django_assert_max_num_queries(DETAIL_QUERIES + 4) as one:
        client.get(reverse("cases:detail", args=[alice_case.pk]))
    for _ in range(5):
        f.referral(alice_case, jobcentre, ("identity",), actor=alice)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reverse("cases:detail", args=[alice_case.pk]))


def test_it_pages_the_inbox_by_keyset_both_ways(
    alice_case, jobcentre, alice, bob, release, login, monkeypatch
):
    from lotse.referrals.views import inbox

    monkeypatch.setattr(inbox, "PAGE_SIZE", 2)
    sent = [f.referral(alice_case, jobcentre, ("identity",), actor=alice) for _ in range(5)]
    # Two referrals in the same instant: the id breaks the tie, none is skipped.
    Referral.objects.filter(pk__in=[sent[1].pk, sent[2].pk]).update(sent_at=sent[1].sent_at)
    newest_first = list(Referral.objects.order_by("-sent_at", "-id").values_list("id", flat=True))
    seen, before = [], ""
    client = login(bob)
    while True:
        response = client.get(reverse("referrals:inbox"), {"before": before} if before else {})
        page = response.context["page"]
        seen += [row.referral.pk for row in page.rows]
        if not page.older:
            break
        before = page.older
    assert seen == newest_first
    back = client.get(reverse("referrals:inbox"), {"after": page.newer}).context["page"]
    assert [row.referral.pk for row in back.rows] == newest_first[2:4]
    assert client.get(reverse("referrals:inbox"), {"before": "nonsense"}).status_code == 200
