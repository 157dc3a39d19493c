"""The data-protection officer reads the audit trail in German: the whole trail,
filtered to one person, and that person's own trail."""

import pytest

from lotse.audit.models import AuditEntry
from lotse.testing import factories as f

pytestmark = pytest.mark.browser


def test_it_lets_dora_filter_the_trail_and_open_a_persons_trail(journey, caritas, alice, dora):
    amina = f.person(caritas, alice, given_names="Amina", family_name="Haddad")
    f.case(caritas, amina, managers=(alice,), actor=alice)
    other = f.person(caritas, alice, given_names="Omar", family_name="Nasser")
    page = journey.page

    journey.sign_in("dora")
    assert "/people/" not in journey.nav_hrefs()
    journey.follow(journey.nav_link("/audit/"))
    assert page.locator(f'main a[href="/audit/person/{other.pk}/"]').count() >= 1

    page.fill("#id_person", str(amina.pk))
    journey.follow(page.locator("form.audit-filters button[type=submit]"))
    assert f"person={amina.pk}" in page.url
    rows = page.locator("main table tbody tr")
    assert rows.count() == AuditEntry.objects.filter(person_id=amina.pk).count() > 0
    assert page.locator(f'main a[href="/audit/person/{other.pk}/"]').count() == 0

    journey.follow(page.locator(f'main a[href="/audit/person/{amina.pk}/"]').first)
    assert page.url.endswith(f"/audit/person/{amina.pk}/")
    assert "Haddad" in journey.text("h1")
