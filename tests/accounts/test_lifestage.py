"""Life stage from a due date or a birth month: pure functions of the dates and today."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kettle.accounts.lifestage import (
    EXPECTING,
    MILESTONE_MONTHS,
    STAGE_ORDER,
    child_stage,
    corrected_months,
    milestone_prompt,
    months_old,
)
from kettle.accounts.models import Child

todays = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
weeks = st.integers(min_value=0, max_value=20)
ages = st.integers(min_value=0, max_value=18 * 12)


def birth_of(today: date, months: int) -> tuple[int, int]:
    index = today.year * 12 + today.month - 1 - months
    return index // 12, index % 12 + 1


def born(today: date, months: int, weeks_early: int = 0):
    year, month = birth_of(today, months)
    return child_stage(today=today, birth_year=year, birth_month=month, weeks_early=weeks_early)


@given(today=todays, offset=st.integers(min_value=-31, max_value=300))
def test_an_expected_child_always_reads_expecting_due_month_and_year(today, offset):
    due = today + timedelta(days=offset)
    stage = child_stage(today=today, due_date=due)
    assert stage.key == EXPECTING
    assert stage.months is None
    assert stage.words == f"expecting, due {due:%B %Y}"
    assert re.fullmatch(r"expecting, due (January|February|March|April|May|June|July|August|September"
                        r"|October|November|December) \d{4}", stage.words)


@given(today=todays, months=ages, weeks_early=weeks, later_days=st.integers(min_value=0, max_value=3000))
def test_a_childs_stage_never_goes_backwards_as_today_advances(today, months, weeks_early, later_days):
    year, month = birth_of(today, months)
    later = today + timedelta(days=later_days)
    before = child_stage(today=today, birth_year=year, birth_month=month, weeks_early=weeks_early)
    after = child_stage(today=later, birth_year=year, birth_month=month, weeks_early=weeks_early)
    assert STAGE_ORDER.index(after.key) >= STAGE_ORDER.index(before.key)
    assert after.months >= before.months


@given(actual=st.integers(min_value=0, max_value=240), weeks_early=weeks)
def test_corrected_age_is_never_more_than_actual_and_equal_from_two_years(actual, weeks_early):
    corrected = corrected_months(actual, weeks_early)
    assert 0 <= corrected <= actual
    if actual >= 24 or weeks_early == 0:
        assert corrected == actual


@given(today=todays, months=ages, weeks_early=weeks)
def test_stage_words_are_never_empty_and_mention_correction_only_when_corrected(today, months, weeks_early):
    stage = born(today, months, weeks_early)
    assert stage.words.strip()
    assert stage.label.strip()
    assert ("corrected" in stage.words) == (stage.months != months)


@given(today=todays, weeks_early=st.integers(min_value=5, max_value=20))
def test_a_baby_born_well_early_shows_corrected_age_before_two_years(today, weeks_early):
    stage = born(today, 6, weeks_early)
    assert stage.months < 6
    assert "corrected; 6 months since birth" in stage.words


@pytest.mark.parametrize("months, weeks_early, words, key", [
    (0, 0, "newborn", "newborn"),
    (1, 0, "newborn, 1 month", "newborn"),
    (2, 0, "newborn, 2 months", "newborn"),
    (4, 0, "4 months", "baby"),
    (11, 0, "11 months", "baby"),
    (12, 0, "toddler, 12 months", "toddler"),
    (18, 0, "toddler, 18 months", "toddler"),
    (24, 0, "toddler, 2 years", "toddler"),
    (30, 0, "toddler, 2 years", "toddler"),
    (36, 0, "preschool, 3 years", "preschool"),
    (60, 0, "5 years", "school_age"),
    (24, 12, "toddler, 2 years", "toddler"),  # no correction from two years
])
def test_stage_words_for_known_ages(months, weeks_early, words, key):
    stage = born(date(2026, 5, 15), months, weeks_early)
    assert (stage.words, stage.key) == (words, key)


def test_a_child_needs_a_due_date_or_a_birth_month():
    with pytest.raises(ValueError):
        child_stage(today=date(2026, 1, 1), birth_year=2025)


def test_months_old_counts_the_birth_month_as_zero_and_never_goes_negative():
    assert months_old(2026, 5, date(2026, 5, 31)) == 0
    assert months_old(2025, 12, date(2026, 1, 1)) == 1
    assert months_old(2027, 1, date(2026, 1, 1)) == 0


def child_born(today: date, months: int, *, lost: bool = False) -> Child:
    year, month = birth_of(today, months)
    return Child(birth_year=year, birth_month=month,
                 loss_recorded_at=datetime(2026, 1, 1, tzinfo=UTC) if lost else None)


@given(today=todays, months=st.sampled_from(MILESTONE_MONTHS))
def test_a_living_child_gets_a_prompt_in_each_milestone_month(today, months):
    prompt = milestone_prompt(child_born(today, months), today)
    assert prompt is not None and "old this month" in prompt


@given(today=todays, months=ages)
def test_a_lost_child_never_gets_a_milestone_prompt(today, months):
    assert milestone_prompt(child_born(today, months, lost=True), today) is None


@given(today=todays, offset=st.integers(min_value=-31, max_value=300))
def test_an_expected_child_never_gets_a_milestone_prompt(today, offset):
    assert milestone_prompt(Child(due_date=today + timedelta(days=offset)), today) is None


@given(today=todays, months=ages.filter(lambda m: m not in MILESTONE_MONTHS))
def test_no_prompt_outside_milestone_months(today, months):
    assert milestone_prompt(child_born(today, months), today) is None


def test_prompt_words_switch_to_years_from_two():
    today = date(2026, 3, 10)
    assert "6 months old" in milestone_prompt(child_born(today, 6), today)
    assert "1 month old" in milestone_prompt(child_born(today, 1), today)
    assert "3 years old" in milestone_prompt(child_born(today, 36), today)
