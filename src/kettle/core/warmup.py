"""Work a server process does once, at start, rather than in its first requests.

A new process compiles each Jinja template the first time a page uses it and builds Django's
URL maps on first use: its first page took about 400 ms, its first post as long, and with
two processes behind one port either could be the one a member reached first."""

from __future__ import annotations

from django.template import engines
from django.urls import get_resolver, reverse


def warm_up() -> int:
    """Compile every Kettle template and build the URL maps; returns how many templates."""
    resolver = get_resolver()
    resolver.resolve("/")
    reverse("home")  # fills the reverse map
    environment = engines["jinja2"].env
    names = environment.list_templates(filter_func=lambda name: name.endswith((".html", ".xml", ".txt")))
    for name in names:
        environment.get_template(name)
    return len(names)
