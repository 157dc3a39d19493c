import pytest

from lotse.testing import factories as f


@pytest.fixture
def documents(settings, tmp_path):
    """Uploaded forms go to a temporary directory, never into var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return tmp_path


@pytest.fixture
def owned_case(caritas, jobcentre, alice):
    """Alice's case with the job centre taking part, before any release."""
    case = f.case(caritas, managers=(alice,), actor=alice)
    f.participant(case, jobcentre, alice)
    return case
