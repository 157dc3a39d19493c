"""A cheaper identity for the ORM's column references, the same value as Django's.

Django's SQL compiler hashes every selected column of every ordered query
(`SQLCompiler._order_by_pairs` maps each one to its position). A column's hash
is that of its `identity`, which `Expression` computes generically: it binds
the constructor's arguments to the signature with `inspect`, some 25 Python
calls per column. A case page selects a few hundred columns in ordered
queries (every `select_related` table's fields), so this was 5 % of its calls,
7 % of the start page's. `Col`'s constructor is fixed (alias, target,
output_field), so its identity can be built directly; anything unexpected
(a subclass, keyword arguments) takes Django's own path. A test compares both
on the columns of real queries.
"""

from typing import Any

from django.db.models import Field
from django.db.models.expressions import Col, Expression
from django.utils.functional import cached_property

_generic = Expression.__dict__["identity"].real_func
_identity = Expression._identity  # type: ignore[attr-defined]


def _field(value: Any) -> Any:
    # Expression._identity for a field, without the calls.
    if isinstance(value, Field) and value.name and value.model:
        return value.model._meta.label, value.name
    return _identity(value)


def column_identity(col: Col) -> tuple[Any, ...]:
    args, kwargs = col._constructor_args  # type: ignore[attr-defined]
    if type(col) is not Col or kwargs or not 2 <= len(args) <= 3:
        return _generic(col)
    alias = args[0]
    output_field = _field(args[2]) if len(args) == 3 else None
    return (
        Col,
        ("alias", alias if alias is None or type(alias) is str else _identity(alias)),
        ("target", _field(args[1])),
        ("output_field", output_field),
    )


def install() -> None:
    if getattr(Col.__dict__.get("identity"), "real_func", None) is column_identity:
        return
    identity = cached_property(column_identity)
    identity.__set_name__(Col, "identity")
    setattr(Col, "identity", identity)  # noqa: B010 (mypy: a method of Expression)
