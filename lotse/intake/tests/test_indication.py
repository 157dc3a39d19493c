import pytest

from lotse.intake.indication import Indication


@pytest.mark.parametrize(
    ("areas", "providers", "failed", "agrees", "met"),
    [
        (3, 2, False, True, True),
        (3, 0, True, True, True),
        (2, 5, True, True, False),  # needs not complex
        (3, 1, False, True, False),  # one provider and pathways work
        (5, 3, True, False, False),  # no agreement
    ],
)
def test_it_indicates_case_management_by_the_method(areas, providers, failed, agrees, met):
    indication = Indication(
        life_areas=areas, providers=providers, pathways_failed=failed, agrees=agrees
    )
    assert indication.met is met
