"""Audit entries cannot be changed or deleted through Lotse: not by the ORM, the admin or a page."""

import pytest
from django.contrib import admin
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse

from lotse.audit.log import record
from lotse.audit.models import AuditEntry, AuditLogIsAppendOnly
from lotse.audit.tests.helpers import verify


@pytest.fixture
def entry(db):
    return record(None, "read", object_type="people.person", object_id=7, person_id=7)


def _unchanged(entry: AuditEntry) -> None:
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.action, stored.object_id, stored.hash) == ("read", "7", entry.hash)


def test_it_refuses_to_save_an_existing_entry(entry):
    entry.action = "delete"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save(update_fields=["action"])
    _unchanged(entry)


def test_it_refuses_to_delete_an_entry(entry):
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    _unchanged(entry)


def test_it_refuses_queryset_update_and_delete(entry):
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(action="delete")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().update(object_id="8")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()
    entry.object_id = "8"
    # bulk_update joins the caller's transaction without a savepoint: give it one.
    with pytest.raises(AuditLogIsAppendOnly), transaction.atomic():
        AuditEntry.objects.bulk_update([entry], ["object_id"])
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.update_or_create(pk=entry.pk, defaults={"object_id": "8"})
    _unchanged(entry)
    verify()


def test_it_offers_no_change_or_delete_in_the_admin(entry, dora):
    model_admin = admin.site._registry.get(AuditEntry)
    if model_admin is None:
        return  # Not registered: the admin cannot reach the trail at all.
    request = RequestFactory().get("/")
    request.user = dora
    dora.is_superuser = True
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)
    assert not model_admin.has_add_permission(request)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize(
    "url",
    [
        lambda e: reverse("audit:index"),
        lambda e: reverse("audit:person", args=[e.person_id]),
        lambda e: reverse("audit:user", args=[1]),
        lambda e: reverse("audit:export"),
    ],
)
def test_it_accepts_only_reading_requests(client, login, dora, entry, url, method):
    login(dora)
    response = getattr(client, method)(url(entry))
    assert response.status_code == 405
    _unchanged(entry)
