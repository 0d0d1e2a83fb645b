"""Reading dates and deadline phrases as Vietnamese documents write them (DESIGN section 5).

Covers every date form and phrase of the section's table, the examples with leading
words from section 1, recurring phrases and their occurrence dates, relative phrases
("trong N ngày kể từ ...", "N ngày làm việc"), that a date is never read month-first,
impossible dates, and that an unreadable phrase raises DeadlineError naming it.
"""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from deadline_tui.domain.deadlines import parse_date, read_deadline, says_only_the_date
from deadline_tui.domain.recurrence import Frequency, Recurrence
from deadline_tui.domain.workdays import WorkCalendar
from deadline_tui.errors import DeadlineError, InputError

ASSIGNED = date(2021, 1, 5)  # a Tuesday


# --- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/01/2021", date(2021, 1, 31)),
        ("1/7/2021", date(2021, 7, 1)),
        ("01/07/2021", date(2021, 7, 1)),
        ("31.01.2021", date(2021, 1, 31)),
        ("31-01-2021", date(2021, 1, 31)),
        ("2021-01-31", date(2021, 1, 31)),
        ("2021-1-5", date(2021, 1, 5)),
        ("ngày 31 tháng 1 năm 2021", date(2021, 1, 31)),
        ("  31/01/2021 ", date(2021, 1, 31)),
        ("29/02/2024", date(2024, 2, 29)),
    ],
)
def test_parse_date_forms(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("02/01/2021", date(2021, 1, 2)),  # 2 January, never 1 February
        ("12/11/2021", date(2021, 11, 12)),
        ("1/12/2021", date(2021, 12, 1)),
        ("05.04.2016", date(2016, 4, 5)),
    ],
)
def test_dates_are_day_first(text: str, expected: date) -> None:
    assert parse_date(text) == expected
    assert read_deadline(text, date(2016, 1, 1)).due_on == expected


@pytest.mark.parametrize("text", ["01/31/2021", "12/13/2021", "2/30/2021"])
def test_month_first_dates_are_errors_not_guesses(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(text)
    assert text in str(caught.value)
    with pytest.raises(InputError) as caught_phrase:
        read_deadline(text, ASSIGNED)
    assert text in str(caught_phrase.value)


@pytest.mark.parametrize(
    "text", ["31/02/2021", "29/02/2021", "29/02/2100", "31/04/2021", "00/01/2021", "15/00/2021"]
)
def test_impossible_dates_are_errors(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(text)
    assert text in str(caught.value)


@pytest.mark.parametrize("text", ["trước ngày 31/02/2021", "chậm nhất ngày 29/02/2023"])
def test_impossible_dates_inside_a_phrase_are_errors_naming_the_phrase(text: str) -> None:
    with pytest.raises(InputError) as caught:
        read_deadline(text, ASSIGNED)
    assert text in str(caught.value)


@pytest.mark.parametrize("text", ["", "hôm qua", "31/01", "2021", "31/01/2021 10:00", "abc"])
def test_unreadable_dates(text: str) -> None:
    with pytest.raises(InputError):
        parse_date(text)


# --- phrases with one date ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("31/01/2021", date(2021, 1, 31)),
        ("1/7/2021", date(2021, 7, 1)),
        ("31.01.2021", date(2021, 1, 31)),
        ("2021-01-31", date(2021, 1, 31)),
        ("trước ngày 31/01/2021", date(2021, 1, 31)),
        ("trước 31/01/2021", date(2021, 1, 31)),
        ("chậm nhất ngày 31/01/2021", date(2021, 1, 31)),
        ("chậm nhất là ngày 31/01/2021", date(2021, 1, 31)),
        ("trong ngày 31/01/2021", date(2021, 1, 31)),
        ("Trước ngày 31/01/2021.", date(2021, 1, 31)),
        ("trong tháng 7/2021", date(2021, 7, 31)),
        ("tháng 7/2021", date(2021, 7, 31)),
        ("trong tháng 2/2024", date(2024, 2, 29)),
        ("tháng 2/2021", date(2021, 2, 28)),
        ("tháng 4/2021", date(2021, 4, 30)),
        ("quý I/2021", date(2021, 3, 31)),
        ("quý II/2021", date(2021, 6, 30)),
        ("quý III/2021", date(2021, 9, 30)),
        ("quý IV/2021", date(2021, 12, 31)),
        ("quý 3/2021", date(2021, 9, 30)),
        ("trong quý III/2021", date(2021, 9, 30)),
        ("6 tháng đầu năm 2021", date(2021, 6, 30)),
        ("6 tháng cuối năm 2021", date(2021, 12, 31)),
        ("9 tháng 2021", date(2021, 9, 30)),
        ("9 tháng đầu năm 2021", date(2021, 9, 30)),
        ("năm 2021", date(2021, 12, 31)),
        ("cuối năm 2021", date(2021, 12, 31)),
        ("trong năm 2021", date(2021, 12, 31)),
    ],
)
def test_phrases_of_the_design_table(phrase: str, expected: date) -> None:
    deadline = read_deadline(phrase, ASSIGNED)
    assert deadline.due_on == expected
    assert deadline.recurrence is None


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("hoàn thành trước 31/01/2021", date(2021, 1, 31)),
        ("báo cáo năm gửi trước ngày 10/12/2021", date(2021, 12, 10)),
        ("phấn đấu hoàn thành hỗ trợ trong tháng 7/2021", date(2021, 7, 31)),
        ("Báo cáo kết quả về UBND tỉnh trước ngày 15/3/2021", date(2021, 3, 15)),
        ("hoàn thành trong quý III/2021", date(2021, 9, 30)),
    ],
)
def test_design_examples_with_leading_words(phrase: str, expected: date) -> None:
    deadline = read_deadline(phrase, ASSIGNED)
    assert deadline.due_on == expected
    assert deadline.text == phrase  # kept verbatim


