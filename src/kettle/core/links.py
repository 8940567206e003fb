"""`link()`: Django's `reverse()`, made cheap for the addresses a timeline prints by the hundred.

A page of 20 posts asks for well over a hundred addresses (each post's own, its reaction and
bookmark forms, its author's profile), and `reverse()` re-walks the URL patterns every time.
Many repeat exactly (a group's, an author's), and most of the rest differ only in a number:
`/posts/41/react`, `/posts/42/react`. So the first
time an address is asked for, Django reverses it with a sentinel in each numeric place; the
address is then cut at the sentinels, and later asks only join the pieces back together with
their own numbers. Words (handles, slugs) are part of the cache key, so Django still checks
every one of those itself. Anything else, or anything the sentinel does not fit, goes to
`reverse()` as before, so the answer is always the one `reverse()` would give."""

from __future__ import annotations

from contextvars import ContextVar
from functools import lru_cache
from typing import Any

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

SENTINEL = 7_301_234_567_890_123  # a number no id here will ever equal, and longer than any
TEMPLATES_KEPT = 4096


def link(viewname: str, /, **kwargs: Any) -> str:
    numbers = tuple(name for name, value in kwargs.items() if _is_count(value))
    words = tuple(sorted((name, value) for name, value in kwargs.items() if name not in numbers))
    if not all(isinstance(value, str) for _, value in words):
        return reverse(viewname, kwargs=kwargs or None)
    pieces = _cut(*_resolving(), viewname, words, numbers)
    if pieces is None:
        return reverse(viewname, kwargs=kwargs or None)
    text, order = pieces
    out = [text[0]]
    for name, piece in zip(order, text[1:], strict=True):
        out.append(str(kwargs[name]))
        out.append(piece)
    return "".join(out)


# What an address depends on besides its name and values: the URL patterns in use and the
# script prefix. Both are context-local, so each read costs a few microseconds, and a page
# asks for dozens of addresses: within a request (ResolvedOnce) they are read once, at the
# first address it asks for (by then the request's URL patterns are settled).
_resolved: ContextVar[list | None] = ContextVar("kettle_links_resolved", default=None)


def _resolving() -> tuple[Any, str]:
    kept = _resolved.get()
    if kept:
        return kept[0]
    where = get_urlconf(), get_script_prefix()
    if kept is not None:
        kept.append(where)
    return where


class ResolvedOnce:
    """Middleware: the addresses built during a request share one reading of its URL
    patterns and script prefix."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        token = _resolved.set([])
        try:
            return self.get_response(request)
        finally:
            _resolved.reset(token)


def _is_count(value: Any) -> bool:
    return type(value) is int and 0 <= value < SENTINEL


@lru_cache(maxsize=TEMPLATES_KEPT)
def _cut(urlconf: Any, prefix: str, viewname: str, words: tuple, numbers: tuple) -> tuple[list[str], list[str]] | None:
    """The address with a sentinel in each numeric place, cut there: the literal pieces, and
    which number goes between each pair. None when the sentinel doesn't fit the pattern."""
    sentinels = {name: str(SENTINEL + i) for i, name in enumerate(numbers)}
    try:
        address = reverse(viewname, urlconf=urlconf,
                          kwargs=(dict(words) | {n: int(s) for n, s in sentinels.items()}) or None)
    except NoReverseMatch:
        return None
    if not address.startswith(prefix) or any(address.count(s) != 1 for s in sentinels.values()):
        return None
    order = sorted(numbers, key=lambda name: address.index(sentinels[name]))
    text = []
    rest = address
    for name in order:
        before, rest = rest.split(sentinels[name], 1)
        text.append(before)
    text.append(rest)
    return text, order
