"""Whatever a document holds, the engine answers or raises FactsError: the command
promises exit status 2 and one line, never a traceback."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lotse.pathways import FactsError, evaluate

dates = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2199, 12, 31)).map(
    datetime.date.isoformat
)
maybe = lambda strategy: st.none() | strategy  # noqa: E731
flags = maybe(st.booleans())
kinds = st.sampled_from(
    [
        "gestattung",
        "duldung",
        "duldung_60b",
        "aufenthaltserlaubnis",
        "niederlassungserlaubnis",
        "blaue_karte",
        "none",
    ]
)
paragraphs = maybe(
    st.sampled_from(["25 Abs. 5 AufenthG", "104c AufenthG", "§ 23", "x", "", "25 Abs. 99"])
)


@st.composite
def status_periods(draw):
    """Non-overlapping periods: each ends the day before the next begins (or later
    gaps come from unused days); the last may run on."""
    starts = sorted(set(draw(st.lists(dates, max_size=5))))
    periods = []
    for index, start in enumerate(starts):
        if index + 1 < len(starts):
            following = datetime.date.fromisoformat(starts[index + 1])
            end = (following - datetime.timedelta(days=draw(st.integers(1, 200)))).isoformat()
            end = max(end, start)
        else:
            end = draw(st.none() | dates.filter(lambda d, s=start: d >= s))
        periods.append(
            {"kind": draw(kinds), "paragraph": draw(paragraphs), "from": start, "to": end}
        )
    return periods


documents = st.fixed_dictionaries(
    {"status_periods": status_periods()},
    optional={
        "as_of": dates,
        "person": st.fixed_dictionaries(
            {},
            optional={
                "birth_date": maybe(dates),
                "entry_date": maybe(dates),
                "identity_clarified_on": maybe(dates),
                "identity_deception": flags,
                "fdgo_commitment": flags,
                "civic_knowledge": flags,
                "naturalisation_test_passed": flags,
                "living_with_minor_child": flags,
                "integration_course_obliged": flags,
                "integration_course_completed": flags,
            },
        ),
        "language_certificates": st.lists(
            st.fixed_dictionaries(
                {"level": st.sampled_from(["A1", "A2", "B1", "C2"])},
                optional={"oral_only": flags, "date": maybe(dates)},
            ),
            max_size=3,
        ),
        "schooling": st.fixed_dictionaries(
            {},
            optional={
                "years_successful_in_germany": maybe(st.integers(0, 20)),
                "german_qualification": flags,
            },
        ),
        "employment": st.lists(
            st.fixed_dictionaries(
                {"from": dates},
                optional={
                    "to": st.none(),
                    "hours_per_week": maybe(st.floats(0, 80)),
                    "social_insurance": flags,
                },
            ),
            max_size=3,
        ),
        "benefits": st.lists(
            st.fixed_dictionaries(
                {"type": st.sampled_from(["sgb2", "sgb12", "asylblg", "wohngeld"]), "from": dates}
            ),
            max_size=3,
        ),
        "livelihood_secured": flags,
        "convictions": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "date": maybe(dates),
                    "daily_rates": maybe(st.integers(0, 720)),
                    "prison_months": maybe(st.integers(0, 180)),
                    "juvenile_sanction_only": flags,
                    "foreigner_specific_offence": flags,
                },
            ),
            max_size=3,
        ),
        "children": st.lists(
            st.fixed_dictionaries(
                {}, optional={"birth_date": maybe(dates), "attends_school": flags}
            ),
            max_size=4,
        ),
    },
)


@given(documents)
@settings(max_examples=300, deadline=None)
def test_any_valid_document_is_evaluated(document):
    result = evaluate(document)
    assert len(result["pathways"]) == 6
    for path in result["pathways"]:
        earliest = path["earliest_date"]
        assert earliest is None or path["outcome"] == "not_met"
        if earliest is not None:
            assert earliest > result["as_of"]


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "2200-01-01", "9999-12-31"])
def test_dates_outside_1900_to_2199_are_bad_input(day):
    with pytest.raises(FactsError, match="outside the years 1900-2199"):
        evaluate({"as_of": day, "status_periods": []})
    with pytest.raises(FactsError, match=r"person\.birth_date"):
        evaluate({"status_periods": [], "person": {"birth_date": day}})
    with pytest.raises(FactsError, match="as_of"):
        evaluate({"status_periods": []}, as_of=datetime.date.fromisoformat(day))