def test_the_phrase_is_kept_verbatim_in_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "trước ngày 31/01/2021")
    deadline = read_deadline(decomposed, ASSIGNED)
    assert deadline.text == "trước ngày 31/01/2021"
    assert unicodedata.is_normalized("NFC", deadline.text)
    assert deadline.due_on == date(2021, 1, 31)


def test_day_and_month_without_year_is_the_next_such_day_from_assignment() -> None:
    assert read_deadline("trước ngày 15/12", date(2021, 3, 1)).due_on == date(2021, 12, 15)
    assert read_deadline("trước ngày 15/02", date(2021, 3, 1)).due_on == date(2022, 2, 15)


def test_empty_phrase_means_no_deadline() -> None:
    deadline = read_deadline("   ", ASSIGNED)
    assert deadline.due_on is None
    assert deadline.recurrence is None


@pytest.mark.parametrize("phrase", ["thường xuyên", "liên tục", "Thực hiện thường xuyên"])
def test_ongoing_phrases_have_no_deadline(phrase: str) -> None:
    deadline = read_deadline(phrase, ASSIGNED)
    assert deadline.due_on is None
    assert deadline.recurrence is None
    assert deadline.text == phrase


# --- relative phrases ---------------------------------------------------------------------


def test_within_n_days_counts_from_the_assignment_date() -> None:
    assert read_deadline("trong 10 ngày kể từ ngày ký", ASSIGNED).due_on == date(2021, 1, 15)
    assert read_deadline("trong 30 ngày", ASSIGNED).due_on == date(2021, 2, 4)


def test_within_n_days_from_a_named_date() -> None:
    due = read_deadline("trong 10 ngày kể từ ngày 10/01/2021", ASSIGNED).due_on
    assert due == date(2021, 1, 20)


def test_within_n_months() -> None:
    assert read_deadline("trong 3 tháng kể từ ngày ký", ASSIGNED).due_on == date(2021, 4, 5)


def test_working_days_skip_weekends() -> None:
    # Tuesday 05/01/2021 + 5 working days: 6, 7, 8, 11, 12 January.
    assert read_deadline("5 ngày làm việc", ASSIGNED).due_on == date(2021, 1, 12)
    assert read_deadline("trong 5 ngày làm việc", ASSIGNED).due_on == date(2021, 1, 12)


