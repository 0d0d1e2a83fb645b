"""Vietnamese text helpers (DESIGN sections 2 and 4).

Covers folding for matching (diacritics, both tone placements, NFD input), NFC
normalisation, Vietnamese alphabetical order (letters a < ă < â, d < đ, tones ngang <
huyền < hỏi < ngã < sắc < nặng, syllable by syllable), and number formatting: dotted
thousands, decimal comma, and percentages rounded half-up or down, never banker's.
"""

from __future__ import annotations

import random
import unicodedata
from datetime import date
from decimal import Decimal

import pytest

from deadline_tui.domain.vntext import (
    clean,
    fold,
    format_date,
    format_decimal,
    format_int,
    format_percent,
    matches,
    nfc,
    percent_value,
    sort_key,
    sorted_vi,
)
from deadline_tui.i18n import set_language
from deadline_tui.reports.numbers import number, percent, rate


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- folding and normalisation ------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Ủy ban nhân dân", "Uỷ ban nhân dân"),  # tone on the u or on the y
        ("hòa giải", "hoà giải"),
        ("Thủy lợi", "Thuỷ lợi"),
        ("khỏe", "khoẻ"),
        ("Sở Kế hoạch và Đầu tư", "so ke hoach va dau tu"),
        ("ĐÀ NẴNG", "da nang"),
    ],
)
def test_fold_ignores_diacritics_tone_placement_and_case(left: str, right: str) -> None:
    assert fold(left) == fold(right)


def test_fold_of_a_unit_name() -> None:
    assert fold("Sở Kế hoạch và Đầu tư") == "so ke hoach va dau tu"
    assert fold("  Sở   Tài  chính ") == "so tai chinh"
    assert fold("Đ đ") == "d d"


def test_fold_of_nfd_input_equals_fold_of_nfc() -> None:
    text = "Ủy ban nhân dân huyện Đông Anh; Sở Giáo dục và Đào tạo"
    assert fold(nfd(text)) == fold(text)
    assert fold(nfd(text)).isascii()


def test_matches_every_word_ignoring_diacritics() -> None:
    haystack = fold("Sở Kế hoạch và Đầu tư tỉnh Quảng Nam")
    assert matches("so ke hoach", haystack)
    assert matches("kế HOẠCH quang", haystack)
    assert matches("dau tu so", haystack)  # word order does not matter
    assert not matches("so tai chinh", haystack)
    assert matches("", haystack)


def test_nfc_and_clean() -> None:
    decomposed = nfd("Báo cáo tình hình thực hiện")
    assert decomposed != "Báo cáo tình hình thực hiện"
    assert nfc(decomposed) == "Báo cáo tình hình thực hiện"
    assert unicodedata.is_normalized("NFC", nfc(decomposed))
    assert clean("  Báo\tcáo \n  quý ") == "Báo cáo quý"
    assert clean(nfd(" Uỷ ban ")) == "Uỷ ban"


# --- Vietnamese alphabetical order --------------------------------------------------------


def shuffled(items: list[str]) -> list[str]:
    copy = list(items)
    random.Random(7).shuffle(copy)
    return copy


def test_tones_sort_ngang_huyen_hoi_nga_sac_nang() -> None:
    expected = ["Ba", "Bà", "Bả", "Bã", "Bá", "Bạ"]
    assert sorted_vi(shuffled(expected)) == expected
    # Code-point order would differ: this is a real test of the collation.
    assert sorted(expected) != expected


def test_modified_letters_follow_their_base() -> None:
    assert sorted_vi(shuffled(["ân", "an", "ăn", "bán"])) == ["an", "ăn", "ân", "bán"]
    assert sorted_vi(shuffled(["đa", "da", "e", "ê", "ơ", "o", "ô", "ư", "u"])) == [
        "da",
        "đa",
        "e",
        "ê",
        "o",
        "ô",
        "ơ",
        "u",
        "ư",
    ]


def test_letters_decide_before_tones() -> None:
    # "bà" < "ban": the shorter syllable first, whatever its tone.
    assert sorted_vi(["ban", "bạc", "bà", "bác"]) == ["bà", "bác", "bạc", "ban"]


def test_sorting_is_syllable_by_syllable() -> None:
    assert sorted_vi(["Sở Giáo dục và Đào tạo", "Sở Giao thông vận tải"]) == [
        "Sở Giao thông vận tải",
        "Sở Giáo dục và Đào tạo",
    ]


def test_real_unit_names_in_vietnamese_order() -> None:
    expected = [
        "Ban Quản lý các Khu công nghiệp",
        "Bảo hiểm xã hội tỉnh",
        "Công an tỉnh",
        "Cục Thuế tỉnh",
        "Đài Phát thanh và Truyền hình",
        "Sở Công Thương",
        "Sở Giao thông vận tải",
        "Sở Giáo dục và Đào tạo",
        "Sở Kế hoạch và Đầu tư",
        "Sở Tài chính",
        "Sở Tài nguyên và Môi trường",
        "Sở Tư pháp",
        "Sở Xây dựng",
        "Sở Y tế",
        "UBND huyện Đại Lộc",
        "UBND huyện Điện Bàn",
        "UBND thành phố Hội An",
    ]
    assert sorted_vi(shuffled(expected)) == expected


