import pytest

from lotse.testing import factories as f


@pytest.fixture
def alice_case(caritas, alice):
    return f.case(caritas, managers=(alice,), actor=alice)


@pytest.fixture
def release(alice_case, jobcentre, alice):
    """Identity and residence data released to the job centre."""
    return f.consent(alice_case, [jobcentre], ("identity", "residence"), actor=alice)


@pytest.fixture
def sent(alice_case, jobcentre, alice, release):
    return f.referral(alice_case, jobcentre, ("identity", "residence"), actor=alice)
