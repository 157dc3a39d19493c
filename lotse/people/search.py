"""Finding persons by name.

The one place that turns a typed name into a query, so that the later
transliteration-aware matching ("Finding people") replaces only this module:
the search page, the duplicate warning on registration and the API all call
`search_people`.
"""

import datetime
import re
from typing import Any

from django.db.models import Q

from lotse.core.categories import DataCategory
from lotse.people.choices import DatePrecision
from lotse.people.models import NameSpelling, Person
from lotse.people.models.person import PersonQuerySet

MIN_QUERY_LENGTH = 2
# Punctuation separates name parts ("Al-Haddad", "O'Neill"), it never carries meaning.
_PUNCTUATION = re.compile(r"[^\w\s]|_", re.UNICODE)


def name_terms(query: str) -> list[str]:
    return _PUNCTUATION.sub(" ", query or "").split()


def is_too_short(query: str) -> bool:
    return sum(len(term) for term in name_terms(query)) < MIN_QUERY_LENGTH


def _term_matches(term: str) -> Q:
    spelled = NameSpelling.objects.filter(
        Q(given_names__icontains=term) | Q(family_name__icontains=term)
    ).values("person_id")
    return Q(given_names__icontains=term) | Q(family_name__icontains=term) | Q(pk__in=spelled)


def _birth_date_compatible(birth_date: datetime.date) -> Q:
    # An unknown, year-only or placeholder (1 January) date of birth cannot
    # rule a person out; only a known different day can.
    same_year = Q(birth_date__year=birth_date.year) & (
        Q(birth_date_precision=DatePrecision.YEAR) | Q(birth_date_placeholder=True)
    )
    same_month = Q(
        birth_date__year=birth_date.year,
        birth_date__month=birth_date.month,
        birth_date_precision=DatePrecision.MONTH,
    )
    unknown = Q(birth_date__isnull=True) | Q(birth_date_precision=DatePrecision.UNKNOWN)
    return Q(birth_date=birth_date) | same_year | same_month | unknown


def search_people(user: Any, query: str, birth_date: datetime.date | None = None) -> PersonQuerySet:
    """Persons visible to `user` whose names contain every term of `query`.

    A term may match the given names, the family name or any recorded
    spelling, so swapped given and family names are found as well.
    """
    people = Person.objects.visible_to(user, category=DataCategory.IDENTITY)
    if is_too_short(query):
        return people.none()
    for term in name_terms(query):
        people = people.filter(_term_matches(term))
    if birth_date is not None:
        people = people.filter(_birth_date_compatible(birth_date))
    return people
