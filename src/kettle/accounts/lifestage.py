"""Life stage in words, from a due date or a birth month and year.

Pure functions of the dates and "today", so they can be tested over every date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

EXPECTING = "expecting"
NEWBORN = "newborn"
BABY = "baby"
TODDLER = "toddler"
PRESCHOOL = "preschool"
SCHOOL_AGE = "school_age"
STAGE_ORDER = (EXPECTING, NEWBORN, BABY, TODDLER, PRESCHOOL, SCHOOL_AGE)
STAGE_LABELS = {EXPECTING: "Expecting", NEWBORN: "Newborn", BABY: "Baby", TODDLER: "Toddler",
                PRESCHOOL: "Preschool", SCHOOL_AGE: "School age"}

CORRECTED_AGE_UNTIL_MONTHS = 24  # health visitors use corrected age for the first two years
MILESTONE_MONTHS = (1, 3, 6, 9, 12, 18, 24, 36, 48)


@dataclass(frozen=True)
class Stage:
    key: str
    words: str
    months: int | None = None  # age in (corrected) months; None while expecting

    @property
    def label(self) -> str:
        return STAGE_LABELS[self.key]

    @property
    def detail(self) -> str:
        """The words without the stage name the badge already shows: "due March 2027"."""
        prefix = self.key.replace("_", " ")
        if self.words.startswith(prefix + ", "):
            return self.words[len(prefix) + 2:]
        return "" if self.words == prefix else self.words


def months_old(birth_year: int, birth_month: int, today: date) -> int:
    """Whole months since the birth month, counting the birth month as month 0."""
    return max(0, (today.year - birth_year) * 12 + (today.month - birth_month))


def corrected_months(actual: int, weeks_early: int) -> int:
    if actual >= CORRECTED_AGE_UNTIL_MONTHS or weeks_early <= 0:
        return actual
    return max(0, actual - round(weeks_early * 7 / 30.44))


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def stage_for_months(months: int) -> str:
    if months < 3:
        return NEWBORN
    if months < 12:
        return BABY
    if months < 36:
        return TODDLER
    if months < 60:
        return PRESCHOOL
    return SCHOOL_AGE


def _age_words(months: int) -> str:
    key = stage_for_months(months)
    if key == NEWBORN:
        return "newborn" if months == 0 else f"newborn, {_plural(months, 'month')}"
    if key == BABY:
        return _plural(months, "month")
    if key == TODDLER:
        if months < 24:
            return f"toddler, {_plural(months, 'month')}"
        return f"toddler, {_plural(months // 12, 'year')}"
    if key == PRESCHOOL:
        return f"preschool, {_plural(months // 12, 'year')}"
    return _plural(months // 12, "year")


def child_stage(*, today: date, due_date: date | None = None, birth_year: int | None = None,
                birth_month: int | None = None, weeks_early: int = 0) -> Stage:
    """The stage and its words: "expecting, due March 2027", "4 months", "toddler, 2 years"."""
    if due_date is not None:
        return Stage(EXPECTING, f"expecting, due {due_date:%B %Y}")
    if birth_year is None or birth_month is None:
        raise ValueError("A child needs a due date or a birth month and year.")
    actual = months_old(birth_year, birth_month, today)
    corrected = corrected_months(actual, weeks_early)
    words = _age_words(corrected)
    if corrected != actual:
        words = f"{words} (corrected; {_plural(actual, 'month')} since birth)"
    return Stage(stage_for_months(corrected), words, corrected)


def stage_of(child, today: date) -> Stage:
    return child_stage(today=today, due_date=child.due_date, birth_year=child.birth_year,
                       birth_month=child.birth_month, weeks_early=child.weeks_early)


def milestone_prompt(child, today: date) -> str | None:
    """A gentle prompt in the month a baby reaches a milestone. Never for a recorded loss."""
    if child.is_lost or child.due_date is not None:
        return None
    months = months_old(child.birth_year, child.birth_month, today)
    if months not in MILESTONE_MONTHS:
        return None
    age = _plural(months, "month") if months < 24 else _plural(months // 12, "year")
    return (f"Your little one is {age} old this month. How is it going? "
            "Other parents at the same stage would love to hear.")
