"""Keys are computed in Python whenever a name changes, by whatever path."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lotse.namekeys import dictionary
from lotse.namekeys.models import NameKey, NameVariant
from lotse.namekeys.service import rebuild_all
from lotse.people.actions import do_add_detail, do_remove_detail, do_update_person
from lotse.people.models import NameSpelling
from lotse.testing import factories as f


def forms(person):
    return set(NameKey.objects.filter(person=person).values_list("form", flat=True))


def test_it_stores_keys_of_the_name_when_a_person_is_registered(caritas, alice):
    person = f.person(caritas, alice, given_names="Abdul Rahman", family_name="Al-Hassan")
    assert forms(person) == {"abdrahman", "hassan", "alhassan"}
    key = NameKey.objects.get(person=person, form="hassan")
    assert (key.canon, key.fold, key.metaphone, key.cologne, key.skeleton) == (
        "hassan",
        "hasan",
        "HSN",
        "086",
        "hsn",
    )


def test_it_follows_a_changed_name(caritas, alice):
    person = f.person(caritas, alice, given_names="Amina", family_name="Haddad")
    do_update_person(alice, person, family_name="Karimi")
    assert forms(person) == {"amina", "karimi"}


def test_it_follows_spellings_added_and_removed(caritas, alice):
    person = f.person(caritas, alice, given_names="Mohammed", family_name="Karimi")
    spelling = do_add_detail(
        alice,
        NameSpelling(
            person=person, given_names="محمد", family_name="كريمي", kind="original_script"
        ),
    )
    assert {"mhmd", "krymy"} <= forms(person)
    assert NameKey.objects.get(person=person, form="mhmd").abjad
    do_remove_detail(alice, spelling)
    assert forms(person) == {"mohammed", "karimi"}


def test_it_goes_with_the_person(caritas, alice):
    person = f.person(caritas, alice)
    person.delete()
    assert not NameKey.objects.exists()


def test_it_rebuilds_every_persons_keys_with_the_administrators_variants(caritas, alice):
    person = f.person(caritas, alice, given_names="Mhmmd", family_name="Haddad")
    assert NameKey.objects.get(person=person, form="mhmmd").canon == "mhmmd"
    NameVariant.objects.create(variant="Mhmmd", canonical="Mohammed")
    dictionary.forget()
    assert rebuild_all() == 2
    assert NameKey.objects.get(person=person, form="mhmmd").canon == "mohammed"


def test_it_rebuilds_from_the_command_line(caritas, alice, capsys):
    person = f.person(caritas, alice, given_names="Amina", family_name="Haddad")
    NameKey.objects.all().delete()
    call_command("rebuild_name_keys")
    assert forms(person) == {"amina", "haddad"}
    assert "Name keys rebuilt: 2 keys" in capsys.readouterr().out


def test_it_manages_variants_from_the_command_line(caritas, alice, capsys):
    call_command("name_variants", "add", "Mhmmd", "Muhammad")
    assert "key mohammed" in capsys.readouterr().out
    call_command("name_variants", "list")
    assert "Mhmmd\tMuhammad" in capsys.readouterr().out
    person = f.person(caritas, alice, given_names="Mhmmd", family_name="Haddad")
    assert NameKey.objects.get(person=person, form="mhmmd").canon == "mohammed"
    call_command("name_variants", "remove", "Mhmmd")
    with pytest.raises(CommandError) as error:
        call_command("name_variants", "remove", "Mhmmd")
    assert error.value.returncode == 2
    with pytest.raises(CommandError):
        call_command("name_variants", "add", "-.", "Mohammed")
