"""Messages of the command line, import, export and backups."""

MESSAGES: dict[str, tuple[str, str]] = {
    "help_program": (
        "Theo dõi, đôn đốc đầu việc. Không có lệnh: mở giao diện TUI.",
        "Track and follow up assigned tasks. Without a command: open the TUI.",
    ),
    "help_config": (
        "tệp cấu hình (hoặc $DEADLINE_TUI_CONFIG)",
        "config file (or $DEADLINE_TUI_CONFIG)",
    ),
    "help_db": (
        "tệp cơ sở dữ liệu hoặc địa chỉ postgresql://… của sổ trên máy chủ (hoặc $DEADLINE_TUI_DB)",
        "database file, or the server book's postgresql://… URL (or $DEADLINE_TUI_DB)",
    ),
    "help_add": ("thêm đầu việc, in ra số của nó", "add a task and print its id"),
    "help_title": ("nội dung / trích yếu", "title"),
    "help_unit": ("đơn vị chủ trì", "lead unit"),
    "help_due": (
        "thời hạn: ngày (31/01/2021) hoặc cụm từ (\u201ctrước ngày 20 hàng tháng\u201d, \u201cthường xuyên\u201d)",
        "deadline: a date (31/01/2021) or a phrase (\u201ctrước ngày 20 hàng tháng\u201d, \u201cthường xuyên\u201d)",
    ),
    "help_source": ("văn bản giao", "source document"),
    "help_assigned": ("ngày giao (mặc định: hôm nay)", "assignment date (default: today)"),
    "help_leader": ("lãnh đạo chỉ đạo", "leader in charge"),
    "help_follower": ("chuyên viên theo dõi", "follower"),
    "help_support": (
        "đơn vị phối hợp (lặp lại được, hoặc cách nhau bằng ;)",
        "cooperating unit (repeatable, or ;-separated)",
    ),
    "help_note": ("ghi chú", "note"),
    "help_id": ("số hoặc mã của đầu việc", "the task's number or uid"),
    "help_edit": (
        "sửa các trường được nêu (kiểm tra như biểu mẫu)",
        "change the fields given (checked as the form checks them)",
    ),
    "help_assigned_edit": ("ngày giao", "assignment date"),
    "help_support_edit": (
        'đơn vị phối hợp, thay cả danh sách (lặp lại được, hoặc cách nhau bằng ;; "" để xóa)',
        'cooperating units, replacing the list (repeatable, or ;-separated; "" to clear)',
    ),
    "help_result": (
        "kết quả (ví dụ số văn bản báo cáo)",
        "result (e.g. the reporting document's number)",
    ),
    "help_undo": (
        "hoàn tác thay đổi gần nhất làm từ dòng lệnh",
        "undo the newest change made from the command line",
    ),
    "help_completion": (
        "in đoạn mã tự hoàn thành lệnh cho bash, zsh hoặc fish",
        "print shell completion for bash, zsh or fish",
    ),
    "help_shell": ("trình shell: bash, zsh, fish", "the shell: bash, zsh, fish"),
    "edit_nothing_given": (
        "Chưa nêu trường nào cần sửa; dùng một hoặc nhiều tùy chọn: {options}.",
        "No field to change was given; use one or more of: {options}.",
    ),
    "cli_edit_unchanged": (
        "Đầu việc số {id} đã đúng như vậy; không ghi gì: {title}",
        "Task {id} is already so; nothing written: {title}",
    ),
    "cli_edited": (
        "Đã sửa đầu việc số {id} ({fields}): {title}",
        "Changed task {id} ({fields}): {title}",
    ),
    "cli_undone": (
        "Đã hoàn tác việc {what} đầu việc số {id}: {title}",
        "Undid the {what} of task {id}: {title}",
    ),
    "undo_history_unwritable": (
        "Không ghi được lịch sử hoàn tác {path} ({reason}); thay đổi này sẽ không hoàn tác "
        "được bằng deadline-tui undo.",
        "Cannot write the undo history {path} ({reason}); this change cannot be undone "
        "with deadline-tui undo.",
    ),
    "undo_history_not_cleared": (
        "Không xóa được lịch sử hoàn tác {path} ({reason}); deadline-tui undo sẽ từ chối "
        "những bước không còn khớp với sổ vừa khôi phục.",
        "Cannot remove the undo history {path} ({reason}); deadline-tui undo refuses the "
        "steps that no longer match the restored book.",
    ),
    "cli_undo_gone": (
        "Không hoàn tác được: đầu việc số {id} không còn trong sổ (đã bị xóa ở nơi khác).",
        "Cannot undo: task {id} is no longer in the book (deleted elsewhere).",
    ),
    "cli_undo.add": ("thêm", "addition"),
    "cli_undo.edit": ("sửa", "edit"),
    "cli_undo.done": ("ghi hoàn thành", "completion"),
    "cli_undo.reopen": ("mở lại", "reopening"),
    "cli_undo.extend": ("gia hạn", "extension"),
    "cli_undo.suspend": ("tạm dừng", "suspension"),
    "cli_undo.cancel": ("hủy", "cancellation"),
    "cli_undo.delete": ("xóa", "deletion"),
    "help_show": ("xem đầy đủ một đầu việc", "show one task in full"),
    "help_done": ("ghi hoàn thành", "mark done"),
    "help_on": (
        "ngày hoàn thành thực tế (mặc định: hôm nay)",
        "real completion date (default: today)",
    ),
    "help_reopen": ("mở lại (thực hiện tiếp)", "reopen"),
    "help_suspend": ("tạm dừng", "suspend"),
    "help_cancel": ("hủy / rút", "cancel"),
    "help_extend": ("gia hạn", "extend the deadline"),
    "help_to": ("hạn mới", "new deadline"),
    "help_reason": ("lý do gia hạn (bắt buộc)", "reason (required)"),
    "help_document": ("văn bản cho phép gia hạn", "approving document"),
    "help_delete": ("xóa hẳn một đầu việc", "delete a task for good"),
    "help_yes": ("xác nhận xóa", "confirm the deletion"),
    "help_list": (
        "liệt kê đầu việc và tình trạng tại ngày xem",
        "list tasks with their status at a cut-off",
    ),
    "help_status": (
        "lọc theo tình trạng, ghi tên tiếng Anh hoặc tiếng Việt (không cần dấu): {allowed}",
        "filter by status, by its English or Vietnamese name (diacritics optional): {allowed}",
    ),
    "help_filter_unit": (
        "lọc theo đơn vị chủ trì (không phân biệt dấu)",
        "filter by lead unit (ignoring diacritics)",
    ),
    "help_filter_source": ("lọc theo văn bản giao", "filter by source document"),
    "help_filter_leader": ("lọc theo lãnh đạo chỉ đạo", "filter by leader"),
    "help_search": (
        "tìm trong nội dung (không phân biệt dấu)",
        "search the text (ignoring diacritics)",
    ),
    "help_as_of": ("xem tại ngày (mặc định: hôm nay)", "cut-off date (default: today)"),
    "help_sort": ("sắp xếp", "sort order"),
    "help_reverse": ("đảo thứ tự", "reverse the order"),
    "help_limit": ("chỉ in N dòng đầu", "print only the first N rows"),
    "help_json": ("in JSON cho chương trình khác", "print JSON for scripts"),
    "help_summary": ("số liệu tổng hợp theo mẫu báo cáo", "report figures"),
    "help_period": (
        "kỳ: 2021-07, 2021-Q3, 2021-H1, 2021-9M, 2021 hoặc \u201cquý III/2021\u201d, \u201c6 tháng đầu năm 2021\u201d...",
        "period: 2021-07, 2021-Q3, 2021-H1, 2021-9M, 2021 or the Vietnamese words (\u201cquý III/2021\u201d)",
    ),
    "help_period_from": ("kỳ từ ngày (cùng --to)", "period from this day (with --to)"),
    "help_period_to": ("kỳ đến ngày (cùng --from)", "period to this day (with --from)"),
    "help_period_by": (
        "chọn đầu việc theo ngày giao (mặc định) hoặc theo hạn xử lý trong kỳ",
        "select tasks by assignment date (default) or by deadline in the period",
    ),
    "help_correct": (
        "sửa ngày hoàn thành đã ghi (cần --on và --reason; được lưu vào lịch sử)",
        "correct a recorded completion date (needs --on and --reason; kept in the history)",
    ),
    "help_correct_reason": ("lý do sửa", "why it is corrected"),
    "help_by": (
        "nhóm theo đơn vị, lãnh đạo, văn bản hoặc chuyên viên theo dõi",
        "group by unit, leader, source or follower",
    ),
    "help_remind": ("gửi các nhắc việc đến hạn rồi thoát", "deliver due reminders and exit"),
    "help_now": (
        "giả lập thời điểm hiện tại, ví dụ \u201c23/11/2026 07:30\u201d",
        "simulate the clock, e.g. \u201c23/11/2026 07:30\u201d",
    ),
    "help_dry_run_remind": ("chỉ in những gì sẽ gửi", "only print what would be sent"),
    "help_daemon": ("chạy liên tục, kiểm tra mỗi phút", "keep running, checking every minute"),
    "help_install": ("cài bộ hẹn giờ systemd cho người dùng", "install a systemd user timer"),
    "help_import": (
        "nhập đầu việc từ CSV, XLSX hoặc bản sao lưu JSON",
        "import tasks from CSV, XLSX or a JSON backup",
    ),
    "help_dry_run_import": ("chỉ kiểm tra, không ghi", "check only, write nothing"),
    "help_allow_duplicates": ("nhập cả các dòng đã có", "import rows already in the book too"),
    "help_export": (
        "xuất ra .csv, .xlsx, .json (sao lưu đầy đủ) hoặc .ics (lịch)",
        "export to .csv, .xlsx, .json (full backup) or .ics (calendar)",
    ),
    "help_backups": ("liệt kê các bản sao lưu", "list the backups"),
    "help_restore": ("khôi phục từ bản sao lưu", "restore a backup"),
    "help_restore_file": (
        "số của bản sao lưu (cột đầu của lệnh backups) hoặc tệp sao lưu "
        "(mặc định: bản tốt mới nhất)",
        "the backup's number (first column of the backups command) or a backup file "
        "(default: newest good one)",
    ),
    "cli_argument_not_utf8": (
        "Tham số thứ {position} (\u201c{value}\u201d) không phải văn bản UTF-8 hợp lệ; "
        "kiểm tra bảng mã của terminal hoặc của tệp lệnh.",
        "Argument {position} (\u201c{value}\u201d) is not valid UTF-8 text; "
        "check the encoding of the terminal or of the script.",
    ),
    "help_version": ("in số phiên bản rồi thoát", "show the version number and exit"),
    "help_limit_invalid": (
        "cần một số nguyên dương, không phải \u201c{value}\u201d",
        "a positive whole number is needed, not \u201c{value}\u201d",
    ),
    # argparse's own texts, by its English message id (see commands/parser.py)
    "argparse.usage: ": ("cách dùng: ", "usage: "),
    "argparse.positional arguments": ("tham số vị trí", "positional arguments"),
    "argparse.options": ("tùy chọn", "options"),
    "argparse.show this help message and exit": (
        "in hướng dẫn này rồi thoát",
        "show this help message and exit",
    ),
    "argparse.%(prog)s: error: %(message)s\n": (
        "%(prog)s: lỗi: %(message)s\n",
        "%(prog)s: error: %(message)s\n",
    ),
    "argparse.argument %(argument_name)s: %(message)s": (
        "tham số %(argument_name)s: %(message)s",
        "argument %(argument_name)s: %(message)s",
    ),
    "argparse.unrecognized arguments: %s": (
        "không hiểu các tham số: %s",
        "unrecognized arguments: %s",
    ),
    "argparse.the following arguments are required: %s": (
        "thiếu các tham số bắt buộc: %s",
        "the following arguments are required: %s",
    ),
    "argparse.one of the arguments %s is required": (
        "cần một trong các tham số %s",
        "one of the arguments %s is required",
    ),
    "argparse.not allowed with argument %s": (
        "không dùng cùng tham số %s",
        "not allowed with argument %s",
    ),
    "argparse.expected one argument": ("cần một giá trị", "expected one argument"),
    "argparse.expected at most one argument": (
        "cần nhiều nhất một giá trị",
        "expected at most one argument",
    ),
    "argparse.expected at least one argument": (
        "cần ít nhất một giá trị",
        "expected at least one argument",
    ),
    "argparse.expected %s argument": ("cần %s giá trị", "expected %s argument"),
    "argparse.expected %s arguments": ("cần %s giá trị", "expected %s arguments"),
    "argparse.ambiguous option: %(option)s could match %(matches)s": (
        "tùy chọn %(option)s không rõ: có thể là %(matches)s",
        "ambiguous option: %(option)s could match %(matches)s",
    ),
    "argparse.ignored explicit argument %r": (
        "bỏ qua giá trị %r không dùng được",
        "ignored explicit argument %r",
    ),
    "argparse.unexpected option string: %s": (
        "tùy chọn không đúng chỗ: %s",
        "unexpected option string: %s",
    ),
    "argparse.invalid choice: %(value)r (choose from %(choices)s)": (
        "không có lựa chọn %(value)r (chọn một trong: %(choices)s)",
        "invalid choice: %(value)r (choose from %(choices)s)",
    ),
    "argparse.invalid %(type)s value: %(value)r": (
        "giá trị %(type)s không hợp lệ: %(value)r",
        "invalid %(type)s value: %(value)r",
    ),
    "argparse.unknown parser %(parser_name)r (choices: %(choices)s)": (
        "không có lệnh %(parser_name)r (các lệnh: %(choices)s)",
        "unknown parser %(parser_name)r (choices: %(choices)s)",
    ),
    "cli_usage_error": ("{prog}: lỗi cú pháp lệnh: {message}", "{prog}: usage error: {message}"),
    "cli_option_value": ("{option}: {problem}", "{option}: {problem}"),
    "cli_internal_error": (
        "Lỗi không mong đợi ({error}). Dữ liệu trên đĩa không bị thay đổi dở dang. "
        "Chạy lại với DEADLINE_TUI_DEBUG=1 để xem chi tiết.",
        "Unexpected error ({error}). Data on disk was not left half-changed. "
        "Run again with DEADLINE_TUI_DEBUG=1 for details.",
    ),
    "cli_added": (
        "Đã thêm đầu việc số {id} (mã {uid}); hạn xử lý: {due} ({text}).",
        "Added task {id} (uid {uid}); due: {due} ({text}).",
    ),
    "cli_added_dated": (
        "Đã thêm đầu việc số {id} (mã {uid}); hạn xử lý: {due}.",
        "Added task {id} (uid {uid}); due: {due}.",
    ),
    "cli_done": (
        "Đầu việc số {id} đã hoàn thành ngày {done}: {title}",
        "Task {id} done on {done}: {title}",
    ),
    "cli_done_corrected": (
        "Đã sửa ngày hoàn thành của đầu việc số {id} thành {done} (lưu trong lịch sử): {title}",
        "Task {id}'s completion date corrected to {done} (kept in the history): {title}",
    ),
    "cli_reopened": ("Đã mở lại đầu việc số {id}: {title}", "Reopened task {id}: {title}"),
    "cli_extended": (
        "Đã gia hạn đầu việc số {id} đến {due}: {title}",
        "Extended task {id} to {due}: {title}",
    ),
    "cli_suspended": ("Đã tạm dừng đầu việc số {id}: {title}", "Suspended task {id}: {title}"),
    "cli_cancelled": ("Đã hủy đầu việc số {id}: {title}", "Cancelled task {id}: {title}"),
    "cli_deleted": ("Đã xóa đầu việc số {id}: {title}", "Deleted task {id}: {title}"),
    "cli_delete_needs_yes": (
        "Xóa hẳn đầu việc số {id} (\u201c{title}\u201d)? Thêm --yes để xác nhận.",
        "Delete task {id} (\u201c{title}\u201d) for good? Add --yes to confirm.",
    ),
    "cli_list_caption": (
        "{count} đầu việc, tình trạng tại ngày {date}",
        "{count} tasks, status as of {date}",
    ),
    "cli_no_backups": (
        "Chưa có bản sao lưu nào của {path}.",
        "There are no backups of {path} yet.",
    ),
    "cli_restored": (
        "Đã khôi phục {path} từ {backup}. Tệp cũ được giữ tại: {kept}",
        "Restored {path} from {backup}. The previous file is kept at: {kept}",
    ),
    "no_backup_numbered": (
        "Không có bản sao lưu số {number} của {path}. Xem các bản sao lưu và số của "
        "chúng bằng: deadline-tui backups",
        "There is no backup number {number} of {path}. See the backups and their numbers "
        "with: deadline-tui backups",
    ),
    "backup_ok": ("đọc được", "readable"),
    "backup_bad": ("HỎNG", "DAMAGED"),
    "no_good_backup": (
        "Không có bản sao lưu nào đọc được cho {path}.",
        "No readable backup of {path}.",
    ),
    "backup_unreadable": (
        "Bản sao lưu {path} không đọc được.",
        "The backup {path} is not readable.",
    ),
    "backup_file_broken": (
        "Tệp sao lưu {path} bị hỏng: {detail}",
        "The backup file {path} is damaged: {detail}",
    ),
    "backup_file_format": (
        "{path} không phải tệp sao lưu của deadline-tui (tạo bằng: deadline-tui export tệp.json).",
        "{path} is not a deadline-tui backup (made with: deadline-tui export file.json).",
    ),
    "col.id": ("Số", "No."),
    "col.status": ("Tình trạng", "Status"),
    "col.due": ("Hạn xử lý", "Due"),
    "col.days": ("Còn / quá", "Left / over"),
    "col.unit": ("Đơn vị chủ trì", "Lead unit"),
    "col.title": ("Nội dung", "Title"),
    "col.group": ("Nhóm", "Group"),
    "grp.due_done": ("HT / đến hạn", "Done / due"),
    "grp.group": ("Nhóm", "Group"),
    "grp.overdue": ("Quá hạn", "Overdue"),
    "grp.total": ("Tổng", "Total"),
    "grp.due": ("Đến hạn", "Due"),
    "grp.on_time": ("HT đúng hạn", "On time"),
    "grp.late": ("HT quá hạn", "Done late"),
    "grp.in_term": ("Trong hạn", "In term"),
    "grp.no_deadline": ("Không thời hạn", "No deadline"),
    "fig.total": ("Tổng số đầu việc", "Tasks"),
    "fig.due": ("Đến hạn", "Due"),
    "fig.due_done": ("Đến hạn đã hoàn thành", "Due and done"),
    "fig.done": ("Đã hoàn thành", "Done"),
    "fig.done_on_time": ("Hoàn thành đúng hạn", "Done on time"),
    "fig.done_late": ("Hoàn thành quá hạn", "Done late"),
    "fig.open_in_term": ("Đang thực hiện trong hạn", "Open, in term"),
    "fig.due_soon": ("  trong đó đến hạn hôm nay, sắp đến hạn", "  of which due today or soon"),
    "fig.open_overdue": ("Đang thực hiện quá hạn", "Open, overdue"),
    "fig.no_deadline": ("Không thời hạn / thường xuyên", "No deadline / ongoing"),
    "fig.suspended": ("Tạm dừng (không tính)", "Suspended (not counted)"),
    "fig.cancelled": ("Hủy (không tính)", "Cancelled (not counted)"),
    "fig.of_due": (" số đến hạn", " of due"),
    "fig.of_total": (" tổng số", " of all"),
    "not_recorded": ("(chưa ghi)", "(not recorded)"),
    "row": ("Dòng", "Row"),
    "import_row_error": (
        "Dòng {row}, cột \u201c{column}\u201d, giá trị \u201c{value}\u201d: {message}",
        "Row {row}, column \u201c{column}\u201d, value \u201c{value}\u201d: {message}",
    ),
    "import_rejected": (
        "Không nhập gì: {bad} trong {rows} dòng có lỗi (xem trên). Cơ sở dữ liệu giữ nguyên. Sửa {path} rồi nhập lại.",
        "Nothing imported: {bad} of {rows} rows have errors (see above). The database is unchanged. Fix {path} and import again.",
    ),
    "import_duplicates": (
        "Bỏ qua {count} dòng đã có trong sổ (dòng {rows}).",
        "Skipped {count} rows already in the book (rows {rows}).",
    ),
    "import_dry_run": (
        "Thử nhập {path}: đọc {rows} dòng, sẽ thêm {count} đầu việc. Chưa ghi gì.",
        "Dry run of {path}: read {rows} rows, would add {count} tasks. Nothing written.",
    ),
    "import_done": ("Đã nhập {count} đầu việc từ {path}.", "Imported {count} tasks from {path}."),
    "import_progress": ("Đang kiểm tra các dòng", "Checking rows"),
    "import_missing": ("Không thấy tệp {path}.", "The file {path} does not exist."),
    "import_format": (
        "Không nhập được {path}: chỉ nhận .csv, .xlsx hoặc .json.",
        "Cannot import {path}: only .csv, .xlsx or .json.",
    ),
    "import_empty": ("Tệp {path} trống.", "The file {path} is empty."),
    "import_not_utf8": (
        "Tệp {path} không phải UTF-8 (byte thứ {position}). Lưu lại với mã UTF-8 (Excel: CSV UTF-8).",
        "The file {path} is not UTF-8 (byte {position}). Save it as UTF-8 (Excel: CSV UTF-8).",
    ),
    "import_csv_broken": (
        "Tệp CSV {path} hỏng ở dòng {line}: {detail}",
        "The CSV file {path} is broken at line {line}: {detail}",
    ),
    "import_too_large": (
        "Tệp {path} quá lớn để nhập (tối đa {limit}).",
        "{path} is too large to import (at most {limit}).",
    ),
    "import_too_many_rows": (
        "Tệp {path} có quá nhiều dòng để nhập (tối đa {limit}).",
        "{path} has too many rows to import (at most {limit}).",
    ),
    "export_failed": (
        "Không ghi được {path}: {detail}. Tệp cũ (nếu có) vẫn nguyên.",
        "Could not write {path}: {detail}. The previous file (if any) is intact.",
    ),
    "date_blank": (
        "để trống: ghi một ngày, ví dụ 31/01/2021.",
        "blank: give a date, e.g. 31/01/2021.",
    ),
    "due_blank": (
        "--due để trống: ghi thời hạn (ngày hoặc cụm như \u201ctrước ngày 20 hàng tháng\u201d, \u201cthường xuyên\u201d).",
        "--due is blank: give a deadline (a date or a phrase such as \u201cthường xuyên\u201d).",
    ),
    "import_xlsx_broken": (
        "Không mở được bảng tính {path}: {detail}",
        "Cannot open the workbook {path}: {detail}",
    ),
    "import_missing_columns": (
        "Tệp {path} thiếu cột: {columns}. Các cột đang có: {found}.",
        "The file {path} lacks the columns: {columns}. Columns found: {found}.",
    ),
    "import_has_errors": (
        "Còn {count} lỗi; không nhập.",
        "{count} errors remain; nothing imported.",
    ),
    "import_backup_dry": (
        "{path} là bản sao lưu có {count} đầu việc. Chưa ghi gì.",
        "{path} is a backup holding {count} tasks. Nothing written.",
    ),
    "import_backup_done": (
        "Đã khôi phục {added} đầu việc; {present} đầu việc đã có nên bỏ qua.",
        "Restored {added} tasks; {present} were already present and skipped.",
    ),
    "export_done": ("Đã xuất {count} mục ra {path}.", "Exported {count} items to {path}."),
    "export_format": (
        "Không xuất được {path}: dùng đuôi .csv, .xlsx, .json hoặc .ics.",
        "Cannot export {path}: use .csv, .xlsx, .json or .ics.",
    ),
    "sheet_tasks": ("Đầu việc", "Tasks"),
    "sheet_summary": ("Tổng hợp", "Summary"),
    "xlsx_count": ("Số lượng", "Count"),
    "xlsx_rate": ("Tỷ lệ", "Rate"),
    "xlsx_base": ("Trên tổng", "Of"),
    "calendar_name": ("Hạn đầu việc", "Task deadlines"),
    "moment_unreadable": (
        "Không hiểu thời điểm \u201c{value}\u201d: ghi \u201c23/11/2026 07:30\u201d hoặc \u201c23/11/2026\u201d.",
        "Cannot read the moment \u201c{value}\u201d: write \u201c23/11/2026 07:30\u201d or \u201c23/11/2026\u201d.",
    ),
    "remind_now_future": (
        "--now \u201c{value}\u201d ở sau giờ thật ({now}): chỉ thử được với --dry-run. "
        "Gửi thật lúc này sẽ ghi các nhắc việc đó là đã gửi và nhắc việc thật của hôm ấy "
        "sẽ không đến.",
        "--now \u201c{value}\u201d is later than the real clock ({now}): use it with "
        "--dry-run only. Delivering now would log those reminders as sent, and the real "
        "reminder of that day would never come.",
    ),
    "remind_nothing_due": ("Không có nhắc việc nào đến hạn.", "No reminder is due."),
    "remind_sent": ("Đã gửi {count} nhắc việc.", "Sent {count} reminders."),
    "remind_undelivered": (
        "{count} nhắc việc chưa gửi được qua kênh nào; lần chạy sau sẽ gửi lại.",
        "{count} reminders could not be sent on any channel; the next run retries them.",
    ),
    "remind_installed": (
        "Đã ghi {service} và {timer}.\nBật bộ hẹn giờ: {enable}\nNếu không dùng systemd, thêm dòng này bằng crontab -e:\n{cron}",
        "Wrote {service} and {timer}.\nEnable the timer: {enable}\nWithout systemd, add this line with crontab -e:\n{cron}",
    ),
}
