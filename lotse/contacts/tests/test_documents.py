"""Case documents: checked on content, stored encrypted, served only through visibility."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lotse.audit.models import AuditAction, AuditEntry
from lotse.contacts import storage
from lotse.contacts.models import Document
from lotse.testing import factories as f

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _upload(client, case, name, content, category="residence", title="Aufenthaltstitel"):
    return client.post(
        reverse("contacts:upload", args=[case.pk]),
        {"file": SimpleUploadedFile(name, content), "data_category": category, "title": title},
    )


def test_it_stores_an_upload_encrypted_outside_the_web_root(alice_case, alice, login, settings):
    response = _upload(login(alice), alice_case, "titel.pdf", f.PDF_BYTES)
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.data_category, document.content_type, document.size) == (
        "residence",
        "application/pdf",
        len(f.PDF_BYTES),
    )
    on_disk = storage.raw_path(document.stored_name)
    assert str(on_disk).startswith(str(settings.LOTSE_DOCUMENTS_DIR))
    assert b"%PDF" not in on_disk.read_bytes()
    assert "titel" not in on_disk.name and len(on_disk.name) == 48
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_type="contacts.document")
    assert list(entry.categories) == ["residence"]


def test_it_serves_the_file_to_the_owner_and_audits_the_read(alice_case, alice, login):
    document = f.document(alice_case, alice, "health", name="befund.pdf")
    response = login(alice).get(reverse("contacts:document", args=[document.pk]))
    assert response.status_code == 200
    assert response.content == f.PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    read = AuditEntry.objects.get(action=AuditAction.READ, object_type="contacts.document")
    assert (read.object_id, list(read.categories)) == (str(document.pk), ["health"])


def test_it_shows_a_participant_only_documents_of_released_categories(
    alice_case, jobcentre, alice, bob, carol, login
):
    f.participant(alice_case, jobcentre, alice)
    f.consent(alice_case, [jobcentre], ("identity", "residence"), actor=alice)
    permit = f.document(alice_case, alice, "residence", title="Aufenthaltserlaubnis")
    report = f.document(alice_case, alice, "health", title="Ärztlicher Befund")
    client = login(bob)
    assert client.get(reverse("contacts:document", args=[permit.pk])).status_code == 200
    assert client.get(reverse("contacts:document", args=[report.pk])).status_code == 404
    page = client.get(reverse("cases:detail", args=[alice_case.pk])).content.decode()
    assert "Aufenthaltserlaubnis" in page and "Ärztlicher Befund" not in page
    assert 'aria-label="Upload a document"' not in page
    read = AuditEntry.objects.filter(action=AuditAction.READ, object_type="cases.case").last()
    assert set(read.categories) == {"identity", "residence"}
    client = login(carol)
    assert client.get(reverse("contacts:document", args=[permit.pk])).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.exe", b"MZ\x90\x00", "Upload a PDF, PNG or JPEG file."),
        ("scan.pdf", b"<html><script>alert(1)</script></html>", "is not a PDF file"),
        ("bild.png", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "is not a PNG file"),
        ("leer.pdf", b"", "empty"),
        ("ohne-endung", f.PDF_BYTES, "Upload a PDF, PNG or JPEG file."),
    ],
)
def test_it_refuses_a_forbidden_type_and_saves_nothing(
    alice_case, alice, login, name, content, message
):
    response = _upload(login(alice), alice_case, name, content)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert not Document.objects.exists()
    assert not AuditEntry.objects.filter(object_type="contacts.document").exists()


def test_it_refuses_a_file_over_the_limit(alice_case, alice, login, settings, tmp_path):
    settings.LOTSE_DOCUMENT_MAX_BYTES = 1024 * 1024
    big = f.PDF_BYTES[:-7] + b" " * (1024 * 1024) + b"%%EOF\n"
    response = _upload(login(alice), alice_case, "gross.pdf", big)
    assert "larger than 1 MB" in " ".join(response.context["form"].errors["file"])
    assert not Document.objects.exists()
    assert (
        not any((tmp_path / "documents").rglob("*")) if (tmp_path / "documents").exists() else True
    )


def test_it_requires_a_category(alice_case, alice, login):
    response = _upload(login(alice), alice_case, "a.png", PNG, category="")
    assert response.context["form"].errors["data_category"]
    assert not Document.objects.exists()


def test_it_lets_only_the_owner_delete_a_document(
    alice_case, jobcentre, alice, bob, login, django_capture_on_commit_callbacks
):
    f.participant(alice_case, jobcentre, alice)
    f.consent(alice_case, [jobcentre], ("identity", "residence"), actor=alice)
    document = f.document(alice_case, alice, "residence")
    path = storage.raw_path(document.stored_name)
    url = reverse("contacts:document_delete", args=[document.pk])
    assert login(bob).post(url).status_code == 404
    assert Document.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert login(alice).post(url).status_code == 302
    assert not Document.objects.exists()
    assert not path.exists()
    assert AuditEntry.objects.filter(
        action=AuditAction.DELETE, object_type="contacts.document"
    ).exists()


def test_it_answers_404_when_the_file_cannot_be_decrypted(alice_case, alice, login, settings):
    document = f.document(alice_case, alice, "residence")
    settings.LOTSE_DOCUMENT_KEYS = ["ZmFsc2NoZXItc2NobHVlc3NlbC0wMTIzNDU2Nzg5YWI="]
    response = login(alice).get(reverse("contacts:document", args=[document.pk]))
    assert response.status_code == 404


def test_it_decrypts_with_an_older_key_after_rotation(alice_case, alice, login, settings):
    old = settings.LOTSE_DOCUMENT_KEYS[0]
    document = f.document(alice_case, alice, "residence")
    settings.LOTSE_DOCUMENT_KEYS = ["ZmFsc2NoZXItc2NobHVlc3NlbC0wMTIzNDU2Nzg5YWI=", old]
    response = login(alice).get(reverse("contacts:document", args=[document.pk]))
    assert response.content == f.PDF_BYTES
