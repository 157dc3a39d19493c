"""Shared personas: two welfare organisations and a job centre in one district.

alice: case manager at Caritas (owns the cases); bob: office staff at the job
centre (participant); carol: case manager at DRK (no relation); dora: DPO at
Caritas; cody: coordinator; adam: administrator.
"""

import pytest

from lotse.accounts.choices import Role
from lotse.network.choices import OrganisationKind
from lotse.testing import factories as f


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests create hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _database_options_kept():
    """A benchmark measured in a test switches the web server's connection options
    (lotse.core.parallel) in this process: the next test gets them back as they were."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    saved = dict(database.get("OPTIONS") or {})
    yield
    database["OPTIONS"] = saved


@pytest.fixture(autouse=True)
def _life_area_catalogue(request):
    """The life-area catalogue is seeded by a migration; transactional tests flush it."""
    uses_db = {"db", "transactional_db"} & set(request.fixturenames)
    if not (uses_db or request.node.get_closest_marker("django_db")):
        return
    request.getfixturevalue("_django_db_helper")
    from lotse.cases.models import ensure_default_life_areas

    ensure_default_life_areas()


@pytest.fixture(autouse=True)
def english(client, settings):
    """Tests read English texts; German stays the product's default language.

    The cookie covers requests, the override covers text rendered outside them.
    """
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def caritas(db):
    return f.OrganisationFactory(name="Caritas Musterkreis")


@pytest.fixture
def jobcentre(db):
    return f.OrganisationFactory(name="Jobcenter Musterkreis", kind=OrganisationKind.JOB_CENTRE)


@pytest.fixture
def drk(db):
    return f.OrganisationFactory(name="DRK Musterkreis")


@pytest.fixture
def alice(caritas):
    return f.staff(caritas, Role.CASE_MANAGER, username="alice")


@pytest.fixture
def bob(jobcentre):
    return f.staff(jobcentre, Role.OFFICE_STAFF, username="bob")


@pytest.fixture
def carol(drk):
    return f.staff(drk, Role.CASE_MANAGER, username="carol")


@pytest.fixture
def dora(caritas):
    return f.staff(caritas, Role.DPO, username="dora")


@pytest.fixture
def login(client):
    """login(user) signs the test client in with a verified second factor."""
    from lotse.testing.auth import login_verified

    def _login(user):
        return login_verified(client, user)

    return _login


@pytest.fixture(autouse=True)
def _document_store(settings, tmp_path):
    # Case documents (lotse.contacts) are written to disk: never into var/ from a test.
    settings.LOTSE_DOCUMENTS_DIR = tmp_path / "documents"
