"""A server process compiles every template at start (kettle.core.warmup), so a template
that doesn't compile stops the server at once instead of failing a member's page later."""

from __future__ import annotations

import pytest
from django.template import engines

from kettle.core.warmup import warm_up


def test_every_template_compiles_at_start():
    compiled = warm_up()
    names = engines["jinja2"].env.list_templates()
    assert compiled == len([name for name in names if name.endswith((".html", ".xml", ".txt"))])
    assert compiled > 100 and "base.html" in names and "social/_post_card.html" in names


def test_a_template_that_does_not_compile_is_found(tmp_path, settings):
    from jinja2 import FileSystemLoader, TemplateSyntaxError

    broken = tmp_path / "broken.html"
    broken.write_text("{% if %}")
    environment = engines["jinja2"].env
    original = environment.loader
    environment.loader = FileSystemLoader([str(tmp_path)])
    try:
        with pytest.raises(TemplateSyntaxError):
            warm_up()
    finally:
        environment.loader = original