def test_working_days_skip_fixed_public_holidays() -> None:
    # Friday 30/04/2021: 1-2/5 weekend (1/5, a Saturday, is made up on Monday 3/5), then
    # 4..7 and 10..14 May (9 days) and Monday 17 May.
    phrase = "10 ngày làm việc kể từ ngày 30/04/2021"
    assert read_deadline(phrase, ASSIGNED).due_on == date(2021, 5, 17)
    # Thursday 01/09/2022: 2/9 holiday, weekend, then Monday 5/9.
    assert WorkCalendar().add_working_days(date(2022, 9, 1), 1)[0] == date(2022, 9, 5)
    assert WorkCalendar().add_working_days(date(2022, 9, 1), 0) == (date(2022, 9, 1), [])


# --- recurring phrases --------------------------------------------------------------------


def test_monthly_on_the_20th() -> None:
    for phrase in ("trước ngày 20 hàng tháng", "trước ngày 20 hằng tháng"):
        deadline = read_deadline(phrase, ASSIGNED)
        assert deadline.recurrence == Recurrence(Frequency.MONTHLY, day=20)
        assert deadline.due_on == date(2021, 1, 20)
        assert deadline.recurrence.occurrences(ASSIGNED, date(2021, 4, 30)) == [
            date(2021, 1, 20),
            date(2021, 2, 20),
            date(2021, 3, 20),
            date(2021, 4, 20),
        ]


def test_monthly_first_occurrence_after_the_day_has_passed() -> None:
    deadline = read_deadline("trước ngày 20 hàng tháng", date(2021, 1, 25))
    assert deadline.due_on == date(2021, 2, 20)
    on_the_day = read_deadline("trước ngày 20 hàng tháng", date(2021, 1, 20))
    assert on_the_day.due_on == date(2021, 1, 20)


def test_monthly_on_a_day_some_months_lack_falls_on_their_last_day() -> None:
    rule = read_deadline("trước ngày 31 hàng tháng", ASSIGNED).recurrence
    assert rule is not None
    assert rule.occurrences(date(2021, 1, 1), date(2021, 4, 30)) == [
        date(2021, 1, 31),
        date(2021, 2, 28),
        date(2021, 3, 31),
        date(2021, 4, 30),
    ]


def test_quarterly() -> None:
    deadline = read_deadline("báo cáo hàng quý", ASSIGNED)
    assert deadline.recurrence == Recurrence(Frequency.QUARTERLY)
    assert deadline.due_on == date(2021, 3, 31)
    assert deadline.recurrence.occurrences(ASSIGNED, date(2021, 12, 31)) == [
        date(2021, 3, 31),
        date(2021, 6, 30),
        date(2021, 9, 30),
        date(2021, 12, 31),
    ]


def test_quarterly_on_a_day() -> None:
    deadline = read_deadline("hàng quý, trước ngày 15", ASSIGNED)
    assert deadline.recurrence == Recurrence(Frequency.QUARTERLY, day=15)
    assert deadline.due_on == date(2021, 3, 15)


def test_every_six_months() -> None:
    deadline = read_deadline("định kỳ 6 tháng", ASSIGNED)
    assert deadline.recurrence == Recurrence(Frequency.HALF_YEARLY)
    assert deadline.due_on == date(2021, 6, 30)
    assert deadline.recurrence.occurrences(ASSIGNED, date(2022, 12, 31)) == [
        date(2021, 6, 30),
        date(2021, 12, 31),
        date(2022, 6, 30),
        date(2022, 12, 31),
    ]


def test_yearly_on_a_day_and_month() -> None:
    deadline = read_deadline("trước ngày 15/12 hằng năm", ASSIGNED)
    assert deadline.recurrence == Recurrence(Frequency.YEARLY, day=15, month=12)
    assert deadline.due_on == date(2021, 12, 15)
    assert deadline.recurrence.occurrences(ASSIGNED, date(2023, 12, 31)) == [
        date(2021, 12, 15),
        date(2022, 12, 15),
        date(2023, 12, 15),
    ]
    later = read_deadline("trước ngày 15/12 hằng năm", date(2021, 12, 16))
    assert later.due_on == date(2022, 12, 15)


