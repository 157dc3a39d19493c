"""Generated: every view and API endpoint × every role × organisation relation × consent state.

URLs are discovered from the URL configuration; each must be classified in
RULES (a new view that is not fails `test_it_classifies_every_url`), so no
page can be added without being checked here. Expectations come from the
reference model in lotse.testing.matrix, never from the code under test.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lotse.accounts.choices import Role
from lotse.testing import matrix as m
from lotse.testing.auth import login_verified

# What an object-bound URL needs: which object fills its kwargs and who may reach it.
#   person_view / case_view: seeing the person or case at all
#   person_change / case_change: owner case staff only
#   consent_view: owner case staff; dpo_person: the owner's DPO
# Lists and forms without an object: any_user, case_staff, dpo, admin, public.
RULES: dict[str, str] = {}
# URLs that are not personal-data pages (static, schema, language switch, auth flows).
PUBLIC_PREFIXES = ("accounts:", "set_language", "schema", "api-docs", "core:live", "core:ready")
LIST_QUERIES = {"people:search": {"q": m.SECRET_NAME}, "api:person-list": {"q": m.SECRET_NAME}}


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _walk(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{prefix}{p.name}", p


def named_urls() -> dict[str, URLPattern]:
    return dict(_walk(get_resolver().url_patterns))


def _is_public(name: str) -> bool:
    return name.startswith(PUBLIC_PREFIXES)


def _allowed(rule: str, role: str, rel: str, state: str, user) -> bool:
    if rule == "any_user":
        return True
    if rule == "case_staff":
        return role in m.CASE_WORK
    if rule == "dpo":
        return role == Role.DPO
    if rule == "admin":
        return role == Role.ADMINISTRATOR or role == "operator"
    if rule == "person_view":
        return m.sees_case(role, rel, state) or role == "operator"
    if rule == "case_view":
        return m.sees_case(role, rel, state)
    if rule in ("person_change", "case_change", "consent_view"):
        return m.may_change(role, rel)
    if rule == "dpo_person":
        return role == Role.DPO and rel == "owner"
    raise AssertionError(f"unknown rule {rule}")


def _kwargs(pattern: URLPattern, world) -> dict:
    values = {
        "pk": None,
        "person_pk": world.person.pk,
        "person_id": world.person.pk,
        "case_pk": world.case.pk,
        "case_id": world.case.pk,
    }
    out = {}
    for key in pattern.pattern.converters:
        out[key] = values.get(key)
    return out


def _object_for(rule: str, world):
    if rule.startswith("person") or rule == "dpo_person":
        return world.person.pk
    if rule.startswith("case"):
        return world.case.pk
    if rule == "consent_view":
        return world.consent.pk if world.consent else None
    return None


def test_it_classifies_every_url():
    unclassified = sorted(
        name for name in named_urls() if not _is_public(name) and name not in RULES
    )
    assert not unclassified, f"Add these URLs to RULES in {__file__}: {unclassified}"


@pytest.fixture(params=m.CONSENT_STATES)
def world(request, db):
    return m.build_world(request.param)


def test_it_answers_each_user_per_reference_model(client, world):
    patterns = named_urls()
    for role, rel, user in world.all_users():
        client.logout()
        login_verified(client, user)
        cats = m.expected_categories(role, rel, world.state)
        for name, rule in RULES.items():
            pattern = patterns[name]
            kwargs = _kwargs(pattern, world)
            if "pk" in kwargs:
                kwargs["pk"] = _object_for(rule, world)
                if kwargs["pk"] is None:
                    continue
            url = reverse(name, kwargs=kwargs)
            response = client.get(url, LIST_QUERIES.get(name, {}))
            allowed = _allowed(rule, role, rel, world.state, user)
            where = (name, role, rel, world.state, response.status_code)
            if allowed:
                assert response.status_code in (200, 302, 405), where
            else:
                assert response.status_code in (403, 404, 405), where
            if response.status_code == 200 and not getattr(response, "streaming", False):
                body = response.content.decode(errors="replace")
                assert (m.SECRET_STREET in body) <= ("contact" in cats), where
                assert (m.SECRET_PHONE in body) <= ("contact" in cats), where
                assert (m.SECRET_SUMMARY in body) <= ("case_notes" in cats), where
                assert (m.SECRET_NAME in body) <= ("identity" in cats), where


def test_it_refuses_writes_without_change_rights(client, world):
    """POSTing to any object-bound URL as a non-owner changes nothing."""
    from lotse.audit.models import AuditEntry

    patterns = named_urls()
    for role, rel, user in world.all_users():
        if m.may_change(role, rel):
            continue
        client.logout()
        login_verified(client, user)
        for name, rule in RULES.items():
            if rule not in ("person_change", "case_change", "consent_view"):
                continue
            pattern = patterns[name]
            kwargs = _kwargs(pattern, world)
            if "pk" in kwargs:
                kwargs["pk"] = _object_for(rule, world)
                if kwargs["pk"] is None:
                    continue
            before = AuditEntry.objects.exclude(action="read").count()
            response = client.post(reverse(name, kwargs=kwargs), {})
            assert response.status_code in (403, 404, 405), (name, role, rel)
            assert AuditEntry.objects.exclude(action="read").count() == before, (name, role)
