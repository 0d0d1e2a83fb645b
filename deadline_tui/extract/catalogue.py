"""The usual units of a province, by their full official names.

A unit is resolved against these and against the units already in the book; a name in
neither is shown to the reviewer as unknown, never invented. Place-bound units
("Ủy ban nhân dân huyện Cẩm Xuyên") are recognised by their pattern in ``units``.
"""

from __future__ import annotations

# The departments (sở) by their field; "Sở " is prefixed, and the field alone is
# accepted after an elliptical "Các Sở: Ngoại vụ, Kế hoạch và Đầu tư, …".
DEPARTMENT_FIELDS = (
    "Nội vụ",
    "Tư pháp",
    "Kế hoạch và Đầu tư",
    "Tài chính",
    "Công Thương",
    "Nông nghiệp và Phát triển nông thôn",
    "Nông nghiệp và Môi trường",
    "Giao thông vận tải",
    "Xây dựng",
    "Tài nguyên và Môi trường",
    "Thông tin và Truyền thông",
    "Lao động - Thương binh và Xã hội",
    "Văn hóa, Thể thao và Du lịch",
    "Văn hóa và Thể thao",
    "Du lịch",
    "Khoa học và Công nghệ",
    "Giáo dục và Đào tạo",
    "Y tế",
    "Ngoại vụ",
    "Dân tộc và Tôn giáo",
)

OTHER_UNITS = (
    "Văn phòng Ủy ban nhân dân tỉnh",
    "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh",
    "Văn phòng Hội đồng nhân dân tỉnh",
    "Thanh tra tỉnh",
    "Ban Dân tộc tỉnh",
    "Ban Quản lý Khu kinh tế tỉnh",
    "Ban Quản lý các khu công nghiệp tỉnh",
    "Ban Thi đua - Khen thưởng tỉnh",
    "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
    "Cục Thuế tỉnh",
    "Cục Hải quan tỉnh",
    "Cục Thống kê tỉnh",
    "Kho bạc Nhà nước tỉnh",
    "Chi nhánh Ngân hàng Nhà nước tỉnh",
    "Bảo hiểm xã hội tỉnh",
    "Đài Phát thanh và Truyền hình tỉnh",
    "Báo tỉnh",
    "Ủy ban Mặt trận Tổ quốc tỉnh",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    "Liên đoàn Lao động tỉnh",
    "Hội Liên hiệp Phụ nữ tỉnh",
    "Hội Nông dân tỉnh",
    "Hội Cựu chiến binh tỉnh",
    "Tỉnh đoàn",
    "Liên minh Hợp tác xã tỉnh",
    "Trung tâm Hỗ trợ phát triển doanh nghiệp và Xúc tiến đầu tư tỉnh",
    "Trung tâm Phục vụ hành chính công tỉnh",
    "Văn phòng điều phối thực hiện Chương trình Mục tiêu quốc gia xây dựng nông thôn mới",
    "Văn phòng điều phối nông thôn mới tỉnh",
    "Ủy ban nhân dân tỉnh",
    "Ủy ban nhân dân cấp huyện",
    "Ủy ban nhân dân cấp xã",
    "Ủy ban nhân dân các huyện, thành phố, thị xã",
    "Ủy ban nhân dân các xã, phường, thị trấn",
    "Hội đồng nhân dân tỉnh",
    "Hội đồng nhân dân các huyện, thành phố, thị xã",
    "Các Ban Hội đồng nhân dân tỉnh",
    "Công ty Điện lực tỉnh",
)

# Offices the text names but that never lead a provincial task: the ministry with the
# department's field ("Bộ Kế hoạch và Đầu tư") must not be read as the department.
MINISTRY_PREFIXES = ("Bộ",)


def all_units() -> tuple[str, ...]:
    """Every built-in unit name."""
    return tuple(f"Sở {field}" for field in DEPARTMENT_FIELDS) + OTHER_UNITS
