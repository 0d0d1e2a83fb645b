"""The rules the extractor is built from, one at a time: units, deadlines, cleanup, edits.

Expected values are written out by hand from the Vietnamese text, never computed by the
code under test.
"""

from __future__ import annotations

from datetime import date

import pytest

from deadline_tui.domain.recurrence import Frequency, Recurrence
from deadline_tui.extract import editing, timing
from deadline_tui.extract.cleanup import paragraphs
from deadline_tui.extract.extractor import read_paragraphs
from deadline_tui.extract.header import document_date, document_kind, document_number
from deadline_tui.extract.model import Draft
from deadline_tui.extract.units import catalogue, fold_aligned, resolve_book_spelling

ANCHOR = date(2021, 7, 12)


def unit_at_start(text: str, book: tuple[str, ...] = ()) -> tuple[str, str] | None:
    mention = catalogue(book).find_at(fold_aligned(text), text, 0)
    return (mention.name, mention.kind) if mention else None


@pytest.mark.parametrize(
    ("written", "official"),
    [
        ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
        ("Sở KHĐT", "Sở Kế hoạch và Đầu tư"),
        ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
        ("Sở Lao động, Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội"),
        ("SỞ TÀI CHÍNH", "Sở Tài chính"),
        ("sở giao thông vận tải", "Sở Giao thông vận tải"),
        ("Sở VH,TT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở Văn hoá, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
        ("Văn phòng Uỷ ban nhân dân tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
        ("Ủy ban MTTQ tỉnh", "Ủy ban Mặt trận Tổ quốc tỉnh"),
        ("BQL KKT tỉnh", "Ban Quản lý Khu kinh tế tỉnh"),
        ("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
        ("Sở Nông nghiệp và PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
    ],
)
def test_units_are_resolved_to_their_official_names(written: str, official: str) -> None:
    assert unit_at_start(written + " chủ trì") == (official, "unit")


def test_the_ministry_is_not_the_department() -> None:
    assert unit_at_start("Bộ Kế hoạch và Đầu tư") is None


def test_groups_and_places() -> None:
    assert unit_at_start("các sở, ban, ngành, địa phương tham mưu") == (
        "các sở, ban, ngành, địa phương",
        "collective",
    )
    assert unit_at_start("UBND huyện Cẩm Xuyên: Tập trung") == (
        "Ủy ban nhân dân huyện Cẩm Xuyên",
        "place",
    )


def test_the_book_s_spelling_wins_and_its_own_units_are_known() -> None:
    book = ("Sở Lao động, Thương binh và Xã hội", "Trung tâm Y tế huyện Can Lộc")
    assert resolve_book_spelling("Sở Lao động - Thương binh và Xã hội", book) == book[0]
    assert unit_at_start("Trung tâm Y tế huyện Can Lộc chủ trì", book) == (book[1], "unit")


def drafts_of(text: str, not_before: date | None = ANCHOR) -> list[Draft]:
    return read_paragraphs(paragraphs(text), catalogue(), ANCHOR, not_before)


def test_an_elliptical_list_is_expanded_and_an_unknown_unit_flagged() -> None:
    (draft,) = drafts_of(
        "1. Các Sở: Ngoại vụ, Kế hoạch và Đầu tư, Ban Quản lý Khu kinh tế tỉnh; "
        "các ngành liên quan tham mưu thu hút đầu tư.\n"
    )
    assert draft.lead_unit == "Sở Ngoại vụ"
    assert draft.support_units[:2] == ("Sở Kế hoạch và Đầu tư", "Ban Quản lý Khu kinh tế tỉnh")
    (unknown,) = drafts_of("2. Trung tâm Kiểm soát bệnh tật tỉnh khẩn trương xét nghiệm.\n")
    assert unknown.lead_unit == "Trung tâm Kiểm soát bệnh tật tỉnh"
    assert unknown.unknown_units == ("Trung tâm Kiểm soát bệnh tật tỉnh",)


def test_a_yearly_rule_on_a_month_s_last_day_keeps_its_month() -> None:
    # The reader keeps no day for "trong quý III hằng năm" (the month's last): the scorer's
    # form still names 30/09, not the year's end.
    rule = Recurrence(Frequency.YEARLY, month=9)
    assert timing.recurring_form(rule) == "yearly day 30 month 9"
    assert timing.recurring_form(Recurrence(Frequency.YEARLY, month=12)) == "yearly"


@pytest.mark.parametrize(
    ("sentence", "due", "recurring"),
    [
        ("báo cáo UBND tỉnh trước ngày 30/7/2021", date(2021, 7, 30), None),
        ("hoàn thành trước 31/01/2022", date(2022, 1, 31), None),
        ("trình UBND tỉnh chậm nhất ngày 31/8/2021", date(2021, 8, 31), None),
        ("bàn giao mặt bằng trước ngày 31 tháng 8 năm 2021", date(2021, 8, 31), None),
        ("hoàn thành trong tháng 8/2021", date(2021, 8, 31), None),
        ("hoàn thành chi trả trong quý III/2021", date(2021, 9, 30), None),
        ("hoàn thành trong năm 2021", date(2021, 12, 31), None),
        ("trình trong 15 ngày kể từ ngày ký", date(2021, 7, 27), None),
        ("gửi báo cáo trước ngày 20 hàng tháng", None, "monthly day 20"),
        ("gửi báo cáo trước ngày 20/7", date(2021, 7, 20), None),
    ],
)
def test_deadlines_in_a_task_s_own_text(
    sentence: str, due: date | None, recurring: str | None
) -> None:
    (found,) = timing.find_deadlines(sentence, ANCHOR)
    assert (found.due_on, found.recurring) == (due, recurring)
    assert sentence[found.start : found.end] == found.text


@pytest.mark.parametrize(
    "sentence",
    [
        "theo Nghị quyết số 01/NQ-CP ngày 01/01/2021 của Chính phủ",
        "chịu trách nhiệm trước Chủ tịch UBND tỉnh",
        "tiết kiệm các khoản chi thường xuyên",
        "phấn đấu hoàn thành các chỉ tiêu đến năm 2025",
        "triển khai ngay từ đầu năm 2021",
        "các luật có hiệu lực thi hành trong năm 2021",
        "trình trong 10 ngày làm việc kể từ ngày nhận đủ hồ sơ",
    ],
)
def test_false_friends_are_not_deadlines(sentence: str) -> None:
    assert timing.find_deadlines(sentence, ANCHOR) == []
    (draft,) = drafts_of(f"1. Sở Tài chính {sentence}.\n")
    assert draft.due_on is None and draft.recurring is None


def test_history_before_the_document_is_not_a_deadline() -> None:
    (draft,) = drafts_of(
        "1. Sở Tài nguyên và Môi trường cấp giấy cho đất giao trước ngày 18/12/1980.\n"
    )
    assert draft.due_on is None


def test_a_report_frequency_is_a_recurring_deadline_only_for_a_report() -> None:
    report = "tổng hợp kết quả thực hiện hàng tháng, quý và năm, báo cáo UBND tỉnh"
    found = timing.frequency_deadline(report, ANCHOR)
    assert found is not None and found.recurring == "monthly; quarterly; yearly"
    assert timing.frequency_deadline("xây dựng nhiệm vụ hàng tháng, quý", ANCHOR) is None


def test_a_heading_s_horizon_is_not_copied_onto_its_items() -> None:
    drafts = drafts_of(
        "II. NHIỆM VỤ 6 THÁNG CUỐI NĂM 2021\n\n"
        "1. Sở Y tế:\n\n- Tăng cường kiểm soát dịch bệnh.\n\n"
        "- Báo cáo kết quả trước ngày 30/9/2021.\n"
    )
    assert [(d.lead_unit, d.due_on) for d in drafts] == [
        ("Sở Y tế", None),
        ("Sở Y tế", date(2021, 9, 30)),
    ]


def test_two_deadlines_in_one_item_make_two_tasks() -> None:
    drafts = drafts_of(
        "1. Các sở, ngành gửi báo cáo tháng trước ngày 20 hàng tháng, "
        "báo cáo năm gửi trước ngày 10/12/2021.\n"
    )
    assert [(d.recurring, d.due_on) for d in drafts] == [
        ("monthly day 20", None),
        (None, date(2021, 12, 10)),
    ]
    assert drafts[1].title == "Báo cáo năm gửi trước ngày 10/12/2021"


def test_a_lead_in_hands_its_unit_on_to_the_items_below() -> None:
    drafts = drafts_of(
        "Để chủ động ứng phó mùa mưa bão, yêu cầu UBND các huyện, thành phố, thị xã "
        "thực hiện tốt các nội dung sau:\n"
        "- Rà soát phương án sơ tán dân.\n"
        "- Sở Y tế chuẩn bị cơ số thuốc.\n"
        "Giao nhiệm vụ cụ thể như sau:\n"
        "- Kiểm tra các hồ đập.\n"
    )
    assert [(d.lead_unit, d.collective) for d in drafts] == [
        ("UBND các huyện, thành phố, thị xã", True),
        ("Sở Y tế", False),
        (None, False),
    ]


def test_a_unit_addressed_through_its_head_leads() -> None:
    drafts = drafts_of(
        "1. Giám đốc Sở Công Thương chỉ đạo kiểm tra hệ thống điện tại các chợ.\n"
        "2. Chủ tịch UBND huyện Can Lộc: Kiện toàn đội dân phòng.\n"
        "3. Đài Phát thanh và Truyền hình tỉnh, Báo Hà Tĩnh mở chuyên mục tuyên truyền.\n"
    )
    assert [(d.lead_unit, d.support_units, d.unknown_units) for d in drafts] == [
        ("Sở Công Thương", (), ()),
        ("Ủy ban nhân dân huyện Can Lộc", (), ()),
        ("Đài Phát thanh và Truyền hình tỉnh", ("Báo Hà Tĩnh",), ("Báo Hà Tĩnh",)),
    ]


def test_narrative_past_and_meetings_are_not_tasks() -> None:
    text = (
        "Ngày 08/7/2021, Chủ tịch UBND tỉnh chủ trì cuộc họp về giải ngân.\n"
        "1. Sở Xây dựng đã hoàn thành rà soát quy hoạch. Giao Sở Xây dựng tiếp tục đôn đốc "
        "các chủ đầu tư.\n"
        "Văn phòng UBND tỉnh thông báo để các sở, ngành biết, thực hiện./.\n"
    )
    (draft,) = drafts_of(text)
    assert draft.lead_unit == "Sở Xây dựng"
    assert draft.title == "Tiếp tục đôn đốc các chủ đầu tư"


def test_cleanup_footnotes_page_breaks_and_the_closing_blocks() -> None:
    text = (
        "1. Sở Tài chính¹ bố trí kinh phí[footnoteRef:2] cho Cuộc\n\n"
        "vận động [2: Theo Báo cáo số 1/BC-STC.] đúng hạn.\n\n"
        "Nơi nhận:\n- Sở Y tế;\n\nTM. ỦY BAN NHÂN DÂN\n"
    )
    found = paragraphs(text)
    assert [p.text for p in found] == [
        "1. Sở Tài chính bố trí kinh phí cho Cuộc vận động đúng hạn."
    ]
    assert found[0].start == 0 and text[found[0].end - 1] == "."


def test_the_header_gives_number_kind_and_date() -> None:
    header = "ỦY BAN NHÂN DÂN\nSố: 80/TB-UBND\nHà Tĩnh, ngày 12 tháng 7 năm 2021\nTHÔNG BÁO\n"
    assert document_number(header) == "80/TB-UBND"
    assert document_kind(header, "80/TB-UBND") == "Thông báo"
    assert document_date(header) == date(2021, 7, 12)


def test_split_and_merge() -> None:
    draft = Draft(
        section="2",
        title="Rà soát hồ sơ; báo cáo UBND tỉnh trước ngày 30/7/2021",
        text="",
        span=(0, 10),
        lead_unit="Sở Tài chính",
        deadline_text="trước ngày 30/7/2021",
        due_on=date(2021, 7, 30),
    )
    halves = editing.split(draft, ANCHOR)
    assert halves is not None
    first, second = halves
    assert (first.title, first.due_on) == ("Rà soát hồ sơ", None)
    assert (second.title, second.due_on) == (
        "Báo cáo UBND tỉnh trước ngày 30/7/2021",
        date(2021, 7, 30),
    )
    assert first.lead_unit == second.lead_unit == "Sở Tài chính"
    merged = editing.merge(first, second)
    assert merged.title == "Rà soát hồ sơ; báo cáo UBND tỉnh trước ngày 30/7/2021"
    assert merged.due_on == date(2021, 7, 30)
    edited = editing.edited(
        merged,
        title="Rà soát hồ sơ",
        lead_unit="Sở Xây dựng",
        support_units=(),
        deadline="trong tháng 8/2021",
        anchor=ANCHOR,
    )
    assert (edited.lead_unit, edited.due_on) == ("Sở Xây dựng", date(2021, 8, 31))


def test_a_phrase_the_reader_refuses_is_shown_not_guessed() -> None:
    found = timing.frequency_deadline("gửi Sở Y tế trước 16 giờ hằng ngày", ANCHOR)
    assert found is not None
    assert found.text == "trước 16 giờ hằng ngày"
    assert (found.due_on, found.recurring) == (None, None)
    assert "trước 16 giờ hằng ngày" in found.problem
    weekly = timing.frequency_deadline("báo cáo UBND tỉnh hằng tuần vào thứ Sáu", ANCHOR)
    assert weekly is not None and (weekly.recurring, weekly.problem) == ("weekly", "")