@pytest.mark.parametrize(
    ("phrase", "day", "month"),
    [
        ("trước ngày 15 tháng 12 hằng năm", 15, 12),  # as legal documents write it
        ("trước ngày 20 tháng 6 hàng năm", 20, 6),
        ("hằng năm, chậm nhất ngày 5/3", 5, 3),
    ],
)
def test_yearly_with_the_month_in_words(phrase: str, day: int, month: int) -> None:
    deadline = read_deadline(phrase, ASSIGNED)
    assert deadline.recurrence == Recurrence(Frequency.YEARLY, day=day, month=month)
    assert deadline.due_on == date(2021, month, day)


def test_yearly_day_without_month_is_an_error_not_year_end() -> None:
    with pytest.raises(DeadlineError) as caught:
        read_deadline("trước ngày 20 hằng năm", ASSIGNED)
    assert "trước ngày 20 hằng năm" in str(caught.value)


def test_yearly_without_any_day_falls_at_year_end() -> None:
    deadline = read_deadline("báo cáo hằng năm", ASSIGNED)
    assert deadline.recurrence == Recurrence(Frequency.YEARLY, day=31, month=12)
    assert deadline.due_on == date(2021, 12, 31)


def test_weekly_needs_a_weekday() -> None:
    deadline = read_deadline("thứ Sáu hàng tuần", ASSIGNED)
    assert deadline.recurrence == Recurrence(Frequency.WEEKLY, weekday=4)
    assert deadline.due_on == date(2021, 1, 8)  # the first Friday from Tuesday 05/01
    with pytest.raises(DeadlineError) as caught:
        read_deadline("hàng tuần", ASSIGNED)
    assert "hàng tuần" in str(caught.value)


def test_recurrence_round_trips_through_its_plain_form() -> None:
    for rule in (
        Recurrence(Frequency.MONTHLY, day=20),
        Recurrence(Frequency.YEARLY, day=15, month=12),
        Recurrence(Frequency.WEEKLY, weekday=0),
        Recurrence(Frequency.HALF_YEARLY),
    ):
        assert Recurrence.from_dict(rule.to_dict()) == rule


def test_occurrences_of_an_empty_range() -> None:
    rule = Recurrence(Frequency.MONTHLY, day=20)
    assert rule.occurrences(date(2021, 3, 1), date(2021, 2, 1)) == []
    assert rule.occurrences(date(2021, 3, 21), date(2021, 4, 19)) == []


# --- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "sớm nhất có thể",
        "khi có ý kiến của Bộ",
        "hoàn thành 31/01/2021",  # a date after free text with no connective word
        "quý 5/2021",
        "trước ngày 32 hàng tháng",
        "ASAP",
    ],
)
def test_unreadable_phrase_raises_deadline_error_naming_it(phrase: str) -> None:
    with pytest.raises(DeadlineError) as caught:
        read_deadline(phrase, ASSIGNED)
    assert phrase in caught.value.message()
    assert caught.value.exit_code == 1


def test_unreadable_phrase_message_in_english_names_it_too() -> None:
    from deadline_tui.i18n import set_language

    set_language("en")
    with pytest.raises(DeadlineError) as caught:
        read_deadline("khi có ý kiến", ASSIGNED)
    assert "khi có ý kiến" in str(caught.value)
    assert "Cannot read the deadline" in str(caught.value)


def test_month_thirteen_is_an_error() -> None:
    with pytest.raises(InputError) as caught:
        read_deadline("trong tháng 13/2021", ASSIGNED)
    assert "tháng 13/2021" in str(caught.value)


