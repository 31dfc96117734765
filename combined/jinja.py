"""One Jinja2 environment for the site, so a Jinja template renders alike everywhere.

Why: a Jinja template should see the names a Django template sees, so that it can be
converted from one and rendered by another engine unchanged. This module is the one
definition, used by Django's Jinja2 engine (``TEMPLATES`` in ``django_site.settings``).

* globals: ``url(name, *args, **kwargs)`` (Django's ``reverse``: a URL name resolves
  whichever half serves the page) and ``static(path)``;
* filters with Django's names and output, from ``django.template.defaultfilters``
  itself (``date``, ``default``, ``linebreaks``, ``pluralize``, ``truncatewords`` ...),
  called with Jinja's syntax: ``{{ d|date("Y-m-d") }}``;
* ``{{ value }}`` prints dates, times and decimals as Django does (local time,
  localized), not as ``str()``;
* a method used without ``()`` -- ``question.choice_set.all``, ``form.as_p``,
  ``page_obj.has_next`` -- raises :class:`UncalledMethod`'s clear TypeError instead
  of printing ``<bound method ...>``, failing to iterate, or being always true in an
  ``{% if %}``. The Django language calls any method by itself; Jinja does not.
  Jinja's own objects (``loop``, macros, ``self``, namespaces) are left alone.

Each side adds what depends on the request: ``request``, ``user``, ``perms``,
``messages``, ``csrf_input``/``csrf_token`` and the layout's variables (Django: its
context processors; Flask: the bridge). Not for Django-language templates: those
stay with the DjangoTemplates engine.
"""

# takeover:begin
# combined.bridge.templates applies it to the Flask app of moved pages, so a
# page's template renders the same after its view moves to Flask (docs/migration.md).
# takeover:end

from __future__ import annotations

import datetime
import inspect
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import jinja2
from django.template import Context, defaultfilters
from django.template.backends import jinja2 as jinja2_backend
from django.templatetags.static import static
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime
from markupsafe import Markup

_LOCALIZED = (datetime.date, datetime.time, float, Decimal)
# Owners whose methods a template may name without (): Jinja's own objects, classes.
_LEFT_ALONE = (
    jinja2.runtime.Context,
    jinja2.runtime.LoopContext,
    jinja2.runtime.Macro,
    jinja2.runtime.TemplateReference,
    jinja2.runtime.BlockReference,
    jinja2.utils.Cycler,
    jinja2.utils.Joiner,
    jinja2.utils.Namespace,
    type,  # a classmethod bound to its class: not an object's method
)


def url(viewname: str, *args: Any, **kwargs: Any) -> str:
    """Django's ``{% url %}``: ``url('polls:detail', question.id)``."""
    return reverse(viewname, args=args or None, kwargs=kwargs or None)


def _django_filter(function: Callable[..., Any], *, localtime: bool = False) -> Callable[..., Any]:
    """A Django filter callable from Jinja: Jinja's safe strings stay safe for Django."""

    def jinja_filter(value: Any, *args: Any) -> Any:
        if isinstance(value, Markup) and not isinstance(value, SafeData):
            value = mark_safe(str(value))  # noqa: S308 -- already safe for Jinja
        if localtime:
            value = template_localtime(value)
        return function(value, *args)

    jinja_filter.__name__ = function.__name__
    jinja_filter.__doc__ = function.__doc__
    return jinja_filter


def _autoescaping(function: Callable[..., Any]) -> Callable[..., Any]:
    # Filters that take Django's autoescape flag: Jinja templates here always escape.
    return lambda value, *args: function(value, *args, autoescape=True)


