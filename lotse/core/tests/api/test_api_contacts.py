"""/api/v1/ for contacts, documents, dormant cases and bulk closures: same visibility and audit."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lotse.audit.models import AuditAction, AuditEntry
from lotse.cases.models import Case
from lotse.contacts.models import BulkClosure, Contact, Document
from lotse.testing import factories as f


def _contact_body(case, **extra):
    body = {
        "case": case.pk,
        "occurred_on": timezone.localdate().isoformat(),
        "channel": "video",
        "duration_minutes": 25,
        "note": "Bewerbung besprochen.",
    }
    body.update(extra)
    return body


def test_it_records_and_lists_a_contact(world, alice, api):
    client = api(alice)
    response = client.post("contacts/", _contact_body(world["case"], interpreter_language="ar"))
    assert response.status_code == 201, response.json()
    assert response.json()["channel"] == "video"
    listed = client.get("contacts/", {"case": world["case"].pk}).json()
    assert [c["note"] for c in listed["results"]] == ["Bewerbung besprochen."]
    one = client.get(f"contacts/{response.json()['id']}/")
    assert one.status_code == 200
    reads = AuditEntry.objects.filter(action=AuditAction.READ, object_type="contacts.contact")
    assert reads.count() == 2 and all(list(r.categories) == ["case_notes"] for r in reads)


def test_it_refuses_bad_contacts_with_field_errors(world, alice, api):
    client = api(alice)
    future = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post("contacts/", _contact_body(world["case"], occurred_on=future))
    assert response.status_code == 400
    assert "future" in response.json()["occurred_on"][0]
    response = client.post("contacts/", _contact_body(world["case"], duration_minutes=0))
    assert "duration_minutes" in response.json()
    response = client.post("contacts/", _contact_body(world["case"], interpreter="Frau Rahimi"))
    assert "interpreter_language" in response.json()
    assert not Contact.objects.exists()


def test_it_hides_contacts_without_case_notes_and_refuses_writes(world, alice, bob, carol, api):
    contact = f.contact(world["case"], alice)
    for user in (bob, carol):
        client = api(user)
        assert client.get("contacts/").json()["results"] == []
        assert client.get(f"contacts/{contact.pk}/").status_code == 404
        response = client.post("contacts/", _contact_body(world["case"]))
        assert response.status_code == 400 and "case" in response.json()
    assert Contact.objects.count() == 1


def test_it_uploads_and_serves_a_document(world, alice, bob, carol, api):
    client = api(alice)
    response = client.post_multipart(
        "documents/",
        {
            "case": world["case"].pk,
            "data_category": "residence",
            "title": "Fiktionsbescheinigung",
            "file": SimpleUploadedFile("fiktion.pdf", f.PDF_BYTES),
        },
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert client.get(f"documents/{pk}/content/").content == f.PDF_BYTES
    # The job centre holds residence: it may open it; DRK may not.
    assert api(bob).get(f"documents/{pk}/content/").status_code == 200
    assert api(carol).get(f"documents/{pk}/content/").status_code == 404
    assert api(carol).get(f"documents/{pk}/").status_code == 404
    health = f.document(world["case"], alice, "health", title="Befund")
    assert [d["id"] for d in api(bob).get("documents/").json()["results"]] == [pk]
    assert api(bob).get(f"documents/{health.pk}/content/").status_code == 404


def test_it_refuses_a_disguised_upload(world, alice, api):
    response = api(alice).post_multipart(
        "documents/",
        {
            "case": world["case"].pk,
            "data_category": "case_notes",
            "file": SimpleUploadedFile("brief.pdf", b"MZ not a pdf"),
        },
    )
    assert response.status_code == 400
    assert "is not a PDF file" in response.json()["file"][0]
    assert not Document.objects.exists()


def test_it_lists_dormant_cases_and_closes_them_in_a_job(
    world, caritas, alice, bob, api, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    case = world["case"]
    Case.objects.filter(pk=case.pk).update(
        opened_on=timezone.localdate() - datetime.timedelta(weeks=30)
    )
    client = api(alice)
    listed = client.get("dormant-cases/", {"weeks": 12}).json()["results"]
    assert [c["id"] for c in listed] == [case.pk]
    assert api(bob).get("dormant-cases/").json()["results"] == []
    assert client.get("dormant-cases/", {"weeks": 0}).status_code == 400
    refused = api(bob).post("bulk-closures/", {"cases": [case.pk], "reason": "no_contact"})
    assert refused.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post("bulk-closures/", {"cases": [case.pk], "reason": "no_contact"})
    assert started.status_code == 202
    job = client.get(f"bulk-closures/{started.json()['id']}/").json()
    assert (job["state"], job["closed"], job["percent"]) == ("done", 1, 100)
    assert api(bob).get(f"bulk-closures/{job['id']}/").status_code == 404
    assert BulkClosure.objects.count() == 1
    assert not Case.objects.get(pk=case.pk).is_open


def test_it_deletes_a_document_only_for_the_owner(world, alice, bob, api):
    document = f.document(world["case"], alice, "residence")
    assert api(bob).delete(f"documents/{document.pk}/").status_code == 403
    assert Document.objects.exists()
    assert api(alice).delete(f"documents/{document.pk}/").status_code == 204
    assert not Document.objects.exists()
    assert AuditEntry.objects.filter(
        action=AuditAction.DELETE, object_type="contacts.document"
    ).exists()
