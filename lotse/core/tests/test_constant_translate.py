"""`{% load i18n %}` loads lotse.core.templatetags.lotse_i18n: Django's library with
a memoised `{% translate "constant" %}`. Its output must be Django's own, in
every language and escaping, and follow a change of the translations."""

from typing import Any

import pytest
from django.template import Context, Engine, engines
from django.test import override_settings
from django.utils import translation

from lotse.core.templatetags import lotse_i18n

SOURCE = (
    "{% load i18n %}"
    '{% translate "Person" %}|{% trans "Case managers" %}|{% translate "Save follow-up" %}|'
    '{% translate "100%% <b>&amp;</b> \\"quoted\\"" %}|{% translate "Person" noop %}|'
    '{% translate "Person" as person %}[{{ person }}]|{% translate "May" context "month name" %}|'
    '{% translate "Person"|upper %}|{% translate variable %}|{% translate "not in any catalogue" %}|'
    '{% autoescape off %}{% translate "a <b> & c" %}{% endautoescape %}|'
    '{% translate "a <b> & c" %}|'
    '{% blocktranslate with reference="X" %}Case {{ reference }}{% endblocktranslate %}'
)


def _ours() -> Engine:
    backend: Any = engines["django"]
    engine: Engine = backend.engine
    return engine


def _djangos() -> Engine:
    """The same engine with Django's own i18n library."""
    ours = _ours()
    return Engine(
        dirs=ours.dirs,
        app_dirs=ours.app_dirs,
        libraries={"i18n": "django.templatetags.i18n"},
        builtins=[],
    )


def _render(engine: Engine, language: str | None) -> str:
    with translation.override(language):
        return str(engine.from_string(SOURCE).render(Context({"variable": "Person"})))


def test_the_case_pages_library_is_ours():
    assert _ours().template_libraries["i18n"] is lotse_i18n.register
    node = _ours().from_string('{% load i18n %}{% translate "Person" %}').nodelist[-1]
    assert isinstance(node, lotse_i18n.ConstantTranslateNode)
    # Not for what varies by the context: those stay Django's node.
    for tag in ('"Person" noop', '"Person" as x', '"May" context "month name"', "variable"):
        node = _ours().from_string(f"{{% load i18n %}}{{% translate {tag} %}}").nodelist[-1]
        assert type(node) is not lotse_i18n.ConstantTranslateNode, tag


@pytest.mark.parametrize("rounds", [1, 3])
def test_it_renders_what_djangos_library_renders_in_every_language(rounds):
    lotse_i18n.forget()
    for _round in range(rounds):
        for language in ("de", "en", "de", None):
            ours, theirs = _render(_ours(), language), _render(_djangos(), language)
            assert ours == theirs, language
    # Not vacuous: each language its own words, from one memo.
    assert "|Wiedervorlage speichern|" in _render(_ours(), "de")
    assert "|Save follow-up|" in _render(_ours(), "en")
    assert "|Wiedervorlage speichern|" in _render(_ours(), "de")


def test_a_change_of_the_translations_empties_the_memo():
    _render(_ours(), "de")
    assert lotse_i18n._rendered
    with override_settings(LANGUAGES=[("de", "Deutsch"), ("en", "English")]):
        assert not lotse_i18n._rendered
        _render(_ours(), "en")
    assert not lotse_i18n._rendered
    _render(_ours(), "de")
    assert lotse_i18n._rendered
    lotse_i18n._on_file_changed(file_path=__import__("pathlib").Path("django.mo"))
    assert not lotse_i18n._rendered


def test_i18n_is_the_only_library_name_given_twice():
    """templates.W003 is silenced for the one library mapped over Django's i18n on
    purpose; any other name given to two libraries must still be found."""
    from django.core.checks.templates import check_templates

    warnings = check_templates(None)
    assert [w.id for w in warnings] == ["templates.W003"]
    assert "'i18n' is used for multiple template tag modules" in warnings[0].msg
