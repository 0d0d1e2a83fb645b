"""Messages of document extraction (``extract``, ``import`` of a document, the review)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "help_extract": (
        "đọc đầu việc từ văn bản (.txt, .docx, .pdf), không ghi gì vào sổ",
        "read draft tasks from a document (.txt, .docx, .pdf) without writing anything",
    ),
    "help_extract_file": (
        "tệp văn bản: thông báo kết luận, chương trình, kế hoạch",
        "document file: conclusion notice, programme, plan",
    ),
    "help_dated": (
        "ngày của văn bản (khi đầu văn bản không ghi), mốc cho các thời hạn tương đối",
        "the document's date (when its header lacks one), anchor of relative deadlines",
    ),
    "help_yes_import": (
        "với văn bản: nhận mọi đầu việc đọc được, không mở màn hình rà soát",
        "for a document: accept every draft without the review screen",
    ),
    "extract_no_signing_date": (
        "“{phrase}” cần ngày của văn bản mới tính được, nhưng văn bản không ghi ngày ký: "
        "nhập ngày văn bản (--dated) hoặc ghi hạn cụ thể.",
        "“{phrase}” needs the document's date, but the document has no signing date: "
        "give the document's date (--dated) or write the deadline as a date.",
    ),
    "extract_before_cited": (
        "Hạn này sớm hơn ngày {date} của văn bản được trích dẫn, mà văn bản không ghi ngày "
        "ký: có thể là mốc đã qua, không phải hạn; kiểm tra lại.",
        "This deadline is before {date}, the date of a document cited, and the document has "
        "no signing date: it may be a past date, not a limit; check it.",
    ),
    "extract_empty": (
        "Tệp {path} trống: không có chữ nào để đọc.",
        "The file {path} is empty: there is no text to read.",
    ),
    "extract_too_large": (
        "Tệp {path} nặng {size} MB, vượt giới hạn {limit} MB của một văn bản.",
        "The file {path} is {size} MB, over the {limit} MB limit for a document.",
    ),
    "extract_binary": (
        "Tệp {path} không phải văn bản thuần (.txt): có byte nhị phân.",
        "The file {path} is not plain text (.txt): it holds binary bytes.",
    ),
    "extract_doc_not_docx": (
        "Tệp {path} là văn bản Word cũ (.doc) mang đuôi .docx: hãy mở bằng Word/LibreOffice và lưu lại dạng .docx.",
        "The file {path} is an old Word document (.doc) named .docx: open it in Word/LibreOffice and save it as .docx.",
    ),
    "extract_broken": (
        "Tệp {path} không phải tệp {kind} hợp lệ.",
        "The file {path} is not a valid {kind} file.",
    ),
    "extract_broken_detail": (
        "Tệp {path} không phải tệp {kind} đọc được: {detail}",
        "The file {path} is not a readable {kind} file: {detail}",
    ),
    "extract_no_text_layer": (
        "Tệp {path} ({pages} trang) không có lớp chữ: có lẽ là bản quét. Hãy nhận dạng chữ (OCR) trước.",
        "The file {path} ({pages} pages) has no text layer: probably a scan. Run text recognition (OCR) first.",
    ),
    "extract_format": (
        "Không đọc được đầu việc từ {path}: chỉ nhận .txt, .docx, .pdf.",
        "Cannot read tasks from {path}: only .txt, .docx and .pdf are read.",
    ),
    "extract_no_tasks": (
        "Không tìm thấy đầu việc nào trong {path}: không có câu nào giao việc cho một đơn vị.",
        "No task found in {path}: no sentence assigns work to a unit.",
    ),
    "extract_header": (
        "Văn bản: {source} — {count} đầu việc",
        "Document: {source} — {count} drafts",
    ),
    "extract_no_source": ("(không rõ số, ngày)", "(number and date unknown)"),
    "extract_line_deadline": ("Thời hạn: {text}", "Deadline: {text}"),
    "extract_line_lead": ("Chủ trì: {unit}", "Lead: {unit}"),
    "extract_line_support": ("Phối hợp: {units}", "Support: {units}"),
    "extract_no_lead": ("(chưa rõ đơn vị chủ trì)", "(no lead unit found)"),
    "extract_unknown_units": (
        "Đơn vị chưa có trong danh mục, cần xác nhận: {units}",
        "Units not in any list, to be confirmed: {units}",
    ),
    "extract_import_dry": (
        "Sẽ thêm {count} đầu việc từ {path} ({records} bản ghi, kể cả các kỳ của việc định kỳ; nguồn: {source}); chưa ghi gì.",
        "Would add {count} tasks from {path} ({records} records, occurrences of recurring ones included; source: {source}); nothing written.",
    ),
    "extract_import_done": (
        "Đã thêm {count} đầu việc từ {path} ({records} bản ghi, kể cả các kỳ của việc định kỳ; nguồn: {source}).",
        "Added {count} tasks from {path} ({records} records, occurrences of recurring ones included; source: {source}).",
    ),
    "extract_import_needs_review": (
        "Nhập văn bản {path} cần rà soát: chạy trong terminal để mở màn hình rà soát, hoặc dùng --yes (nhận tất cả) hay --dry-run.",
        "Importing the document {path} needs a review: run it in a terminal for the review screen, or use --yes (accept all) or --dry-run.",
    ),
    "extract_draft_problem": (
        "Đầu việc {section} (\u201c{title}\u201d): {message}",
        "Draft {section} (\u201c{title}\u201d): {message}",
    ),
    "extract_import_rejected": (
        "Không ghi gì: {bad}/{count} đầu việc từ {path} chưa dùng được. Hãy rà soát (bỏ --yes) để sửa hoặc bỏ chúng.",
        "Nothing written: {bad} of {count} drafts from {path} cannot be used. Review them (without --yes) to fix or drop them.",
    ),
    "extract_import_cancelled": (
        "Đã hủy: không ghi gì vào sổ.",
        "Cancelled: nothing written to the book.",
    ),
    "file_unreadable": ("Không đọc được tệp {path}: {reason}.", "Cannot read {path}: {reason}."),
    "import_already_running": (
        "Đang nhập một văn bản: xong văn bản đó rồi hãy nhập văn bản khác.",
        "A document is being imported: finish it before importing another.",
    ),
    "extract_duplicates": (
        "Bỏ qua {count} đầu việc đã có trong sổ.",
        "Skipped {count} drafts already in the book.",
    ),
}

MESSAGES.update(
    {
        "review.heading": ("Rà soát đầu việc đọc từ {path}", "Review the drafts read from {path}"),
        "review.dated": ("Ngày văn bản", "Document date"),
        "review.dated_hint": ("ngày giao cho mọi đầu việc", "assignment date of every draft"),
        "review.status": (
            "Đã nhận {accepted}/{total} đầu việc. Space: nhận/bỏ · e: sửa · s: tách · m: gộp với dòng dưới · Ctrl+S: ghi vào sổ · Esc: hủy",
            "{accepted}/{total} drafts accepted. Space: accept/drop · e: edit · s: split · m: merge with the next · Ctrl+S: write to the book · Esc: cancel",
        ),
        "review.key.toggle": ("Nhận/bỏ", "Accept/drop"),
        "review.key.edit": ("Sửa", "Edit"),
        "review.key.split": ("Tách", "Split"),
        "review.key.merge": ("Gộp", "Merge"),
        "review.key.confirm": ("Ghi vào sổ", "Write to the book"),
        "review.key.cancel": ("Hủy", "Cancel"),
        "review.confirm_cancel": (
            "Bỏ việc rà soát? {accepted}/{total} đầu việc đã nhận và những chỗ đã sửa sẽ "
            "không được ghi vào sổ.",
            "Drop this review? The {accepted}/{total} drafts accepted and the edits made "
            "will not be written to the book.",
        ),
        "review.edit_heading": ("Sửa đầu việc {section}", "Edit draft {section}"),
        "review.cannot_split": (
            "Không tách được: nội dung quá ngắn.",
            "Cannot split: the text is too short.",
        ),
        "review.path_heading": ("Nhập đầu việc từ văn bản", "Import tasks from a document"),
        "review.path": ("Tệp (.docx, .pdf, .txt)", "File (.docx, .pdf, .txt)"),
        "review.path_open": ("Đọc", "Read"),
        "review.path_missing": ("Hãy nhập đường dẫn tệp.", "Enter the file's path."),
        "review.done": (
            "Đã thêm {count} đầu việc từ văn bản {source} ({records} bản ghi, kể cả các kỳ của việc định kỳ).",
            "Added {count} tasks from the document {source} ({records} records, occurrences of recurring ones included).",
        ),
        "key.import_document": ("Nhập từ văn bản", "Import from a document"),
        "tip.import_document": (
            "Đọc đầu việc từ thông báo, chương trình, kế hoạch (.docx, .pdf, .txt) và rà soát trước khi ghi",
            "Read tasks from a notice, programme or plan (.docx, .pdf, .txt) and review them before saving",
        ),
    }
)
