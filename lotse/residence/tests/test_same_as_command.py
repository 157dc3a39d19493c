"""A stored person is evaluated exactly as `lotse pathways evaluate` evaluates a file."""

import datetime
import io
import json

import pytest
from django.core.management import call_command

from lotse.core.tests.api.conftest import Api
from lotse.residence.actions import do_save_facts
from lotse.residence.facts import facts_document

pytestmark = pytest.mark.django_db
AS_OF = datetime.date(2026, 11, 21)


def test_the_api_answers_what_the_command_prints_for_the_same_facts(
    tmp_path, person, alice, history
):
    do_save_facts(alice, person, fdgo_commitment=True, convictions_complete=True)
    source = tmp_path / "facts.json"
    source.write_text(json.dumps(facts_document(person, AS_OF)), encoding="utf-8")
    out = io.StringIO()
    call_command("pathways", "evaluate", "--input", str(source), stdout=out)
    answer = Api(alice).get(f"people/{person.pk}/pathways/", {"as_of": AS_OF.isoformat()})
    assert answer.json() == json.loads(out.getvalue())
