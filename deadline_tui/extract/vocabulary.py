"""Words that open a directive ("Tăng cường …", "Rà soát …"), folded.

An item with no unit of its own is a task only when it opens with one of them; a unit
name not in any catalogue ends where one of them begins.
"""

from __future__ import annotations

IMPERATIVES = frozenset(
    word.strip()
    for word in """
    tiep tuc|tang cuong|chu dong|day manh|day nhanh|tap trung|trien khai|thuc hien|chi dao
    ra soat|xay dung|hoan thien|hoan thanh|tham muu|to chuc|kiem tra|dam bao|bao dam
    nang cao|phoi hop|don doc|theo doi|kip thoi|khan truong|quan triet|theo chuc nang|can cu
    de xuat|nghien cuu|ban hanh|huong dan|tuyen truyen|quan ly|uu tien|lam tot|phat huy
    thuong xuyen|bo tri|cung co|kien toan|xu ly|giai quyet|danh gia|tong hop|bao cao
    chu tri|soat xet|chu trong|van dong|giam sat|khac phuc|phan dau|lap|trinh|cap nhat
    dieu chinh|sap xep|thao go|huy dong|quyet liet|nghiem tuc|rut kinh nghiem|tich cuc
    khuyen khich|thu hut|mo rong|tham dinh|phe duyet|bo sung|sua doi|kiem soat|ngan chan
    phong chong|phong ngua|chuan bi|de nghi|yeu cau|giao|khong de|tuyet doi|hoan tat|gui
    xem xet|bam sat|to chuc thuc hien|chi dao thuc hien|tiep nhan|ho tro|cai thien
    rut ngan|don gian hoa
    """.replace("\n", "|").split("|")
    if word.strip()
)

# Words that end a unit's name in running text besides the verbs above.
NAME_STOPS = frozenset({"va", "voi", "cung", "co", "la", "da", "duoc", "chiu", "khan truong"})