FILTERS: dict[str, Callable[..., Any]] = {
    "date": _django_filter(defaultfilters.date, localtime=True),
    "time": _django_filter(defaultfilters.time, localtime=True),
    "timesince": _django_filter(defaultfilters.timesince_filter),
    "timeuntil": _django_filter(defaultfilters.timeuntil_filter),
    "default": _django_filter(defaultfilters.default),
    "default_if_none": _django_filter(defaultfilters.default_if_none),
    "linebreaks": _django_filter(_autoescaping(defaultfilters.linebreaks_filter)),
    "linebreaksbr": _django_filter(_autoescaping(defaultfilters.linebreaksbr)),
    "urlize": _django_filter(_autoescaping(defaultfilters.urlize)),
    "pluralize": _django_filter(defaultfilters.pluralize),
    "truncatewords": _django_filter(defaultfilters.truncatewords),
    "truncatechars": _django_filter(defaultfilters.truncatechars),
    "floatformat": _django_filter(defaultfilters.floatformat),
    "yesno": _django_filter(defaultfilters.yesno),
    "filesizeformat": _django_filter(defaultfilters.filesizeformat),
    "capfirst": _django_filter(defaultfilters.capfirst),
    "title": _django_filter(defaultfilters.title),
    "slugify": _django_filter(defaultfilters.slugify),
    "striptags": _django_filter(defaultfilters.striptags),
    "cut": _django_filter(defaultfilters.cut),
    "add": _django_filter(defaultfilters.add),
}
GLOBALS: dict[str, Any] = {"url": url, "static": static}


def _finalize(value: Any) -> Any:
    """What ``{{ value }}`` prints: dates, times and decimals as Django renders them."""
    if isinstance(value, _LOCALIZED) and not isinstance(value, bool):
        return localize(template_localtime(value))
    return value


class UncalledMethod:
    """A method named in a template but not called (``page_obj.has_next``)."""

    __slots__ = ("method",)

    def __init__(self, method: Callable[..., Any]) -> None:
        self.method = method

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.method(*args, **kwargs)

    def _refuse(self, *_args: Any) -> Any:
        method: Any = self.method
        owner, name = type(method.__self__).__name__, method.__name__
        raise TypeError(
            f"{owner}.{name} is a method: call it in a Jinja template, .{name}() "
            "(the Django template language calls methods by itself; Jinja does not)"
        )

    __iter__ = __bool__ = __len__ = __str__ = __html__ = _refuse


class MethodCheck:
    """Environment mixin: such methods named without ``()`` raise a clear TypeError."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        value = super().getattr(obj, attribute)  # type: ignore[misc]
        if inspect.ismethod(value) and not isinstance(value.__self__, _LEFT_ALONE):
            return UncalledMethod(value)
        return value


def configure(env: jinja2.Environment) -> jinja2.Environment:
    """Give ``env`` the shared globals, filters and output rules (both halves call this)."""
    env.globals.update(GLOBALS)
    env.filters.update(FILTERS)
    env.finalize = _finalize
    return env


class Environment(MethodCheck, jinja2.Environment):
    """The environment of Django's Jinja2 engine."""


def environment(**options: Any) -> jinja2.Environment:
    """``OPTIONS["environment"]`` of the Jinja2 engine in ``TEMPLATES``."""
    return configure(Environment(**options))


class Template(jinja2_backend.Template):
    """Django's Jinja2 template, sending ``template_rendered`` as Django templates do in tests.

    So ``assertTemplateUsed`` and ``response.context`` keep working for a page whose
    template is converted to Jinja while Django still serves it. Only the template
    Django asked for is reported, not those it extends or includes.
    """

    @property
    def name(self) -> str | None:
        return self.template.name

    def render(self, context: dict[str, Any] | None = None, request: Any = None) -> str:
        context = {} if context is None else dict(context)
        html = super().render(context, request)  # adds request, csrf and processors' values
        if template_rendered.receivers:  # in tests, or with django-debug-toolbar on
            # A Context, as Django's templates send: the toolbar's panel reads .dicts.
            template_rendered.send(sender=self, template=self, context=Context(context))
        return html


class Jinja2(jinja2_backend.Jinja2):
    """Django's Jinja2 engine whose templates send ``template_rendered``."""

    def from_string(self, template_code: str) -> Template:
        return Template(super().from_string(template_code).template, self)

    def get_template(self, template_name: str) -> Template:
        return Template(super().get_template(template_name).template, self)
