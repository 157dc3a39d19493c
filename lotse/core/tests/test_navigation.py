"""The navigation's links per role, reversed once per URL configuration and mount point."""

import pytest
from django.test import RequestFactory
from django.urls import get_script_prefix, reverse, set_script_prefix

from lotse.accounts.choices import Role
from lotse.core.context_processors import navigation
from lotse.testing import factories as f

CASE_WORK = [
    "core:home",
    "people:search",
    "cases:list",
    "intake:start",
    "contacts:dormant",
    "deadlines:mine",
    "referrals:inbox",
    "residence:deadlines",
    "residence:groups",
    "outreach:list",
    "directory:list",
    "accounts:profile",
]


def _links(user):
    request = RequestFactory().get("/")
    request.user = user
    return [href for href, _label in navigation(request)["nav_items"]]


@pytest.fixture
def erin(caritas):
    return f.staff(caritas, Role.ADMINISTRATOR, username="erin")


@pytest.mark.parametrize(
    ("persona", "names"),
    [
        ("alice", CASE_WORK),
        (
            "dora",
            ["core:home", "directory:list", "audit:index", "dedupe:queue", "accounts:profile"],
        ),
        (
            "erin",
            [
                "core:home",
                "directory:list",
                "dedupe:queue",
                "network:organisations",
                "network:users",
                "accounts:profile",
            ],
        ),
    ],
)
def test_it_links_where_each_role_may_go(request, persona, names):
    assert _links(request.getfixturevalue(persona)) == [reverse(name) for name in names]


def test_it_follows_the_mount_point(alice):
    # Behind a proxy under /lotse/ every link carries the prefix; the memo of
    # the site root's links must not answer for it, nor the other way round.
    at_root = _links(alice)
    previous = get_script_prefix()
    set_script_prefix("/lotse/")
    try:
        mounted = _links(alice)
    finally:
        set_script_prefix(previous)
    assert mounted == ["/lotse" + href for href in at_root]
    assert mounted[2] == "/lotse/cases/"
    assert _links(alice) == at_root


def test_it_links_nothing_for_a_visitor(db):
    from django.contrib.auth.models import AnonymousUser

    assert _links(AnonymousUser()) == []


def _nav(response):
    html = response.content.decode()
    return html[html.index("<nav") : html.index("</nav>")]


def test_it_marks_the_current_page_and_speaks_the_users_language(client, login, alice, dora):
    login(alice)
    cases = _nav(client.get(reverse("cases:list")))
    assert '<a href="/cases/" aria-current="page">Cases</a>' in cases
    assert cases.count("aria-current") == 1
    # Another page, another current link, from the same memo of alice's links.
    account = _nav(client.get(reverse("accounts:profile")))
    assert '<a href="/cases/">Cases</a>' in account
    assert 'href="/accounts/profile/" aria-current="page"' in account
    # A page outside the navigation marks none.
    assert "aria-current" not in _nav(client.get(reverse("accounts:password_change")))
    client.cookies["django_language"] = "de"
    german = _nav(client.get(reverse("cases:list")))
    assert '<a href="/cases/" aria-current="page">Fälle</a>' in german
    assert 'aria-label="Hauptnavigation"' in german
    # dora (data protection officer) gets her own links, not alice's.
    client.logout()
    login(dora)
    theirs = _nav(client.get(reverse("accounts:profile")))
    assert "/cases/" not in theirs and reverse("audit:index") in theirs
