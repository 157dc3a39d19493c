"""Columns hash and compare as with Django's generic identity, only cheaper."""

import pytest
from django.db import connection
from django.db.models import F, Q
from django.db.models.expressions import Col, Expression

from lotse.cases.models import Case
from lotse.core import orm
from lotse.deadlines.models import Task

generic = Expression.__dict__["identity"].real_func


def _columns(queryset):
    compiler = queryset.query.get_compiler(connection=connection)
    compiler.as_sql()
    columns = [expr for expr, _sql, _alias in compiler.select if isinstance(expr, Col)]
    relabeled = [col.relabeled_clone({col.alias: "T9"}) for col in columns]
    return columns + relabeled


QUERIES = [
    lambda: Task.objects.select_related("assignee", "team", "organisation", "goal", "step"),
    lambda: Case.objects.select_related("person", "organisation").order_by("-opened_on"),
    lambda: Case.objects.filter(Q(managers__username="alice")).annotate(o=F("opened_on")),
]


@pytest.mark.parametrize("query", QUERIES)
def test_it_gives_real_columns_the_generic_identity(db, query):
    columns = _columns(query())
    assert len(columns) > 10
    for col in columns:
        assert orm.column_identity(col) == generic(col)
        assert col.identity == generic(col)


def test_it_keeps_the_generic_identity_for_unusual_columns(db):
    target = Case._meta.get_field("opened_on")
    summary = Case._meta.get_field("summary")
    cases = [
        Col(None, target),
        Col("cases_case", target, None),
        Col("cases_case", target, summary),
        Col("cases_case", target, output_field=summary),
        Col(alias="T3", target=target),
    ]
    for col in cases:
        assert orm.column_identity(col) == generic(col)
    # Different output fields, different columns: the ordering must not merge them.
    assert Col("a", target) != Col("a", target, summary)
    assert hash(Col("a", target)) == hash(Col("a", target))


def test_it_is_installed():
    assert Col.__dict__["identity"].real_func is orm.column_identity
