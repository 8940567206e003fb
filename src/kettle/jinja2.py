"""The Jinja2 environment every Kettle page renders in."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.templatetags.static import static as static_address
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html
from django_htmx.jinja import htmx_script
from jinja2 import Environment, pass_context
from markupsafe import Markup, escape

from kettle.core.fragments import cached
from kettle.core.links import link
from kettle.social.card_fragments import post_card

STATIC_KEPT = 256  # static files' addresses remembered
NONCE_MARK = "kettle-nonce-mark"


def url(viewname: str, /, *args: Any, **kwargs: Any) -> str:
    return reverse(viewname, args=args) if args else link(viewname, **kwargs)


@lru_cache(maxsize=STATIC_KEPT)
def static(path: str) -> str:
    """A static file's address. The manifest is read once per process, so the address of
    a file never changes while it runs: worked out once (forgotten if settings change)."""
    return static_address(path)


@receiver(setting_changed)
def _forget_static_addresses(*, setting: str, **kwargs: Any) -> None:
    if setting in {"STATIC_URL", "STATIC_ROOT", "STORAGES", "DEBUG"}:
        static.cache_clear()
        _htmx_tags.cache_clear()


@pass_context
def csp_nonce(context: Any) -> str:
    request = context.get("request")
    return str(getattr(request, "csp_nonce", "")) if request is not None else ""


@pass_context
def htmx(context: Any) -> Markup:
    nonce = csp_nonce(context)
    tags = _htmx_tags(settings.DEBUG, bool(nonce))
    # The nonce is the CSP middleware's own URL-safe token; escaped all the same.
    return Markup(tags.replace(NONCE_MARK, str(escape(nonce))) if nonce else tags)  # noqa: S704 - built by format_html


@lru_cache(maxsize=4)
def _htmx_tags(debug: bool, with_nonce: bool) -> str:
    """htmx's script tags, the same on every page but for the nonce: built once, with a mark
    in the nonce's place (a nonce is URL-safe base64, so it needs no escaping)."""
    return str(htmx_script(nonce=NONCE_MARK if with_nonce else None))


@pass_context
def messages(context: Any) -> list:
    request = context.get("request")
    return list(get_messages(request)) if request is not None else []


def csrf_once(request: HttpRequest) -> dict[str, Any]:
    """One masked CSRF token per page, not one per form: Django's own `csrf_input` masks a
    fresh token each time a template prints it, and a timeline prints it in every post's
    reaction and bookmark forms. Still lazy, so a page without a form never asks for one."""
    token = SimpleLazyObject(lambda: get_token(request))
    return {"csrf_token": token,
            "csrf_input": SimpleLazyObject(lambda: format_html(
                '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', str(token)))}


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
        cached=cached,
        post_card=post_card,
        static=static,
        csp_nonce=csp_nonce,
        htmx_script=htmx,
        get_messages=messages,
        site_name=settings.SITE_NAME,
        debug=settings.DEBUG,
    )
    env.filters.update(localtime=localtime, pluralize=pluralize)
    return env
