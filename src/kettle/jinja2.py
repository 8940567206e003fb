"""The Jinja2 environment every Kettle page renders in."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django_htmx.jinja import htmx_script
from jinja2 import Environment, pass_context
from markupsafe import Markup


def url(viewname: str, /, *args: Any, **kwargs: Any) -> str:
    return reverse(viewname, args=args or None, kwargs=kwargs or None)


@pass_context
def csp_nonce(context: Any) -> str:
    request = context.get("request")
    return str(getattr(request, "csp_nonce", "")) if request is not None else ""


@pass_context
def htmx(context: Any) -> Markup:
    return Markup(htmx_script(nonce=csp_nonce(context) or None))  # noqa: S704 - built by format_html


@pass_context
def messages(context: Any) -> list:
    request = context.get("request")
    return list(get_messages(request)) if request is not None else []


def localtime(value: Any, fmt: str = "%-d %B %Y, %H:%M") -> str:
    if value is None:
        return ""
    return timezone.localtime(value).strftime(fmt)


def pluralize(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


def environment(**options: Any) -> Environment:
    env = Environment(**options)  # noqa: S701 - autoescape is on via the TEMPLATES options
    env.globals.update(
        url=url,
        static=static,
        csp_nonce=csp_nonce,
        htmx_script=htmx,
        get_messages=messages,
        site_name=settings.SITE_NAME,
        debug=settings.DEBUG,
    )
    env.filters.update(localtime=localtime, pluralize=pluralize)
    return env
