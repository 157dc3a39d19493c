"""Round trip on the test's own backend: data and documents → backup → wipe → restore."""

import io
import json
import os
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lotse.accounts.choices import Role
from lotse.audit.models import AuditEntry
from lotse.core.backup import current_counts, has_data
from lotse.people.models import Person
from lotse.testing import factories as f

KEY = "document-key-never-in-a-backup-0123456789"


@pytest.fixture
def documents(settings, tmp_path):
    settings.DOCUMENTS_DIR = tmp_path / "documents"
    (settings.DOCUMENTS_DIR / "2026" / "11").mkdir(parents=True)
    # Stand-ins for encrypted files: random bytes, copied as they are.
    files = {
        "2026/11/a1b2.enc": os.urandom(20_000),
        "2026/11/c3d4.enc": os.urandom(3),
        "e5f6.enc": b"",
    }
    for name, content in files.items():
        (settings.DOCUMENTS_DIR / name).write_bytes(content)
    return files


@pytest.fixture
def world(transactional_db, monkeypatch):
    monkeypatch.setenv("LOTSE_DOCUMENT_KEY", KEY)
    caritas = f.OrganisationFactory(name="Caritas Musterkreis")
    alice = f.staff(caritas, Role.CASE_MANAGER, username="alice")
    for given in ("Amina", "Omar", "Lejla"):
        f.case(caritas, f.person(caritas, alice, given_names=given), managers=(alice,), actor=alice)
    assert AuditEntry.objects.count() > 3
    return caritas


def _wipe(settings) -> None:
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.DOCUMENTS_DIR)


def test_it_restores_rows_audit_chain_and_document_bytes(world, documents, settings, tmp_path):
    before = current_counts()
    call_command("backup", output=tmp_path / "backup", stdout=io.StringIO())
    _wipe(settings)
    assert Person.objects.count() == 0

    out = tmp_path / "restore.log"
    with out.open("w") as stream:
        call_command("restore", input=tmp_path / "backup", stdout=stream)

    assert current_counts() == before
    assert Person.objects.count() == 3
    assert "Audit trail intact" in out.read_text()
    for name, content in documents.items():
        assert (settings.DOCUMENTS_DIR / name).read_bytes() == content


def test_it_writes_checksums_and_never_the_key(world, documents, tmp_path):
    call_command("backup", output=tmp_path / "backup", stdout=io.StringIO())
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert sorted(d["path"] for d in manifest["documents"]) == sorted(documents)
    assert manifest["counts"]["people_person"] == 3
    for path in (tmp_path / "backup").rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes()
            assert path.stat().st_mode & 0o077 == 0  # personal data: owner only


def test_it_refuses_to_overwrite_data_without_force(world, documents, tmp_path):
    call_command("backup", output=tmp_path / "backup", stdout=io.StringIO())
    f.person(world, None, given_names="Later")
    with pytest.raises(CommandError, match="holds data"):
        call_command("restore", input=tmp_path / "backup", stdout=io.StringIO())
    assert Person.objects.filter(given_names="Later").exists()


def test_it_refuses_a_backup_whose_files_changed(world, documents, settings, tmp_path):
    call_command("backup", output=tmp_path / "backup", stdout=io.StringIO())
    (tmp_path / "backup" / "documents" / "2026" / "11" / "c3d4.enc").write_bytes(b"xyz")
    _wipe(settings)
    with pytest.raises(CommandError, match=r"Checksums do not match for: documents/2026/11/c3d4"):
        call_command("restore", input=tmp_path / "backup", stdout=io.StringIO())
    assert Person.objects.count() == 0


def test_it_refuses_to_back_up_into_a_folder_in_use(world, documents, tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "old").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", output=tmp_path / "backup")


def test_it_counts_a_freshly_migrated_database_as_empty(db, caritas):
    from lotse.access.models import ConsentText

    assert ConsentText.objects.exists()  # written by a migration
    assert not has_data()
    f.person(caritas, None)
    assert has_data()
