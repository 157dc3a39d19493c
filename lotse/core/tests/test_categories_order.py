"""Categories are listed in their declaration order, whatever order they come in."""

from lotse.core.categories import DataCategory, from_mask, ordered, to_mask


def test_it_orders_as_declared():
    everything = [cat.value for cat in DataCategory]
    assert ordered(reversed(everything)) == everything
    assert ordered({"case_notes", "identity", "health"}) == ["identity", "health", "case_notes"]
    assert ordered([DataCategory.CASE_NOTES, "contact"]) == ["contact", "case_notes"]
    assert ordered([]) == []
    assert all(type(code) is str for code in ordered(DataCategory))


def test_it_ignores_what_is_no_category():
    assert ordered(["identity", "nonsense"]) == ["identity"]


def test_masks_round_trip():
    for cat in DataCategory:
        assert from_mask(to_mask([cat])) == {cat.value}
