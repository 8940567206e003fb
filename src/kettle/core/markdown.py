"""Markdown for everything members write: parsed by markdown-it, cleaned by nh3.

Raw HTML in the source is never passed through, and the sanitiser runs on the output as
well, so a parser bug cannot smuggle a script, an event attribute or a javascript: link."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_parser.disable("image")  # images arrive through the upload pipeline, never by URL

ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre",
                "h3", "h4", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer ugc",
        strip_comments=True,
    )


def render_markdown(text: str) -> str:
    """Safe HTML for a member's markdown. Headings are demoted so a bio can't shout."""
    html = _parser.render(text or "")
    for level in (1, 2):
        html = html.replace(f"<h{level}>", "<h3>").replace(f"</h{level}>", "</h3>")
    for level in (5, 6):
        html = html.replace(f"<h{level}>", "<h4>").replace(f"</h{level}>", "</h4>")
    return sanitise_html(html)


def is_safe_url(url: str) -> bool:
    """True for a plain http(s) URL, the only kind members may link to outside markdown."""
    cleaned = nh3.clean(f'<a href="{nh3.clean_text(url)}">x</a>', tags={"a"},
                        attributes={"a": {"href"}}, url_schemes={"http", "https"})
    return 'href="' in cleaned and url.lower().startswith(("http://", "https://"))
