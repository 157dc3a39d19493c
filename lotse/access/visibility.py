"""The one choke point for who may see what.

Every query that returns personal data starts from `visible_to(user, action)`
on a model's queryset (NetBox's `restrict()`): the owning organisation's case
staff see their cases; a participating organisation sees only what a valid
consent releases to it; coordinators, DPOs and administrators see no case
content. Everything is decided in SQL against the precomputed AccessGrant
table, so a list costs one indexed semi-join, never a check per row.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, Self, TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import models
from django.db.models import F, Func, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from lotse.core.categories import ALL_CATEGORIES, DataCategory, from_mask, to_mask

if TYPE_CHECKING:
    from lotse.access.models import AccessGrant

_M = TypeVar("_M", bound=models.Model)


class Action(StrEnum):
    VIEW = "view"
    CHANGE = "change"
    # The DPO's view: identity and consents of the organisation's persons, the
    # audit trail about them, but no case content.
    AUDIT = "audit"


def _grant_model() -> type[AccessGrant]:
    from lotse.access.models import AccessGrant

    return AccessGrant


def current_grants(today: Any = None) -> models.QuerySet[AccessGrant]:
    if today is None:
        today = timezone.localdate()
    return (
        _grant_model()
        .objects.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    )


class RowCategoryBit(Func):
    """The bit of a row's data category: `CASE column WHEN 'health' THEN 64 ... ELSE 0 END`.

    `path` leads from the row to its category column (`data_category`,
    `life_area__category`); `categories` limits the codes that map to a bit
    (others give 0). Written out as one SQL fragment: the same CASE built from
    When() objects cost some 6,000 Python calls to build and compile on every
    query with a per-row category (a case page has several).
    """

    output_field = models.IntegerField()

    def __init__(self, path: str, categories: Iterable[str] | None = None) -> None:
        super().__init__(F(path))
        codes = [c.value for c in DataCategory] if categories is None else list(categories)
        # to_mask() admits only DataCategory's own codes ([a-z_]): written as
        # literals they need no parameters and read the same on every backend.
        self.whens = " ".join(f"WHEN '{code}' THEN {to_mask([code])}" for code in codes)

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:  # type: ignore[override]
        column, params = compiler.compile(self.source_expressions[0])
        if not self.whens:
            return "0", ()
        return f"(CASE {column} {self.whens} ELSE 0 END)", params


class _HoldsBits(Func):
    """`(categories & bits) > 0`: the grant's mask shares a bit with `bits`."""

    template = "((%(expressions)s) > 0)"
    arg_joiner = " & "
    output_field = models.BooleanField()


def holding(grants: models.QuerySet[AccessGrant], bits: Any) -> models.QuerySet[AccessGrant]:
    """Those of `grants` whose categories include `bits`: a mask, or an
    expression (OuterRef to a row's RowCategoryBit) for a per-row category."""
    return grants.filter(_HoldsBits(F("categories"), bits))


def _with_category(
    grants: models.QuerySet[AccessGrant], category: str | None
) -> models.QuerySet[AccessGrant]:
    if category is None:
        return grants
    return holding(grants, models.Value(to_mask([category])))


def _dpo_org_ids(user: Any) -> list[int]:
    from lotse.accounts.choices import Role

    return list(user.organisations_with_role({Role.DPO}))


def case_pk(case: Any) -> int:
    """A case's id, given the case or its id."""
    return int(case if isinstance(case, int) else case.pk)


def grants_for(
    user: Any,
    action: Action,
    *,
    category: str | None = None,
    owner_only: bool = False,
    case: Any = None,
) -> models.QuerySet[AccessGrant]:
    """The grants through which `user` may perform `action`. Empty when none.

    With `case` (a case or its id), only the grants for that one case: a page
    about one case checks that case's few grants (grant_org_case) instead of
    hashing every grant of the user's organisations.
    """
    # A copy: a caller that evaluates it must not fill the shared one's result cache.
    return _memo_entry(
        user, action, category=category, owner_only=owner_only, case=case
    ).grants.all()


@dataclass
class _Grants:
    """One memo entry: the grants' queryset, and its SQL compiled per (database,
    columns) once asked for. Everything either depends on is in the entry's key."""

    grants: models.QuerySet[AccessGrant]
    compiled: dict[tuple[str, tuple[str, ...]], tuple[str, tuple[Any, ...]]] = field(
        default_factory=dict
    )


