from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from vtregistratie.werkdagen import is_werkdag, plus_werkdagen, werkdagen_tussen


def test_weekend_and_public_holidays_are_not_working_days():
    assert not is_werkdag(date(2025, 11, 22))  # Saturday
    assert not is_werkdag(date(2025, 4, 21))  # Easter Monday
    assert not is_werkdag(date(2025, 4, 26)) and not is_werkdag(date(2024, 4, 27))  # King's Day (2025 on a Saturday)
    assert not is_werkdag(date(2024, 12, 25)) and not is_werkdag(date(2024, 12, 26))
    assert is_werkdag(date(2025, 4, 22))


def test_five_working_days_across_easter():
    # Thursday before Easter 2025: Good Friday (18 April) and Easter Monday (21 April) are
    # public holidays in the holidays package's Dutch calendar, so the term ends on Monday 28 April.
    assert plus_werkdagen(date(2025, 4, 17), 5) == date(2025, 4, 28)


def test_five_working_days_across_kings_day():
    # King's Day 2023 was Thursday 27 April.
    assert plus_werkdagen(date(2023, 4, 24), 5) == date(2023, 5, 2)


def test_five_working_days_across_christmas_and_new_year():
    assert plus_werkdagen(date(2024, 12, 23), 5) == date(2025, 1, 2)


@given(st.dates(min_value=date(2019, 1, 1), max_value=date(2030, 12, 31)), st.integers(min_value=0, max_value=30))
def test_counting_back_gives_the_number_added(dag, n):
    doel = plus_werkdagen(dag, n)
    assert werkdagen_tussen(dag, doel) == n
    assert n == 0 or is_werkdag(doel)
    assert werkdagen_tussen(doel, dag) == -n
    assert doel >= dag and doel - dag <= timedelta(days=n * 3 + 10)
