"""The contact benchmark runs against a tiny synthetic district and adds real contacts."""

from io import StringIO

import pytest
from django.core.management import call_command

from lotse.contacts.models import Contact
from lotse.synth.tests.helpers import small_run


def _bench(*args: str) -> str:
    out = StringIO()
    call_command(
        "bench_contacts", "--requests", "4", "--warmup", "1", *args, stdout=out, stderr=StringIO()
    )
    return out.getvalue()


def _row(output: str, name: str) -> list[str]:
    line = next(line for line in output.splitlines() if line.startswith(name))
    return line[len(name) :].split()


@pytest.mark.django_db
def test_it_adds_contacts_with_the_django_client():
    small_run(persons=60)
    before = Contact.objects.count()
    output = _bench("--client", "django")
    requests, errors = _row(output, "add contact (HTMX)")[:2]
    assert (requests, errors) == ("4", "0")
    assert Contact.objects.count() == before + 5
    assert "load average before" in output


@pytest.mark.django_db(transaction=True)
def test_it_adds_contacts_over_real_http_with_csrf():
    small_run(persons=30)
    before = Contact.objects.count()
    output = _bench("--client", "http")
    assert _row(output, "add contact (HTMX)")[:2] == ["4", "0"]
    assert _row(output, "case page")[:2] == ["4", "0"]
    assert Contact.objects.count() == before + 5