def _memo_entry(
    user: Any, action: Action, *, category: str | None, owner_only: bool, case: Any
) -> _Grants:
    key = _grants_key(user, action, category=category, owner_only=owner_only, case=case)
    memo = _request_memo(user)
    # Everything the query depends on is in the key, so a hit is the very query
    # a fresh build would give; the rows are still read from the database.
    entry = memo.get(key)
    if entry is None:
        if category is not None and action != Action.AUDIT:
            base = _memo_entry(user, action, category=None, owner_only=owner_only, case=case)
            grants = _with_category(base.grants, category)
        else:
            _audit, organisations, owner, case_id, _category, today = key
            if action != Action.AUDIT and case_id is not None:
                # From the user's grants for every case: the validity filters,
                # the costly part to build, are built once a request.
                every_case = _memo_entry(
                    user, action, category=None, owner_only=owner_only, case=None
                )
                grants = every_case.grants.filter(case_id=case_id)
            elif action != Action.AUDIT and owner:
                grants = _memo_entry(
                    user, Action.VIEW, category=None, owner_only=False, case=None
                ).grants.filter(owner=True)
            else:
                grants = _build_grants(action, organisations, owner, case_id, today)
        entry = memo[key] = _Grants(grants)
    return entry


def _grants_key(
    user: Any, action: Action, *, category: str | None, owner_only: bool, case: Any
) -> tuple[Any, ...]:
    organisations = tuple(
        _dpo_org_ids(user) if action == Action.AUDIT else user.case_organisation_ids
    )
    owner = action in (Action.CHANGE, Action.AUDIT) or owner_only
    case_id = None if case is None else case_pk(case)
    return (action == Action.AUDIT, organisations, owner, case_id, category, timezone.localdate())


class _HeldIn(Func):
    """`EXISTS (SELECT 1 FROM (grants) held WHERE [held.case_id = case]
    [AND held.owner] [AND held.categories & bit > 0])`, the grants given as SQL
    compiled once per request (see held_for_rows)."""

    output_field = models.BooleanField()

    def __init__(
        self,
        grants: tuple[str, tuple[Any, ...]],
        bit: Any = None,
        case: Any = None,
        *,
        owner: bool = False,
    ) -> None:
        self.has_bit, self.has_case, self.owner = bit is not None, case is not None, owner
        super().__init__(*(e for e in (bit, case) if e is not None))
        self.grants_sql, self.grants_params = grants

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:  # type: ignore[override]
        if not self.grants_sql:
            # No grants can match (no organisation): nothing, as `pk__in=[]` says.
            raise EmptyResultSet
        quote = connection.ops.quote_name
        conditions: list[str] = []
        params: list[Any] = []
        expressions = iter(self.source_expressions)
        if self.has_bit:
            bit, bit_params = compiler.compile(next(expressions))
            conditions.append(f"(held.{quote('categories')} & {bit}) > 0")
            params += bit_params
        if self.owner:
            conditions.insert(0, f"held.{quote('owner')}")
        if self.has_case:
            case, case_params = compiler.compile(next(expressions))
            conditions.insert(0, f"held.{quote('case_id')} = {case}")
            params = [*case_params, *params]
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        # Both fragments are compiled by Django; the grant query is a queryset's own SQL.
        sql = f"EXISTS (SELECT 1 FROM ({self.grants_sql}) held{where})"  # noqa: S608
        return sql, (*self.grants_params, *params)


def _compiled_grants(
    user: Any,
    action: Action,
    columns: tuple[str, ...],
    *,
    using: str,
    category: str | None = None,
    owner_only: bool = False,
    case: Any = None,
) -> tuple[str, tuple[Any, ...]]:
    """grants_for(...).values(*columns) as SQL and parameters, compiled once a
    request and database; ("", ()) when no grant can match (no organisation)."""
    entry = _memo_entry(user, action, category=category, owner_only=owner_only, case=case)
    compiled = entry.compiled.get((using, columns))
    if compiled is None:
        try:
            sql, params = entry.grants.values(*columns).query.get_compiler(using).as_sql()
        except EmptyResultSet:
            sql, params = "", []
        compiled = entry.compiled[(using, columns)] = (sql, tuple(params))
    return compiled


def _in_grants(
    user: Any, action: Action, column: str, *, using: str, category: str | None, owner_only: bool
) -> Any:
    """The right-hand side of `<path>__in`: the user's grants' `column`
    (person_id or case_id), as a subquery compiled once a request."""
    sql, params = _compiled_grants(
        user, action, (column,), using=using, category=category, owner_only=owner_only
    )
    if not sql:
        return []  # `__in=[]`: nothing, as the subquery of no organisation gave
    return RawSQL(sql, params, output_field=models.IntegerField())  # noqa: S611 (a queryset's own SQL)


