"""Venue checks: meetups happen in public places, never at someone's home.

The form says so, and these refuse the obvious slips: a venue called "home", "my house" or
"Sarah's house",
and a name that is only a house number and a street ("12 Acacia Avenue")."""

from __future__ import annotations

import re

from kettle.core.places import normalise

HOME_WORDS = re.compile(
    r"\b(home|my (house|flat|place|garden|kitchen|living room)|our (house|flat|place|garden)|at mine|at ours"
    r"|my address|[a-z]+'?s (house|flat|home))\b")
STREETS = (r"road|rd|street|st|avenue|ave|close|lane|ln|drive|dr|way|crescent|cres|gardens|court|ct|place|pl"
           r"|terrace|grove|mews|row|walk|rise|hill|view|square|sq|park road|cottages|villas")
HOUSE_AND_STREET = re.compile(rf"^(flat \d+\w?,? )?\d+\w?,? ([a-z'-]+ ){{0,3}}({STREETS})\b")
PUBLIC_HINTS = re.compile(r"\b(cafe|coffee|library|park|centre|center|hall|church|soft play|school|pub|garden centre"
                          r"|museum|pool|leisure|nursery|shop|store|playground|sports|club)\b")

HOME_ERROR = ("Meetups happen at public places (a cafe, library, park, children's centre, soft play or hall), "
              "never at someone's home. Please choose a public venue.")
ADDRESS_ERROR = ("That looks like a house address. Give the venue's own name (for example \"Ipswich Library\") "
                 "so everyone knows it's a public place.")


def home_address_problem(name: str, address: str = "") -> dict[str, str]:
    """Field errors for a venue that looks like a home: {} when it looks like a public place."""
    key = normalise(name)
    problems: dict[str, str] = {}
    if HOME_WORDS.search(key) and not PUBLIC_HINTS.search(key):
        problems["name"] = HOME_ERROR
    elif HOUSE_AND_STREET.match(key) and not PUBLIC_HINTS.search(key):
        problems["name"] = ADDRESS_ERROR
    if HOME_WORDS.search(normalise(address)) and not PUBLIC_HINTS.search(normalise(address)):
        problems["address"] = HOME_ERROR
    return problems