# --- years at the edges -------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    ["năm 0000", "quý IV/9999", "31/12/0027", "tháng 7/0026", "6 tháng đầu năm 1899", "0027-12-31"],
)
def test_years_out_of_range_are_refused_with_the_phrase(phrase: str) -> None:
    with pytest.raises(InputError) as caught:
        read_deadline(phrase, ASSIGNED)
    assert caught.value.key == "date_out_of_range"


def test_two_digit_year_is_this_century_and_edges_are_kept() -> None:
    assert parse_date("31/12/27") == date(2027, 12, 31)
    assert read_deadline("năm 2200", ASSIGNED).due_on == date(2200, 12, 31)
    assert read_deadline("quý I/1900", ASSIGNED).due_on == date(1900, 3, 31)
    with pytest.raises(InputError):
        parse_date("31/12/0027")


# --- phrases once misread silently (each gives the right date or an error naming it) -------

REVIEWED = date(2026, 1, 5)  # the assignment date of the review's table


def test_yearly_day_and_month_without_the_word_ngay() -> None:
    deadline = read_deadline("trước 30/6 hằng năm", REVIEWED)
    assert deadline.recurrence == Recurrence(Frequency.YEARLY, day=30, month=6)
    assert deadline.due_on == date(2026, 6, 30)
    assert deadline.recurrence.occurrences(REVIEWED, date(2027, 12, 31)) == [
        date(2026, 6, 30),
        date(2027, 6, 30),
    ]


def test_yearly_in_a_month_falls_on_its_last_day() -> None:
    deadline = read_deadline("trong tháng 6 hằng năm", REVIEWED)
    assert deadline.recurrence == Recurrence(Frequency.YEARLY, month=6)
    assert deadline.due_on == date(2026, 6, 30)
    # February's last day moves with leap years.
    february = read_deadline("trong tháng 2 hằng năm", REVIEWED).recurrence
    assert february is not None
    assert february.occurrences(REVIEWED, date(2028, 12, 31)) == [
        date(2026, 2, 28),
        date(2027, 2, 28),
        date(2028, 2, 29),
    ]


def test_yearly_in_a_quarter_falls_on_its_last_day() -> None:
    deadline = read_deadline("trong quý III hằng năm", REVIEWED)
    assert deadline.recurrence == Recurrence(Frequency.YEARLY, month=9)
    assert deadline.due_on == date(2026, 9, 30)
    assert deadline.recurrence.occurrences(REVIEWED, date(2027, 12, 31)) == [
        date(2026, 9, 30),
        date(2027, 9, 30),
    ]
    assert read_deadline("hằng năm, trong quý 2", REVIEWED).due_on == date(2026, 6, 30)


def test_a_dated_month_with_a_monthly_rule_is_an_error() -> None:
    with pytest.raises(DeadlineError) as caught:
        read_deadline("tháng 7/2026 hàng tháng", REVIEWED)
    assert caught.value.key == "deadline_dated_and_recurring"
    assert "tháng 7/2026 hàng tháng" in caught.value.message()


def test_half_yearly_keeps_its_day() -> None:
    deadline = read_deadline("trước ngày 15/6 định kỳ 6 tháng", REVIEWED)
    assert deadline.recurrence == Recurrence(Frequency.HALF_YEARLY, day=15)
    assert deadline.due_on == date(2026, 6, 15)
    assert deadline.recurrence.occurrences(REVIEWED, date(2027, 6, 30)) == [
        date(2026, 6, 15),
        date(2026, 12, 15),
        date(2027, 6, 15),
    ]


@pytest.mark.parametrize(
    "phrase",
    [
        "trước ngày 15/1 định kỳ 6 tháng",  # January and July: the rule falls in June/December
        "trước ngày 15/6 hàng tháng",  # a month in a monthly rule
        "hàng quý, trước 15",  # a number the rule would drop
    ],
)
def test_a_day_or_month_the_rule_cannot_hold_is_an_error(phrase: str) -> None:
    with pytest.raises(DeadlineError) as caught:
        read_deadline(phrase, REVIEWED)
    assert phrase in caught.value.message()