def held_for_rows(
    user: Any,
    action: Action,
    bit: Any,
    *,
    using: str,
    case: Any = None,
    case_column: Any = "case_id",
    owner_only: bool = False,
) -> _HeldIn:
    """The per-row category check: a current grant of the user for the row's
    case holds the row's category `bit` (a RowCategoryBit, or a reference to
    one; a mask for a fixed category; None: any grant for the case will do).

    What a correlated EXISTS on grants_for() checks, but the grants do not
    depend on the row: their query is compiled once per request and database
    (like grants_for's memo, only the query is shared, never rows), so every
    further query of a page with a per-row category costs about as much to
    build as a plain filter, and a case without such rows little. With `case`
    (the rows are all of that case) only that case's few grants are read;
    without it, the row's `case_column` picks them (an index probe each on
    grant_org_case, as before).
    """
    if action == Action.AUDIT:
        raise ValueError("The audit view reads no case content.")
    # The owner's grants (a change, or an owner-only model) are the current
    # grants marked owner: one compiled query serves both.
    owner = owner_only or action == Action.CHANGE
    columns = ("case_id", "categories", "owner")
    compiled = _compiled_grants(user, Action.VIEW, columns, using=using, case=case)
    if case is not None:
        return _HeldIn(compiled, bit, owner=owner)
    column = F(case_column) if isinstance(case_column, str) else case_column
    return _HeldIn(compiled, bit, column, owner=owner)


def _build_grants(
    action: Action,
    organisations: tuple[int, ...],
    owner: bool,
    case_id: int | None,
    today: Any,
) -> models.QuerySet[AccessGrant]:
    if action == Action.AUDIT:
        # A DPO's scope is the persons their organisation owns, including
        # cases whose consents have ended: the audit must outlive the access.
        grants = _grant_model().objects.filter(organisation_id__in=organisations, owner=True)
        return grants if case_id is None else grants.filter(case_id=case_id)
    grants = current_grants(today).filter(organisation_id__in=organisations)
    if case_id is not None:
        grants = grants.filter(case_id=case_id)
    if owner:
        grants = grants.filter(owner=True)
    return grants


_MEMO_ATTRIBUTE = "_lotse_grants"


def _request_memo(user: Any) -> dict[tuple[Any, ...], _Grants]:
    """Grant querysets already built for this user object, with their compiled SQL.

    The user object lives for one request (request.user is loaded anew each
    time), like its cached memberships (User.role_pairs): a page's panels and
    sections share the querysets instead of composing the same subquery a dozen
    times, and the SQL compiled from them (held_for_rows). Only the query is
    shared, never rows: permissions stay current. Keyed by everything the query
    depends on (the organisations, the day, ...), so an object kept across
    requests follows a change of memberships once role_pairs is read anew.
    """
    memo = getattr(user, _MEMO_ATTRIBUTE, None)
    if memo is None:
        memo = {}
        # An object that takes no attributes simply shares nothing.
        with contextlib.suppress(AttributeError):
            setattr(user, _MEMO_ATTRIBUTE, memo)
    return memo


