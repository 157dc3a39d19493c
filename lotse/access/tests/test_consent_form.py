import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from lotse.access.forms import MAX_DOCUMENT_BYTES
from lotse.access.models import AccessGrant, Consent, ConsentText
from lotse.access.visibility import categories_for
from lotse.audit.models import AuditEntry

pytestmark = pytest.mark.usefixtures("english", "documents")
PDF = b"%PDF-1.4\n% synthetic test form\n"


def consent_data(owned, orgs, **overrides):
    today = timezone.localdate()
    data = {
        "text": ConsentText.objects.get(version="2025-1", language="de").pk,
        "purpose": "Abstimmung Arbeitsmarktintegration",
        "case": owned.pk,
        "recipients": [r.pk for r in orgs],
        "categories": ["identity", "residence"],
        "consequences_explained": "on",
        "form": "written",
        "witness": "",
        "language": "ar",
        "interpreter": "Frau Sprachmittlerin",
        "given_on": (today - datetime.timedelta(days=1)).isoformat(),
        "valid_until": (today + datetime.timedelta(days=365)).isoformat(),
    }
    data.update(overrides)
    return data


def test_it_records_a_consent_that_opens_access_for_the_recipient(
    client, login, owned_case, jobcentre, alice, bob
):
    login(alice)
    url = reverse("consents:create", args=[owned_case.person_id])
    assert client.get(url).status_code == 200
    response = client.post(url, consent_data(owned_case, [jobcentre]))
    assert response.status_code == 302
    assert response["Location"] == reverse("people:consents", args=[owned_case.person_id])
    consent = Consent.objects.get()
    assert consent.categories == frozenset({"identity", "residence"})
    assert consent.case == owned_case and consent.recorded_by == alice
    assert list(consent.recipients.all()) == [jobcentre]
    assert categories_for(bob, owned_case.person_id) == {"identity", "residence"}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"categories": []}, "categories"),
        ({"recipients": []}, "recipients"),
        ({"given_on": "2025-03-10", "valid_until": "2025-03-01"}, "valid_until"),
        ({"categories": ["identity", "health"]}, "special_categories_named"),
        ({"form": "oral_witnessed", "witness": "  "}, "witness"),
        ({"given_on": "2999-01-01", "valid_until": ""}, "given_on"),
        ({"language": "Arabisch"}, "language"),
        (
            {"document": SimpleUploadedFile("form.exe", b"MZ", "application/octet-stream")},
            "document",
        ),
    ],
)
def test_it_rejects_each_bad_input_on_its_field_and_changes_nothing(
    client, login, owned_case, jobcentre, alice, overrides, field
):
    login(alice)
    grants = list(AccessGrant.objects.values_list("id", "organisation_id", "categories"))
    changes = AuditEntry.objects.exclude(action="read").count()
    response = client.post(
        reverse("consents:create", args=[owned_case.person_id]),
        consent_data(owned_case, [jobcentre], **overrides),
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'id="id_{field}_error"' in response.content.decode()
    assert Consent.objects.count() == 0
    assert list(AccessGrant.objects.values_list("id", "organisation_id", "categories")) == grants
    assert AuditEntry.objects.exclude(action="read").count() == changes


def test_it_accepts_health_once_named_and_oral_consent_with_a_witness(
    client, login, owned_case, jobcentre, alice
):
    login(alice)
    response = client.post(
        reverse("consents:create", args=[owned_case.person_id]),
        consent_data(
            owned_case,
            [jobcentre],
            categories=["health"],
            special_categories_named="on",
            form="oral_witnessed",
            witness="Herr Zeuge",
            case="",
        ),
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.case is None and consent.witness == "Herr Zeuge"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("scan.pdf", b"\x89PNG\r\n\x1a\n not really a pdf"),
        ("scan.png", PDF),
        ("scan.gif", b"GIF89a"),
    ],
)
def test_it_accepts_only_pdf_png_and_jpeg_by_content(
    client, login, owned_case, jobcentre, alice, name, content
):
    login(alice)
    upload = SimpleUploadedFile(name, content)
    response = client.post(
        reverse("consents:create", args=[owned_case.person_id]),
        consent_data(owned_case, [jobcentre], document=upload),
    )
    assert "document" in response.context["form"].errors
    assert Consent.objects.count() == 0


def test_it_refuses_documents_over_10_mb(client, login, owned_case, jobcentre, alice, documents):
    login(alice)
    upload = SimpleUploadedFile("scan.pdf", PDF + b"0" * (MAX_DOCUMENT_BYTES + 1 - len(PDF)))
    response = client.post(
        reverse("consents:create", args=[owned_case.person_id]),
        consent_data(owned_case, [jobcentre], document=upload),
    )
    assert "document" in response.context["form"].errors
    assert Consent.objects.count() == 0
    assert not list(documents.rglob("*.pdf"))


def test_it_offers_only_the_owners_cases(client, login, owned_case, drk, carol, alice, jobcentre):
    from lotse.cases.actions import do_open_case

    foreign = do_open_case(carol, owned_case.person, organisation=drk, programme="mbe")
    login(alice)
    url = reverse("consents:create", args=[owned_case.person_id])
    form = client.get(url).context["form"]
    assert list(form.fields["case"].queryset) == [owned_case]
    response = client.post(url, consent_data(owned_case, [jobcentre], case=foreign.pk))
    assert "case" in response.context["form"].errors
    assert Consent.objects.count() == 0


@pytest.mark.parametrize("user", ["bob", "carol", "dora"])
def test_it_lets_only_owner_case_staff_record(client, login, owned_case, jobcentre, request, user):
    login(request.getfixturevalue(user))
    url = reverse("consents:create", args=[owned_case.person_id])
    assert client.get(url).status_code == 404
    assert client.post(url, consent_data(owned_case, [jobcentre])).status_code == 404
    assert Consent.objects.count() == 0


def test_it_names_every_broken_rule_at_once_and_offers_only_other_organisations(
    client, login, owned_case, caritas, jobcentre, alice
):
    login(alice)
    url = reverse("consents:create", args=[owned_case.person_id])
    assert caritas not in client.get(url).context["form"].fields["recipients"].queryset
    response = client.post(
        url,
        consent_data(
            owned_case,
            [jobcentre],
            categories=["health"],
            form="oral_witnessed",
            given_on="2025-03-10",
            valid_until="2025-03-01",
        ),
    )
    errors = response.context["form"].errors
    assert {"special_categories_named", "witness", "valid_until"} <= set(errors)
    assert Consent.objects.count() == 0