@pytest.mark.parametrize(
    "phrase", ["trước ngày 30/6 và 31/12 hằng năm", "ngày 5 và ngày 20 hàng tháng"]
)
def test_two_deadlines_in_one_phrase_are_an_error(phrase: str) -> None:
    with pytest.raises(DeadlineError) as caught:
        read_deadline(phrase, REVIEWED)
    assert caught.value.key == "deadline_two_dates"
    assert phrase in caught.value.message()


def test_first_month_of_the_quarter_is_an_error() -> None:
    # Quarterly rules fall in the quarter's last month: 05/03 would be a silent misreading.
    phrase = "trước ngày 5 của tháng đầu quý hằng quý"
    with pytest.raises(DeadlineError) as caught:
        read_deadline(phrase, REVIEWED)
    assert phrase in caught.value.message()


@pytest.mark.parametrize(
    "phrase",
    ["thường xuyên; báo cáo trước ngày 31/01/2026", "trong tháng 7/2021 hoặc thường xuyên"],
)
def test_a_standing_task_with_a_date_is_an_error(phrase: str) -> None:
    from deadline_tui.i18n import set_language

    with pytest.raises(DeadlineError) as caught:
        read_deadline(phrase, REVIEWED)
    assert caught.value.key == "deadline_standing_and_dated"
    assert phrase in caught.value.message()
    set_language("en")
    assert "standing" in caught.value.message()


def test_an_hour_does_not_move_a_weekly_deadline() -> None:
    deadline = read_deadline("trước 16 giờ thứ Sáu hàng tuần", REVIEWED)
    assert deadline.recurrence == Recurrence(Frequency.WEEKLY, weekday=4)
    assert deadline.due_on == date(2026, 1, 9)  # Monday 05/01/2026, then Friday 09/01


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("trước quý III/2021", date(2021, 6, 30)),  # Q3 starts 01/07
        ("trước quý I/2022", date(2021, 12, 31)),
        ("trước tháng 7/2021", date(2021, 6, 30)),
        ("trước tháng 3/2024", date(2024, 2, 29)),  # a leap year
        ("trước năm 2022", date(2021, 12, 31)),
        # "within" the period, or "before its end", is still its last day
        ("trong quý III/2021", date(2021, 9, 30)),
        ("trước cuối năm 2021", date(2021, 12, 31)),
        ("chậm nhất trong tháng 7/2021", date(2021, 7, 31)),
    ],
)
def test_before_a_period_is_the_day_before_it_starts(phrase: str, expected: date) -> None:
    assert read_deadline(phrase, REVIEWED).due_on == expected


def test_before_a_half_year_is_an_error() -> None:
    with pytest.raises(DeadlineError) as caught:
        read_deadline("trước 6 tháng đầu năm 2021", REVIEWED)
    assert "trước 6 tháng đầu năm 2021" in caught.value.message()
    with pytest.raises(InputError) as out_of_range:
        read_deadline("trước quý I/1900", REVIEWED)
    assert out_of_range.value.key == "date_out_of_range"


@pytest.mark.parametrize(
    ("text", "due", "only_the_date"),
    [
        ("31/12/2030", date(2030, 12, 31), True),
        ("31.12.2030", date(2030, 12, 31), True),
        ("2030-12-31", date(2030, 12, 31), True),
        ("ngày 31 tháng 12 năm 2030", date(2030, 12, 31), True),
        ("Trước ngày 31/12/2030", date(2030, 12, 31), True),
        ("chậm nhất ngày 31/12/30", date(2030, 12, 31), True),
        ("31/12/2030", date(2031, 1, 15), False),  # extended since: the text says more
        ("trước 31/12", date(2030, 12, 31), False),  # the year comes from the date
        ("trong tháng 3/2026", date(2026, 3, 31), False),
        ("cuối năm 2030", date(2030, 12, 31), False),
        ("trong 15 ngày kể từ ngày ký 01/01/2026", date(2026, 1, 16), False),
        ("thường xuyên", None, False),
        ("", None, False),
    ],
)
def test_a_deadline_says_only_its_date(text: str, due: date | None, only_the_date: bool) -> None:
    assert says_only_the_date(text, due) is only_the_date