def _is_active_user(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


class VisibleQuerySet(models.QuerySet[_M]):
    """Base queryset of every model holding personal data.

    `person_path` leads from the model to the person's id; `case_path`, when
    set, restricts by case instead of by person (a participant sees only the
    cases it takes part in, not the person's other cases).
    """

    person_path: ClassVar[str] = "person_id"
    case_path: ClassVar[str | None] = None
    owner_only: ClassVar[bool] = False

    def of_case(self, case: Any) -> Self:
        """Only the rows of one case (a case or its id); all rows when `case` is None."""
        if case is None:
            return self
        if self.case_path is None:
            raise TypeError(f"{self.model.__name__} rows belong to a person, not to a case")
        return self.filter(**{self.case_path: case_pk(case)})

    def visible_to(
        self,
        user: Any,
        action: Action = Action.VIEW,
        *,
        category: str | None = None,
        case: Any = None,
    ) -> Self:
        rows = self.of_case(case)
        if not _is_active_user(user):
            return self.none()
        if category is None:
            # Child rows (addresses, spellings, ...) need their own category;
            # persons and cases set row_category = None: any grant shows the row.
            category = getattr(self.model, "row_category", getattr(self.model, "category", None))
        is_person_level = self.case_path is None
        if (
            is_person_level
            and action == Action.VIEW
            and not self.owner_only
            and category in (None, DataCategory.IDENTITY)
            and _sees_identity_everywhere(user)
        ):
            return rows
        if action == Action.AUDIT and not is_person_level:
            return self.none()
        if self.case_path is not None and case is not None:
            # The rows of one case (a case page's panels): a grant for it decides,
            # its query compiled once a request. What `case_path IN (grants)` says.
            bits = None if category is None else models.Value(to_mask([category]))
            held = held_for_rows(
                user, action, bits, using=self.db, case=case, owner_only=self.owner_only
            )
            return rows.filter(held)
        # The grants' subquery compiled once a request (a page asks several
        # models through the same grants); the rows are read fresh each time.
        path, column = (
            (self.case_path, "case_id")
            if self.case_path is not None
            else (self.person_path, "person_id")
        )
        held = _in_grants(
            user, action, column, using=self.db, category=category, owner_only=self.owner_only
        )
        return rows.filter(**{f"{path}__in": held})


def _sees_identity_everywhere(user: Any) -> bool:
    return bool(getattr(user, "is_operator", False))


def visible_person_ids(
    user: Any, category: str, *, using: str
) -> tuple[str, tuple[Any, ...]] | None:
    """SQL and parameters of the ids of the persons whose `category` the user may
    view, the same persons as Person.objects.visible_to(user, category=category):
    for a query that asks once per person instead of once per row (the search
    ranks key rows of many persons first). None where the user sees every
    person's `category`; ("", ()) where they see none.
    """
    if not _is_active_user(user):
        return "", ()
    if category == DataCategory.IDENTITY and _sees_identity_everywhere(user):
        return None
    return _compiled_grants(user, Action.VIEW, ("person_id",), using=using, category=category)


_GrantRow = tuple[int, int | None, bool, Any]


def categories_for_cases(
    user: Any, cases: Iterable[tuple[int, int | None]]
) -> dict[tuple[int, int | None], frozenset[str]]:
    """Categories per (person id, case id or None) for a whole page, in at most three queries.

    With a case id, what the user holds for that case (its grants plus the
    person-level owner grant); with None, what they hold for the person at all.
    """
    return _categories_and_grants(user, cases)[0]


def _categories_and_grants(
    user: Any, cases: Iterable[tuple[int, int | None]]
) -> tuple[dict[tuple[int, int | None], frozenset[str]], list[_GrantRow]]:
    """categories_for_cases, and the current grant rows (person, case, owner,
    categories) of the persons it read them from."""
    keys = list(dict.fromkeys(cases))
    if not keys or not _is_active_user(user):
        return {key: frozenset() for key in keys}, []
    person_ids = {person_id for person_id, _case in keys}
    masks: dict[tuple[int, int | None], int] = dict.fromkeys(keys, 0)
    rows: list[_GrantRow] = list(
        grants_for(user, Action.VIEW)
        .filter(person_id__in=person_ids)
        .values_list("person_id", "case_id", "owner", "categories")
    )
    for person_id, case_id, owner, value in rows:
        bits = value if isinstance(value, int) else to_mask(value)
        slots: tuple[tuple[int, int | None], ...] = ((person_id, None), (person_id, case_id))
        for slot in slots:
            if slot in masks:
                masks[slot] |= bits
        if case_id is None and owner:
            for other_person, other_case in keys:
                if other_person == person_id and other_case is not None:
                    masks[(other_person, other_case)] |= bits
    result = {key: from_mask(mask) for key, mask in masks.items()}
    # The operator and the owner's DPO read identity whatever else the user holds:
    # a further role must never take a reading away.
    if _sees_identity_everywhere(user):
        readers = person_ids
    elif not _dpo_org_ids(user):
        readers = set()  # no DPO role: the audit grants below would be none
    else:
        readers = set(
            grants_for(user, Action.AUDIT)
            .filter(person_id__in=person_ids)
            .values_list("person_id", flat=True)
        )
    if readers:
        identity = frozenset({DataCategory.IDENTITY.value})
        for key, cats in result.items():
            if key[0] in readers:
                result[key] = cats | identity
    return result, rows


def categories_for(user: Any, person_id: int, case_id: int | None = None) -> frozenset[str]:
    """The data categories of one person (or one of their cases) that `user` may read."""
    return categories_for_cases(user, [(person_id, case_id)])[(person_id, case_id)]


def access_to(user: Any, person_id: int, case_id: int | None = None) -> tuple[frozenset[str], bool]:
    """categories_for() and may_change() together, from one read of the grants.

    may_change's grants (current, the user's case organisations, owner, this
    person and case) are a subset of the rows categories_for reads already.
    """
    categories, rows = _categories_and_grants(user, [(person_id, case_id)])
    can_change = any(
        owner and row_person == person_id and (case_id is None or row_case == case_id)
        for row_person, row_case, owner, _value in rows
    )
    return categories[(person_id, case_id)], can_change


def may_change(user: Any, person_id: int, case_id: int | None = None) -> bool:
    if not _is_active_user(user):
        return False
    grants = grants_for(user, Action.CHANGE).filter(person_id=person_id)
    if case_id is not None:
        grants = grants.filter(case_id=case_id)
    return grants.exists()


__all__ = [
    "ALL_CATEGORIES",
    "Action",
    "RowCategoryBit",
    "VisibleQuerySet",
    "access_to",
    "case_pk",
    "categories_for",
    "categories_for_cases",
    "current_grants",
    "grants_for",
    "held_for_rows",
    "holding",
    "may_change",
    "visible_person_ids",
]
