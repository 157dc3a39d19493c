"""Django's `{% url %}`, reversing each view's path once per process.

Installed as a template builtin (settings.TEMPLATES), so it replaces Django's
tag of that name everywhere; the syntax and output are Django's. `reverse()`
costs some 110 Python calls, and a case page has about 60 `{% url %}` tags,
a case list one per row. Almost all take only ids: for those the path is
reversed once per view and number of ids with stand-in ids, and an id is then
put where its stand-in was. That is what reverse() itself does for Django's
`int` converter (str() of the id, checked against `[0-9]+`), so it is only
used when every argument is an int of at least 0 and the path comes out the
same with two different sets of stand-ins, each found exactly once (a
converter that reformats or refuses its value fails this and is reversed
each time). Keyword arguments, strings and anything else are reversed each
time. The key holds what reverse() reads besides its arguments: URL
configuration, mount point (script prefix), language and current application.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.template.base import Parser, Token
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.html import conditional_escape

register = template.Library()

# Two sets of stand-in ids, long enough never to be part of a path's fixed text.
_STAND_INS = (
    tuple(9_137_000_000_000_001 + 2 * i for i in range(8)),
    tuple(8_249_000_000_000_003 + 2 * i for i in range(8)),
)


def _split(path: str, stand_ins: tuple[int, ...]) -> tuple[str, ...] | None:
    """The path's fixed parts around each stand-in, None unless each occurs once, in order."""
    parts = []
    rest = path
    for stand_in in stand_ins:
        text = str(stand_in)
        if rest.count(text) != 1:
            return None
        head, rest = rest.split(text)
        parts.append(head)
    parts.append(rest)
    return tuple(parts)


@lru_cache(maxsize=1024)
def _shape(
    view_name: str,
    count: int,
    current_app: str | None,
    script_prefix: str,
    urlconf: str,
    language: str | None,
) -> tuple[str, ...] | None:
    """The fixed parts of the view's path for `count` ids; None: reverse every time."""
    # script_prefix, urlconf and language are read by reverse() itself: the key.
    shapes = []
    for stand_ins in _STAND_INS:
        try:
            path = reverse(view_name, args=stand_ins[:count], current_app=current_app)
        except NoReverseMatch:
            return None
        shapes.append(_split(path, stand_ins[:count]))
    return shapes[0] if shapes[0] is not None and shapes[0] == shapes[1] else None


def cached_reverse(
    view_name: Any, args: list[Any], kwargs: dict[str, Any], current_app: Any
) -> str:
    if (
        not kwargs
        and len(args) <= len(_STAND_INS[0])
        and isinstance(view_name, str)
        and (current_app is None or isinstance(current_app, str))
        # Exact ints: True would be 1 here but "True" in Django's path.
        and all(type(arg) is int and arg >= 0 for arg in args)
    ):
        parts = _shape(
            view_name,
            len(args),
            current_app,
            get_script_prefix(),
            str(get_urlconf() or settings.ROOT_URLCONF),
            translation.get_language(),
        )
        if parts is not None:
            if not args:
                return parts[0]
            out = [parts[0]]
            for arg, part in zip(args, parts[1:], strict=True):
                out.append(str(arg))
                out.append(part)
            return "".join(out)
    return reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)


class CachedURLNode(URLNode):
    def render(self, context: Any) -> str:
        # Django's URLNode.render, with cached_reverse for reverse.
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = cached_reverse(view_name, args, kwargs, current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        if context.autoescape:
            url = conditional_escape(url)
        return url


@register.tag("url")
def url(parser: Parser, token: Token) -> URLNode:
    node = django_url(parser, token)
    return CachedURLNode(node.view_name, node.args, node.kwargs, node.asvar)


def _forget(*, setting: str, **_kwargs: Any) -> None:
    # Django empties its URL resolvers when these change (tests override them).
    if setting in {"ROOT_URLCONF", "FORCE_SCRIPT_NAME", "LANGUAGES", "LANGUAGE_CODE"}:
        _shape.cache_clear()


setting_changed.connect(_forget, dispatch_uid="lotse_urls_forget")
