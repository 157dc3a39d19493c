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
RULES: dict[str, str] = {
    "core:home": "any_user",
    # Lists filter by visibility: any status a role gets is fine, the content is checked.
    "people:search": "list",
    "cases:list": "list",
    "api:api-root": "any_user",
    "api:person-list": "any_user",
    "api:case-list": "any_user",
    "api:consent-list": "any_user",
    "api:organisation-list": "any_user",
    "api:organisation-detail": "any_org",
    "people:create": "case_staff",
    "cases:create": "person_change",
    "people:detail": "person_view_or_dpo",
    "people:cases": "person_view_or_dpo",
    "people:consents": "person_view_or_dpo",
    "people:household": "person_view_or_dpo",
    "api:person-detail": "person_view",
    "people:audit": "dpo_person",
    "audit:person": "dpo_person",
    "api:audit-detail": "dpo_audit_entry",
    "audit:index": "dpo",
    "audit:export": "dpo",
    "audit:user": "dpo_user",
    "api:audit-list": "dpo",
    "api:audit-export": "dpo",
    "people:edit": "person_change",
    "people:add_detail": "person_change",
    "people:remove_detail": "person_change",
    "consents:create": "person_change",
    "cases:detail": "case_view",
    "api:case-detail": "case_view",
    "api:case-participants": "case_view",
    "cases:edit": "case_change",
    "cases:phase": "case_change",
    "cases:close": "case_change",
    "cases:assign": "case_change",
    "cases:participant_add": "case_change",
    "cases:participant_remove": "case_change",
    "api:case-phase": "case_change",
    "api:case-close": "case_change",
    "api:case-participant": "case_change",
    "api:consent-detail": "consent_view",
    "api:consent-withdraw": "consent_view",
    "consents:withdraw": "consent_view",
    "consents:document": "consent_document",
    "network:organisations": "admin",
    "network:organisation_create": "admin",
    "network:organisation_edit": "admin_org",
    "network:team_create": "admin_org",
    "network:team_edit": "admin_org",
    "network:team_delete": "admin_org",
    "network:users": "admin",
    "network:user_create": "admin",
    "network:user_edit": "admin_user",
    "network:membership_add": "admin_user",
    "network:membership_remove": "admin_user",
}
CHANGE_RULES = ("person_change", "case_change", "consent_view", "admin_org", "admin_user")
# URLs that are not personal-data pages (static, schema, language switch, auth flows).
PUBLIC_PREFIXES = ("accounts:", "set_language", "schema", "api-docs", "core:live", "core:ready")
QUERIES = {
    # A prefix: the search box echoes the query, only a result shows the full name.
    "people:search": lambda w: {"q": m.SECRET_NAME[:-1]},
    "api:person-list": lambda w: {"q": m.SECRET_NAME[:-1]},
    "cases:create": lambda w: {"person": w.person.pk},
}


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


def _allowed(rule: str, role: str, rel: str, state: str, user) -> bool | None:
    """True: must answer; False: must refuse; None: either, content decides."""
    if rule == "list":
        return None
    if rule in ("any_user", "any_org"):
        return True
    if rule == "case_staff":
        return role in m.CASE_WORK
    if rule == "dpo":
        return role == Role.DPO
    if rule in ("admin", "admin_org", "admin_user"):
        return role == Role.ADMINISTRATOR or role == "operator"
    if rule == "person_view_or_dpo":
        return (
            m.sees_case(role, rel, state)
            or role == "operator"
            or (role == Role.DPO and rel == "owner")
        )
    if rule == "person_view":
        return m.sees_case(role, rel, state) or role == "operator"
    if rule == "case_view":
        return m.sees_case(role, rel, state)
    if rule in ("person_change", "case_change", "consent_view"):
        return m.may_change(role, rel)
    if rule == "consent_document":
        # The world's consent carries no scanned form: 404 for everyone is right.
        return False
    if rule in ("dpo_person", "dpo_audit_entry", "dpo_user"):
        return role == Role.DPO and rel == "owner"
    raise AssertionError(f"unknown rule {rule}")


def _kwargs(pattern: URLPattern, world) -> dict:
    values = {
        "pk": None,
        "person_pk": world.person.pk,
        "person_id": world.person.pk,
        "case_pk": world.case.pk,
        "case_id": world.case.pk,
        "participant_pk": world.extras["participant"].pk,
        "organisation_id": world.orgs["participant"].pk,
        "kind": "address",
        "detail_pk": world.extras["address"].pk,
        "user_id": world.users[(Role.CASE_MANAGER, "owner")].pk,
        "membership_pk": world.extras["membership"].pk,
        "team_pk": world.extras["team"].pk,
    }
    out = {}
    keys = pattern.pattern.converters or pattern.pattern.regex.groupindex
    for key in keys:
        out[key] = values.get(key)
    return out


def _object_for(rule: str, world):
    if rule == "dpo_audit_entry":
        from lotse.audit.models import AuditEntry

        return AuditEntry.objects.filter(person_id=world.person.pk).order_by("id").first().pk
    if rule == "any_org" or rule == "admin_org":
        return world.orgs["owner"].pk
    if rule == "admin_user":
        return world.users[(Role.CASE_MANAGER, "owner")].pk
    if rule.startswith("person") or rule == "dpo_person":
        return world.person.pk
    if rule.startswith("case"):
        return world.case.pk
    if rule in ("consent_view", "consent_document"):
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
            query = QUERIES[name](world) if name in QUERIES else {}
            response = client.get(url, query)
            allowed = _allowed(rule, role, rel, world.state, user)
            where = (name, role, rel, world.state, response.status_code)
            if allowed is True:
                assert response.status_code in (200, 302, 405), where
            elif allowed is False:
                assert response.status_code in (403, 404, 405), where
            assert response.status_code < 500, where
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
            if rule not in CHANGE_RULES or _allowed(rule, role, rel, world.state, user):
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
