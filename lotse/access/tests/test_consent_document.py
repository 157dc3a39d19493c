import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lotse.access.models import Consent
from lotse.audit.models import AuditEntry
from lotse.testing import factories as f

pytestmark = pytest.mark.usefixtures("english", "documents")
PDF = b"%PDF-1.4\n% synthetic signed form\n"


@pytest.fixture
def signed(owned_case, jobcentre, alice):
    return f.consent(
        owned_case,
        [jobcentre],
        ("identity",),
        actor=alice,
        document=SimpleUploadedFile("unterschrift.pdf", PDF),
    )


def test_it_serves_the_signed_form_as_attachment_and_audits_it(client, login, signed, alice):
    login(alice)
    response = client.get(reverse("consents:document", args=[signed.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF
    read = AuditEntry.objects.filter(action="read", object_type="access.consent").get()
    assert (read.actor, read.person_id, read.object_id) == (alice, signed.person_id, str(signed.pk))


@pytest.mark.parametrize("user", ["bob", "carol", "dora", "operator"])
def test_it_hides_the_signed_form_from_everyone_else(client, login, signed, request, user):
    if user == "operator":
        account = f.UserFactory(username="otto", is_superuser=True)
    else:
        account = request.getfixturevalue(user)
    login(account)
    assert client.get(reverse("consents:document", args=[signed.pk])).status_code == 404
    assert not AuditEntry.objects.filter(action="read", object_type="access.consent").exists()


def test_it_answers_404_without_a_document(client, login, owned_case, jobcentre, alice):
    consent = f.consent(owned_case, [jobcentre], ("identity",), actor=alice)
    login(alice)
    assert client.get(reverse("consents:document", args=[consent.pk])).status_code == 404
    assert Consent.objects.count() == 1


def test_it_links_the_form_from_the_consents_tab(client, login, signed, alice, bob):
    login(alice)
    body = client.get(reverse("people:consents", args=[signed.person_id])).content.decode()
    assert reverse("consents:document", args=[signed.pk]) in body
    assert reverse("consents:withdraw", args=[signed.pk]) in body
    login(bob)
    body = client.get(reverse("people:consents", args=[signed.person_id])).content.decode()
    assert reverse("consents:document", args=[signed.pk]) not in body
