"""What the generated community says: pools of updates, blog posts and comments built once
from the demo's words and rendered through the real markdown path, then reused by the
million. A pool entry is (body, body_html, hashtags)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from kettle.core import demo_blogs, demo_data
from kettle.core.demo_updates import THEMES
from kettle.social.text import render_with_links


@dataclass(frozen=True)
class Text:
    body: str
    html: str
    tags: tuple[str, ...]
    title: str = ""


def update_pool(rng: random.Random, size: int = 1500) -> list[Text]:
    themes = list(THEMES.values())
    pool = []
    for _ in range(size):
        theme = rng.choice(themes)
        parts = [rng.choice(theme.lines)]
        if theme.asks and rng.random() < 0.4:
            parts.append(rng.choice(theme.asks))
        tags = tuple(rng.sample(theme.tags, k=min(len(theme.tags), rng.choice((0, 1, 1, 2)))))
        body = " ".join(parts) + ("\n\n" + " ".join(f"#{tag}" for tag in tags) if tags else "")
        pool.append(Text(body=body, html=render_with_links(body).html, tags=tags))
    return pool


def blog_pool(rng: random.Random, size: int = 200) -> list[Text]:
    pool = []
    for _ in range(size):
        title, theme = rng.choice(demo_blogs.TITLES)
        paragraphs = [rng.choice(demo_blogs.OPENINGS), *demo_blogs.PARAGRAPHS.get(theme, []),
                      "What helped:\n\n" + "\n".join(f"- {item}" for item in rng.sample(demo_blogs.HELPED, 4)),
                      rng.choice(demo_blogs.CLOSINGS)]
        tags = demo_blogs.TAGS.get(theme, ())
        body = "\n\n".join(paragraphs) + ("\n\n" + " ".join(f"#{tag}" for tag in tags) if tags else "")
        pool.append(Text(body=body, html=render_with_links(body).html, tags=tags, title=title))
    return pool


def comment_pool(rng: random.Random, size: int = 400) -> list[Text]:
    lines = [line for theme in THEMES.values() for line in theme.comments] + list(demo_blogs.BLOG_COMMENTS)
    pool = []
    for _ in range(size):
        body = rng.choice(lines)
        pool.append(Text(body=body, html=render_with_links(body).html, tags=()))
    return pool


def person(rng: random.Random, number: int) -> tuple[str, str, str]:
    """(handle, display name, role) for the number-th generated member."""
    role = rng.choices(list(demo_data.ROLE_WEIGHTS), weights=list(demo_data.ROLE_WEIGHTS.values()))[0]
    names = {"mum": demo_data.FEMALE_NAMES, "dad": demo_data.MALE_NAMES}.get(
        role, demo_data.FEMALE_NAMES + demo_data.MALE_NAMES + demo_data.NEUTRAL_NAMES)
    first = rng.choice(names)
    display = f"{first.capitalize()} {rng.choice(demo_data.INITIALS)}."
    return f"{first}_{number}", display, role


GROUP_WORDS = ("Parents", "Mums and Bumps", "Dads", "Toddler Talk", "Baby and Me", "Buggy Walks",
               "Feeding Friends", "Sleep Swap", "Twins and Multiples", "Working Parents", "Home Cooks",
               "Book Club", "Runners", "Allotment Families", "Crafty Parents", "Outdoor Tots")

VENUE_WORDS = (("Library", "library"), ("Park", "park"), ("Community Centre", "community_centre"),
               ("Family Hub", "childrens_centre"), ("Café", "cafe"), ("Soft Play", "soft_play"))

MEETUP_TITLES = {
    "playdate": ("Toddler playdate", "Baby play morning", "Swings and slides", "Rainy day play"),
    "coffee": ("Coffee and cake for new parents", "Bump and baby coffee", "Morning brew"),
    "event": ("Family picnic", "Nearly-new sale", "Sling library drop-in", "Story and rhyme time"),
    "class": ("Baby massage", "Baby sensory", "Messy play", "Baby yoga"),
}
