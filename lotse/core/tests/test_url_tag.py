"""`{% url %}` gives Django's paths while reversing each view's path once."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.urls import (
    NoReverseMatch,
    URLPattern,
    URLResolver,
    get_resolver,
    get_script_prefix,
    reverse,
    set_script_prefix,
)
from django.urls.converters import IntConverter

from lotse.core.templatetags.lotse_urls import CachedURLNode, _shape, cached_reverse


def _render(source, **context):
    return Template(source).render(Context(context))


def _int_routes(resolver=None, namespace=""):
    """(name, number of ids) of every named route whose arguments are all ints."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.pattern.converters:
                continue  # ids in an include's prefix: not asked for on their own
            yield from _int_routes(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            converters = getattr(entry.pattern, "converters", None)
            if converters is not None and all(type(c) is IntConverter for c in converters.values()):
                yield f"{namespace}{entry.name}", len(converters)


def test_it_gives_every_id_route_the_path_reverse_gives():
    routes = list(_int_routes())
    assert len(routes) > 100
    for name, count in routes:
        for ids in ([7, 1234567, 0][:count], [2**40, 5, 99][:count]):
            try:
                expected = reverse(name, args=ids)
            except NoReverseMatch:
                continue  # a name with several routes: another takes these ids
            assert cached_reverse(name, ids, {}, None) == expected, name
    assert _shape.cache_info().currsize > 100


def test_the_tag_renders_as_djangos():
    assert isinstance(Template("{% url 'core:home' %}").nodelist[0], CachedURLNode)
    assert _render("{% url 'cases:detail' pk %}", pk=42) == reverse("cases:detail", args=[42])
    assert _render("{% url 'cases:detail' 42 %}") == "/cases/42/"
    assert _render("{% url 'cases:participant_remove' 3 17 %}") == reverse(
        "cases:participant_remove", args=[3, 17]
    )
    assert _render("{% url 'cases:detail' pk=5 %}") == "/cases/5/"
    assert _render("{% url 'cases:detail' '12' %}") == "/cases/12/"
    assert _render("{% url 'core:home' %}") == "/"
    assert _render("{% url 'cases:detail' 8 as link %}[{{ link }}]") == "[/cases/8/]"
    assert _render("{% url 'cases:detail' -1 as link %}[{{ link }}]") == "[]"


@pytest.mark.parametrize("bad", [-1, True, "x", None])
def test_it_refuses_what_django_refuses(bad):
    with pytest.raises(NoReverseMatch):
        reverse("cases:detail", args=[bad])
    with pytest.raises(NoReverseMatch):
        _render("{% url 'cases:detail' bad %}", bad=bad)


def test_it_follows_the_mount_point():
    assert _render("{% url 'cases:detail' 4 %}") == "/cases/4/"
    previous = get_script_prefix()
    set_script_prefix("/lotse/")
    try:
        assert _render("{% url 'cases:detail' 4 %}") == "/lotse/cases/4/"
        assert _render("{% url 'core:home' %}") == "/lotse/"
    finally:
        set_script_prefix(previous)
    assert _render("{% url 'cases:detail' 4 %}") == "/cases/4/"


def test_it_keeps_djangos_syntax_errors():
    with pytest.raises(TemplateSyntaxError):
        Template("{% url %}")
