"""What members write in posts and comments: markdown with @mentions and #hashtags linked."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import reverse

from kettle.core.markdown import render_markdown

HASHTAG = re.compile(r"(?<![\w#&/\[])#([A-Za-z][A-Za-z0-9_]{1,59})\b")
MENTION = re.compile(r"(?<![\w@/\[])@([A-Za-z0-9_]{3,30})\b")
# Code, and the address part of a markdown link ("](#section)"), are left exactly as written.
CODE = re.compile(r"(```.*?```|`[^`\n]*`|\]\([^)\n]*\))", re.S)


@dataclass
class Rendered:
    html: str
    handles: list[str]  # mentioned handles that exist
    hashtags: list[str]  # lower-case tag names


def hashtags_in(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for part in CODE.split(text or "")[::2]:
        for match in HASHTAG.finditer(part):
            seen.setdefault(match.group(1).lower(), None)
    return list(seen)


def handles_in(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for part in CODE.split(text or "")[::2]:
        for match in MENTION.finditer(part):
            seen.setdefault(match.group(1).lower(), None)
    return list(seen)


def render_with_links(text: str) -> Rendered:
    """Markdown to safe HTML, with known @handles and every #hashtag turned into links.
    Code spans and blocks are left exactly as written."""
    from kettle.accounts.models import Member

    candidates = handles_in(text)
    known = set(Member.objects.filter(handle__in=candidates, is_active=True).values_list("handle", flat=True))
    tags = hashtags_in(text)

    def link_mention(match: re.Match) -> str:
        handle = match.group(1).lower()
        if handle not in known:
            return match.group(0)
        return f"[@{handle}]({reverse('profile', kwargs={'handle': handle})})"

    def link_tag(match: re.Match) -> str:
        name = match.group(1)
        return f"[#{name}]({reverse('social:tag', kwargs={'name': name.lower()})})"

    parts = CODE.split(text or "")
    for index in range(0, len(parts), 2):
        parts[index] = HASHTAG.sub(link_tag, MENTION.sub(link_mention, parts[index]))
    return Rendered(html=render_markdown("".join(parts)), handles=[h for h in candidates if h in known], hashtags=tags)
