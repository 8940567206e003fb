"""The blog roll: a member's list of favourite blogs."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from kettle.accounts.models import Member
from kettle.core.markdown import is_safe_url
from kettle.core.validators import no_nul
from kettle.social.models import BlogRollEntry

MAX_ENTRIES = 50


def _clean_entry(index: int, entry: dict, owner: Member, errors: dict) -> BlogRollEntry | None:
    handle = (entry.get("handle") or "").strip().lstrip("@").lower()
    url = (entry.get("url") or "").strip()
    title = " ".join((entry.get("title") or "").split())
    prefix = f"entries.{index}"
    try:
        no_nul(handle + url + title)
    except ValidationError as error:
        errors[prefix] = error.messages
        return None
    if handle and url:
        errors[prefix] = ["Give a Kettle handle or a web address, not both."]
        return None
    if handle:
        blog = Member.objects.visible_to(owner).filter(handle=handle).first()
        if blog is None or blog.id == owner.id:
            errors[f"{prefix}.handle"] = ["We couldn't find a Kettle blog with that handle."]
            return None
        return BlogRollEntry(owner=owner, blog=blog, position=index)
    if not url:
        errors[prefix] = ["Add a Kettle handle or a web address."]
        return None
    if len(url) > 500 or not is_safe_url(url):
        errors[f"{prefix}.url"] = ["Use a full web address starting with https:// or http://."]
        return None
    if not title:
        errors[f"{prefix}.title"] = ["Give the blog a name."]
        return None
    if len(title) > 120:
        errors[f"{prefix}.title"] = ["Please keep the name to 120 characters."]
        return None
    return BlogRollEntry(owner=owner, url=url, title=title, position=index)


@transaction.atomic
def do_set_blog_roll(owner: Member, entries: list[dict]) -> list[BlogRollEntry]:
    """Replace the blog roll with these entries, in this order. All or nothing."""
    if len(entries) > MAX_ENTRIES:
        raise ValidationError({"entries": [f"A blog roll holds up to {MAX_ENTRIES} blogs."]})
    errors: dict[str, list[str]] = {}
    cleaned = [_clean_entry(i, entry, owner, errors) for i, entry in enumerate(entries)]
    members = [e.blog_id for e in cleaned if e is not None and e.blog_id]
    urls = [e.url.lower().rstrip("/") for e in cleaned if e is not None and e.url]
    if len(members) != len(set(members)) or len(urls) != len(set(urls)):
        errors["entries"] = ["That blog is on the list twice."]
    if errors:
        raise ValidationError(errors)
    BlogRollEntry.objects.filter(owner=owner).delete()
    return BlogRollEntry.objects.bulk_create(cleaned)
