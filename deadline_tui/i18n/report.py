"""Messages of the report pack (DESIGN section 13): the command, the files' words, the TUI key."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the command
    "help_report": (
        "ghi bộ báo cáo gửi cấp trên ra tệp .xlsx hoặc .docx",
        "write the report pack to a .xlsx or .docx file",
    ),
    "help_report_output": (
        "tệp ghi ra: BÁO_CÁO.xlsx hoặc BÁO_CÁO.docx",
        "output file: REPORT.xlsx or REPORT.docx",
    ),
    "report_done": (
        "Đã ghi báo cáo tính đến ngày {date} ({total} đầu việc, {overdue} quá hạn) vào {path}.",
        "Wrote the report as of {date} ({total} tasks, {overdue} overdue) to {path}.",
    ),
    "report_format": (
        "Không ghi được báo cáo {path}: dùng đuôi .xlsx hoặc .docx.",
        "Cannot write the report {path}: use .xlsx or .docx.",
    ),
    "report_no_folder": (
        "Không ghi được báo cáo {path}: thư mục {folder} không tồn tại.",
        "Cannot write the report {path}: the folder {folder} does not exist.",
    ),
    "report_not_writable": (
        "Không ghi được báo cáo {path}: {reason}. Đóng tệp nếu đang mở ở chương trình khác, hoặc chọn chỗ khác.",
        "Cannot write the report {path}: {reason}. Close the file if another program has it open, or choose another place.",
    ),
    "report_reason_permission": ("không có quyền ghi", "no permission to write"),
    "report_reason_folder_permission": (
        "không có quyền ghi vào thư mục {folder}",
        "no permission to write in the folder {folder}",
    ),
    "report_reason_disk_full": ("đĩa đã đầy", "the disk is full"),
    "report_is_folder": (
        "Không ghi được báo cáo {path}: đó là một thư mục.",
        "Cannot write the report {path}: it is a folder.",
    ),
    # the header block and titles
    "report_nation": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM"),
    "report_motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "report_place_date": (
        "{place}, ngày {day} tháng {month} năm {year}",
        "{place}, {day}/{month}/{year}",
    ),
    "report_place_missing": ("……", "……"),
    "report_title": (
        "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ DO UBND TỈNH GIAO",
        "PROGRESS OF THE TASKS ASSIGNED BY THE PROVINCIAL PEOPLE'S COMMITTEE",
    ),
    "report_subtitle": ("(Tính đến ngày {date})", "(As of {date})"),
    "report_subtitle_period": (
        "(Các đầu việc giao {period}, tính đến ngày {date})",
        "(Tasks assigned in {period}, as of {date})",
    ),
    "report_subtitle_period_due": (
        "(Các đầu việc có hạn xử lý {period}, tính đến ngày {date})",
        "(Tasks due {period}, as of {date})",
    ),
    "report_set_aside": (
        "Ngoài ra có {suspended} đầu việc tạm dừng và {cancelled} đầu việc đã hủy, không tính vào các tỷ lệ trên.",
        "Besides, {suspended} tasks are suspended and {cancelled} cancelled; they are outside every rate above.",
    ),
    "report_set_aside_suspended": (
        "Ngoài ra có {suspended} đầu việc tạm dừng, không tính vào các tỷ lệ trên.",
        "Besides, {suspended} tasks are suspended; they are outside every rate above.",
    ),
    "report_set_aside_cancelled": (
        "Ngoài ra có {cancelled} đầu việc đã hủy, không tính vào các tỷ lệ trên.",
        "Besides, {cancelled} tasks are cancelled; they are outside every rate above.",
    ),
    "report_table_heading": ("1. Kết quả thực hiện theo {by}", "1. Results by {by}"),
    "report_overdue_heading": (
        "2. Danh sách đầu việc quá hạn chưa hoàn thành",
        "2. Overdue tasks not completed",
    ),
    "report_overdue_title": (
        "DANH SÁCH ĐẦU VIỆC QUÁ HẠN CHƯA HOÀN THÀNH",
        "OVERDUE TASKS NOT COMPLETED",
    ),
    "report_no_overdue": ("Không có đầu việc quá hạn.", "No task is overdue."),
    "report_overdue_group": ("{unit} ({count} đầu việc)", "{unit} ({count} tasks)"),
    "report_page": ("Trang {page}", "Page {page}"),
    # group kinds, as the first column's header and in the heading
    "report_by.unit": ("Đơn vị chủ trì", "Lead unit"),
    "report_by.leader": ("Lãnh đạo chỉ đạo", "Leader"),
    "report_by.source": ("Văn bản giao", "Source document"),
    "report_by.follower": ("Chuyên viên theo dõi", "Follower"),
    # the table by group
    "report_col.number": ("STT", "No."),
    "report_col.total": ("Tổng số đầu việc", "Tasks"),
    "report_col.due": ("Đến hạn", "Due"),
    "report_col.due_done": ("Đến hạn đã hoàn thành", "Due and done"),
    "report_col.done_rate": ("Tỷ lệ hoàn thành (so với đến hạn)", "Done rate (of due)"),
    "report_col.done": ("Đã hoàn thành", "Done"),
    "report_col.done_all": ("Tổng", "All"),
    "report_col.on_time": ("Đúng hạn", "On time"),
    "report_col.late": ("Quá hạn", "Late"),
    "report_col.open": ("Đang thực hiện", "Open"),
    "report_col.in_term": ("Trong hạn", "In term"),
    "report_col.overdue": ("Quá hạn", "Overdue"),
    "report_col.no_deadline": ("Không thời hạn", "No deadline"),
    "report_col.shares": ("Tỷ lệ so với tổng số", "Share of all tasks"),
    "report_col.on_time_share": ("Đúng hạn", "On time"),
    "report_col.late_share": ("Quá hạn", "Late"),
    "report_totals": ("Tổng cộng", "Total"),
    # the chart
    "report_chart_title": ("Tình hình thực hiện theo {by}", "Progress by {by}"),
    "report_chart_axis": ("Số đầu việc", "Tasks"),
    "report_chart_most_overdue": (
        "({shown} trong số {total} nhóm, nhiều đầu việc quá hạn nhất)",
        "({shown} of {total} groups, those with most overdue tasks)",
    ),
    # the overdue list
    "report_col.title": ("Nội dung nhiệm vụ", "Task"),
    "report_col.source": ("Văn bản giao", "Source document"),
    "report_col.due_on": ("Hạn xử lý", "Deadline"),
    "report_col.days_overdue": ("Số ngày quá hạn", "Days overdue"),
    "report_col.leader": ("Lãnh đạo chỉ đạo", "Leader"),
    "report_col.id": ("Mã", "ID"),
    # sheet names (at most 31 characters, no []:*?/\)
    "report_sheet_summary": ("Báo cáo", "Report"),
    "report_sheet_overdue": ("Quá hạn", "Overdue"),
    "report_sheet_chart": ("Biểu đồ", "Chart"),
    # the TUI's summary screen
    "report_key": ("Xuất báo cáo", "Write report"),
    "report_ask_file": (
        "Ghi báo cáo ra tệp (.xlsx hoặc .docx):",
        "Write the report to a file (.xlsx or .docx):",
    ),
    "report_ask_write": ("Ghi", "Write"),
    "report_file_name": ("bao-cao-{date}.xlsx", "report-{date}.xlsx"),
    "report_ask_cancel": ("Hủy", "Cancel"),
}