def test_sort_key_is_the_same_for_nfd_input_and_case_insensitive() -> None:
    assert sort_key(nfd("Đầu tư"))[0] == sort_key("Đầu tư")[0]
    assert sort_key("SỞ Y TẾ")[0] == sort_key("sở y tế")[0]


def test_sorted_vi_accepts_sets_and_tuples() -> None:
    assert sorted_vi({"Đông", "Dương"}) == ["Dương", "Đông"]
    assert sorted_vi(("Bá", "Ba")) == ["Ba", "Bá"]


# --- numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"),
        (52, "52"),
        (999, "999"),
        (2231, "2.231"),
        (20000, "20.000"),
        (1234567, "1.234.567"),
    ],
)
def test_thousands_with_dots(value: int, text: str) -> None:
    assert format_int(value) == text


def test_decimals_with_comma() -> None:
    assert format_decimal(Decimal("1234.5"), 1) == "1.234,5"
    assert format_decimal(Decimal("30.8"), 1) == "30,8"
    assert format_decimal(Decimal("65"), 0) == "65"


def test_design_example_rounds_half_up_or_down() -> None:
    assert format_percent(16, 52) == "30,8%"
    assert format_percent(16, 52, rounding="half_up") == "30,8%"
    assert format_percent(16, 52, rounding="down") == "30,7%"
    assert format_percent(16, 52, decimals=2) == "30,77%"
    assert format_percent(16, 52, decimals=0) == "31%"
    assert format_percent(16, 52, decimals=0, rounding="down") == "30%"


@pytest.mark.parametrize(
    ("part", "base", "decimals", "half_up", "banker"),
    [
        (1, 800, 2, "0,13%", 0.12),  # 0.125
        (1, 40, 0, "3%", 2),  # 2.5
        (1, 8, 0, "13%", 12),  # 12.5
        (5, 8, 0, "63%", 62),  # 62.5
        (1, 16, 1, "6,3%", 6.2),  # 6.25
        (1, 160, 2, "0,63%", 0.62),  # 0.625
    ],
)
def test_rounding_is_never_bankers(
    part: int, base: int, decimals: int, half_up: str, banker: float
) -> None:
    exact = part * 100 / base
    assert round(exact, decimals) == banker  # what Python's round() would print
    assert format_percent(part, base, decimals, "half_up") == half_up


@pytest.mark.parametrize(
    ("part", "base", "decimals", "expected"),
    [(2, 3, 1, "66,6%"), (1, 3, 2, "33,33%"), (199, 200, 0, "99%"), (1, 800, 2, "0,12%")],
)
def test_rounding_down_truncates(part: int, base: int, decimals: int, expected: str) -> None:
    assert format_percent(part, base, decimals, "down") == expected


def test_percent_value_is_exact_decimal() -> None:
    assert percent_value(16, 52) == Decimal("30.8")
    assert percent_value(16, 52, rounding="down") == Decimal("30.7")
    assert percent_value(52, 52) == Decimal("100.0")
    assert percent_value(0, 52) == Decimal("0.0")
    with pytest.raises(ValueError):
        percent_value(1, 0)


def test_percent_without_base_is_a_dash() -> None:
    assert format_percent(0, 0) == "–"


def test_seed_figures_format() -> None:
    assert format_int(2231) == "2.231"
    assert format_percent(65, 100, decimals=0) == "65%"
    assert format_percent(1450, 2231) == "65,0%"


def test_report_numbers_follow_the_language() -> None:
    assert number(2231) == "2.231"
    assert percent(16, 52, 1, "half_up") == "30,8%"
    assert rate(16, 52, 1, "half_up") == "30,8% (16/52)"
    assert rate(1500, 2231, 1, "down") == "67,2% (1.500/2.231)"
    set_language("en")
    assert number(2231) == "2,231"
    assert percent(16, 52, 1, "half_up") == "30.8%"
    assert rate(1500, 2231, 1, "down") == "67.2% (1,500/2,231)"


def test_dates_are_written_day_first() -> None:
    assert format_date(date(2016, 6, 30)) == "30/06/2016"
    assert format_date(date(2021, 1, 2)) == "02/01/2021"
    assert format_date(None) == ""


@pytest.mark.parametrize(
    ("part", "base", "decimals", "rounding", "shown"),
    [
        (199, 200, 0, "half_up", "99,5%"),  # not "100%" while a task is open
        (1999, 2000, 1, "half_up", "99,95%"),
        (1, 2000, 1, "down", "0,05%"),  # not "0,0%" once one task is done
        (1, 300, 0, "half_up", "0,3%"),
        (2, 3, 0, "half_up", "67%"),  # an ordinary rate keeps its decimals
        (0, 5, 1, "half_up", "0,0%"),  # none is 0%
        (5, 5, 1, "down", "100,0%"),  # all is 100%
    ],
)
def test_a_rate_that_is_neither_none_nor_all_never_shows_0_or_100(
    part: int, base: int, decimals: int, rounding: str, shown: str
) -> None:
    assert format_percent(part, base, decimals, rounding) == shown  # type: ignore[arg-type]
