"""Every foreign key to a person must be handled by the merge.

A new model pointing at people.Person fails here until its relation is named
in lotse.dedupe.merge.HANDLING: otherwise its rows would silently stay with
the merged-away record.
"""

from lotse.dedupe.merge import HANDLING, person_foreign_keys


def test_it_handles_every_foreign_key_to_person():
    found = {key for key, _model, _field in person_foreign_keys()}
    missing = sorted(found - set(HANDLING))
    assert not missing, f"Say in lotse.dedupe.merge.HANDLING what a merge does with {missing}"


def test_it_names_no_relation_that_does_not_exist():
    found = {key for key, _model, _field in person_foreign_keys()}
    assert not sorted(set(HANDLING) - found)
