"""Rendered fragments kept in memory, keyed by everything they show.

A timeline renders the same post card for every follower who has done the same to it (most
have done nothing), and the same compose box for everyone. `{% call cached(key) %}...{%
endcall %}` renders the block once per key and keeps the HTML in this process. The key is
the fragment's whole input (see kettle.social.card_fragments), never an id plus a hope that
someone invalidates it: when anything shown changes, the key does, and the old entry simply
ages out. A None key renders without keeping anything.

The page's CSRF token is never kept: it is cut out of the HTML when the fragment is stored
and put back, this request's own, when it is served.

A fragment is kept as ASCII, every other character written as a character reference (which
HTML reads as the character itself everywhere but inside <script> and <style>, so a fragment
holding either is kept as it is). A single emoji, and a post card has five, makes Python hold
a whole string at four bytes a character: every later copy of a card (the token put back,
the page joined, the answer encoded) then moved four times the bytes, about a twentieth of
the home page's time."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.utils.functional import empty
from jinja2 import pass_context
from markupsafe import Markup

KEPT = 4000  # fragments per process: a few MB of HTML
TOKEN_MARK = "\x00csrf\x00"  # never in real HTML: NUL is refused in every text we store
RAW_TEXT = re.compile(r"<(script|style)\b", re.IGNORECASE)  # elements whose text is read literally


class FragmentCache:
    def __init__(self, size: int = KEPT) -> None:
        self.size = size
        self._items: OrderedDict[tuple, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> str | None:
        with self._lock:
            html = self._items.get(key)
            if html is not None:
                self._items.move_to_end(key)
            return html

    def put(self, key: tuple, html: str) -> None:
        with self._lock:
            self._items[key] = html
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


fragments = FragmentCache()


@pass_context
def cached(context: Any, key: tuple | None, *, caller: Callable[[], str]) -> Markup:
    """`{% call cached(key) %}...{% endcall %}`: the block, rendered once per key."""
    return serve(key, context, caller)


def serve(key: tuple | None, context: Any, render: Callable[[], str]) -> Markup:
    """The fragment for this key: from memory, or rendered now by `render` and kept."""
    if key is None:
        return Markup(render())  # noqa: S704 - rendered by an autoescaped template
    token = context.get("csrf_token")
    html = fragments.get(key)
    if html is None:
        html = _as_ascii(str(render()))
        if token is not None and getattr(token, "_wrapped", empty) is not empty:  # the page printed it
            html = html.replace(str(token), TOKEN_MARK)
        fragments.put(key, html)
    if TOKEN_MARK in html:
        html = html.replace(TOKEN_MARK, str(token))
    return Markup(html)  # noqa: S704 - rendered by an autoescaped template


def _as_ascii(html: str) -> str:
    if html.isascii() or RAW_TEXT.search(html):
        return html
    return html.encode("ascii", "xmlcharrefreplace").decode("ascii")
