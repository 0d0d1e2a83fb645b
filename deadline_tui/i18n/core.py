"""Messages shared by every front end: errors, statuses, figures, the command line."""

MESSAGES: dict[str, tuple[str, str]] = {
    # dates and deadline phrases
    "day_off.saturday": ("Thứ Bảy", "Saturday"),
    "day_off.sunday": ("Chủ nhật", "Sunday"),
    "day_off.office": ("Ngày nghỉ của tỉnh", "Province's day off"),
    "day_off.holiday": ("Ngày nghỉ lễ", "Public holiday"),
    "date_unreadable": (
        "Không đọc được ngày \u201c{value}\u201d: ghi theo ngày/tháng/năm, ví dụ 31/01/2021.",
        "Cannot read the date \u201c{value}\u201d: write day/month/year, e.g. 31/01/2021.",
    ),
    "date_not_exist": (
        "Ngày \u201c{value}\u201d không có trong lịch.",
        "The date \u201c{value}\u201d does not exist.",
    ),
    "date_out_of_range": (
        "Năm của ngày \u201c{value}\u201d nằm ngoài khoảng 1900–2200.",
        "The year of \u201c{value}\u201d is outside 1900–2200.",
    ),
    "deadline_unreadable": (
        "Không hiểu thời hạn \u201c{phrase}\u201d. Ghi một ngày (31/01/2021) hoặc một cụm như "
        "\u201ctrước ngày 20 hàng tháng\u201d, \u201cquý III/2021\u201d, \u201cthường xuyên\u201d.",
        "Cannot read the deadline \u201c{phrase}\u201d. Write a date (31/01/2021) or a phrase such as "
        "\u201ctrước ngày 20 hàng tháng\u201d, \u201cquý III/2021\u201d, \u201cthường xuyên\u201d.",
    ),
    "deadline_dated_and_recurring": (
        "Thời hạn \u201c{phrase}\u201d vừa ghi một thời điểm có năm vừa lặp lại định kỳ: giữ một trong "
        "hai.",
        "The deadline \u201c{phrase}\u201d names a dated time and a recurrence at once: keep one of "
        "them.",
    ),
    "deadline_two_dates": (
        "Thời hạn \u201c{phrase}\u201d ghi hai thời hạn: tách thành hai đầu việc, mỗi việc một thời "
        "hạn.",
        "The deadline \u201c{phrase}\u201d gives two deadlines: split it into two tasks, one deadline "
        "each.",
    ),
    "deadline_standing_and_dated": (
        "Thời hạn \u201c{phrase}\u201d vừa là \u201cthường xuyên\u201d (không có hạn) vừa có thời hạn: "
        "giữ một, hoặc tách thành hai đầu việc.",
        "The deadline \u201c{phrase}\u201d is both standing (no deadline) and dated: keep one, or "
        "split it into two tasks.",
    ),
    "deadline_weekday_missing": (
        "Thời hạn \u201c{phrase}\u201d lặp hàng tuần nhưng không nói thứ mấy (ví dụ \u201cthứ Sáu hàng tuần\u201d).",
        "The deadline \u201c{phrase}\u201d repeats weekly but names no weekday (e.g. \u201cthứ Sáu hàng tuần\u201d).",
    ),
}

MESSAGES.update(
    {
        # storage
        "database_damaged": (
            "Không đọc được cơ sở dữ liệu {path} ({reason}). Dữ liệu chưa bị ghi đè. "
            "Bản sao lưu tốt gần nhất: {backup}. Khôi phục bằng lệnh: deadline-tui restore",
            "Cannot read the database {path} ({reason}). Nothing has been overwritten. "
            "Newest good backup: {backup}. Restore it with: deadline-tui restore",
        ),
        "database_damaged_no_backup": (
            "Không đọc được cơ sở dữ liệu {path} ({reason}) và không có bản sao lưu nào đọc được. "
            "Tệp được giữ nguyên để cứu dữ liệu; hãy sao chép nó ra chỗ khác trước khi sửa.",
            "Cannot read the database {path} ({reason}) and no readable backup exists. "
            "The file is left as it is for recovery; copy it somewhere safe before repairing it.",
        ),
        "database_missing": (
            "Không thấy tệp cơ sở dữ liệu {path} dù đã có bản sao lưu (mới nhất đọc được: {backup}). "
            "Không tạo cơ sở dữ liệu trống để tránh che mất dữ liệu. Khôi phục bằng lệnh: deadline-tui restore",
            "The database file {path} is missing although backups exist (newest readable: {backup}). "
            "No empty database is created, so nothing is hidden. Restore with: deadline-tui restore",
        ),
        "database_newer": (
            "Cơ sở dữ liệu {path} do phiên bản mới hơn tạo ra (lược đồ {version}, "
            "chương trình này hiểu đến {supported}). Hãy cập nhật deadline-tui.",
            "The database {path} was written by a newer version (schema {version}; "
            "this program knows up to {supported}). Please update deadline-tui.",
        ),
        "database_busy": (
            "Cơ sở dữ liệu {path} đang bị một tiến trình khác giữ khóa quá lâu. Thử lại sau giây lát.",
            "Another process has held the lock on {path} for too long. Try again in a moment.",
        ),
        "record_damaged": (
            "Bản ghi số {id} trong {path} bị hỏng ({detail}).",
            "Record {id} in {path} is damaged ({detail}).",
        ),
        "task_not_found": (
            "Không có đầu việc \u201c{ref}\u201d.",
            "No task \u201c{ref}\u201d.",
        ),
    }
)

MESSAGES.update(
    {
        # configuration
        "config_invalid": (
            "Cấu hình {file}: khóa \u201c{key}\u201d có giá trị {value} không hợp lệ. Cho phép: {allowed}.",
            "Config {file}: key \u201c{key}\u201d has the invalid value {value}. Allowed: {allowed}.",
        ),
        "config_key_clash": (
            "Cấu hình {file}: phím \u201c{key}\u201d của keys.{binding} đã là phím của "
            "\u201c{other}\u201d ({other_keys}); một phím chỉ làm được một việc. "
            "Chọn phím khác, hoặc đổi cả phím của {other}.",
            "Config {file}: the key \u201c{key}\u201d of keys.{binding} is already the key of "
            "\u201c{other}\u201d ({other_keys}); a key can do only one thing. "
            "Choose another key, or remap {other} too.",
        ),
        "config_key_reserved": (
            "Cấu hình {file}: phím \u201c{key}\u201d của keys.{binding} là phím dành sẵn "
            "({use}). Chọn phím khác.",
            "Config {file}: the key \u201c{key}\u201d of keys.{binding} is reserved "
            "({use}). Choose another key.",
        ),
        "keys.reserved.escape": ("Esc: về bảng, đóng cửa sổ", "Esc: back to the table, close"),
        "keys.reserved.tab": ("Tab: chuyển ô", "Tab: next field"),
        "keys.reserved.enter": ("Enter: chọn, lưu", "Enter: select, save"),
        "keys.reserved.arrows": ("phím di chuyển trong bảng", "moving in the table"),
        "keys.reserved.quit": ("thoát chương trình", "quit"),
        "keys.reserved.palette": ("bảng lệnh", "command palette"),
        "db_flag_empty": (
            "--db được cho một đường dẫn rỗng: hãy ghi đường dẫn sổ hoặc bỏ hẳn --db.",
            "--db was given an empty path: name the book, or leave --db out.",
        ),
        "config_missing": (
            "Không thấy tệp cấu hình {file}.",
            "The config file {file} does not exist.",
        ),
        "config_unreadable": (
            "Không đọc được tệp cấu hình {file}: {detail}",
            "Cannot read the config file {file}: {detail}",
        ),
        "config_syntax": (
            "Tệp cấu hình {file} sai cú pháp TOML: {detail}",
            "The config file {file} is not valid TOML: {detail}",
        ),
    }
)

MESSAGES.update(
    {
        # drafts and changes
        "draft_invalid": ("Dữ liệu chưa hợp lệ:{details}", "Invalid input:{details}"),
        "title_required": ("Chưa nhập nội dung đầu việc.", "The task's title is required."),
        "lead_unit_required": ("Chưa nhập đơn vị chủ trì.", "The lead unit is required."),
        "deadline_before_assigned": (
            "Thời hạn {due} trước ngày giao {assigned}.",
            "The deadline {due} is before the assignment date {assigned}.",
        ),
        "done_before_assigned": (
            "Ngày hoàn thành {done} trước ngày giao {assigned}.",
            "The completion date {done} is before the assignment date {assigned}.",
        ),
        "done_in_future": (
            "Ngày hoàn thành {done} chưa tới.",
            "The completion date {done} is in the future.",
        ),
        "done_recurring": (
            "Đầu việc định kỳ được ghi hoàn thành theo từng kỳ, không ghi khi tạo.",
            "A recurring task is completed occurrence by occurrence, not when it is created.",
        ),
        "extend_reason_required": ("Gia hạn cần ghi lý do.", "An extension needs a reason."),
        "extend_not_later": (
            "Hạn mới {new} phải sau hạn hiện tại {old}.",
            "The new deadline {new} must be after the current one {old}.",
        ),
        "extend_done": (
            "Đầu việc số {id} đã hoàn thành; không gia hạn được.",
            "Task {id} is already done; it cannot be extended.",
        ),
        "extend_before_assigned": (
            "Hạn mới {new} trước ngày giao {assigned}.",
            "The new deadline {new} is before the assignment date {assigned}.",
        ),
        "already_open": ("Đầu việc số {id} đang thực hiện.", "Task {id} is already open."),
        "undo_conflict": (
            "Không hoàn tác được: đầu việc số {id} vừa được thay đổi ở nơi khác.",
            "Cannot undo: task {id} was changed elsewhere in the meantime.",
        ),
        "undo_conflict_back": (
            "Không hoàn tác được việc xóa: đầu việc số {id} đã có lại trong sổ từ sau khi "
            "xóa (chẳng hạn do khôi phục một bản sao lưu); sổ giữ nguyên.",
            "Cannot undo the deletion: task {id} has been back in the book since it was "
            "deleted (a restored backup, say); the book is unchanged.",
        ),
        "nothing_to_undo": ("Không có thao tác nào để hoàn tác.", "Nothing to undo."),
        "saving_before_quit": (
            "Đang lưu các thay đổi vừa yêu cầu trước khi thoát…",
            "Saving the changes just asked for before quitting…",
        ),
        "undo_after_refused": (
            "Thay đổi vừa rồi không được lưu nên không có gì để hoàn tác.",
            "The change just asked for was not saved: there is nothing to undo.",
        ),
        "already_done": (
            "Đầu việc số {id} đã hoàn thành ngày {done}. Ngày hoàn thành là lịch sử: muốn sửa, dùng \u201cdone {id} --on NGÀY --correct --reason LÝ_DO\u201d.",
            "Task {id} was already completed on {done}. A completion date is history: to correct it, use \u201cdone {id} --on DATE --correct --reason TEXT\u201d.",
        ),
        "correct_reason_required": (
            "Sửa ngày hoàn thành cần ghi lý do (--reason).",
            "Correcting a completion date needs a reason (--reason).",
        ),
        "correct_needs_date": (
            "Sửa ngày hoàn thành cần ngày mới (--on).",
            "Correcting a completion date needs the new date (--on).",
        ),
        "correct_not_done": (
            "Đầu việc số {id} chưa hoàn thành: không có ngày hoàn thành để sửa.",
            "Task {id} is not completed: there is no completion date to correct.",
        ),
        "correct_same_date": (
            "Ngày hoàn thành đã là {done}.",
            "The completion date is already {done}.",
        ),
        "correct_explicitly": (
            "Ngày hoàn thành đã ghi ({done}) chỉ sửa được bằng thao tác sửa có lý do (phím d, hoặc \u201cdone ID --on NGÀY --correct --reason LÝ_DO\u201d).",
            "The recorded completion date ({done}) can only be changed by a correction with a reason (key d, or \u201cdone ID --on DATE --correct --reason TEXT\u201d).",
        ),
        "state_before_last_change": (
            "Ngày {on} trước lần thay đổi tình trạng gần nhất ({last}): lịch sử không được viết lại.",
            "{on} is before the last change of state ({last}): history is not rewritten.",
        ),
        "state_in_future": (
            "Ngày {on} chưa đến.",
            "{on} has not come yet.",
        ),
    }
)

MESSAGES.update(
    {
        # periods and the summary sentence
        "period_unreadable": (
            "Không hiểu kỳ báo cáo \u201c{value}\u201d: ghi 2021-07 hoặc \u201ctháng 7/2021\u201d, 2021-Q3 hoặc \u201cquý III/2021\u201d, 2021-H1 hoặc \u201c6 tháng đầu năm 2021\u201d, 2021-9M hoặc \u201c9 tháng năm 2021\u201d, 2021 hoặc \u201cnăm 2021\u201d (năm 1900–2200).",
            "Cannot read the period \u201c{value}\u201d: write 2021-07, 2021-Q3, 2021-H1, 2021-H2, 2021-9M or 2021 (years 1900–2200), or the Vietnamese words (\u201cquý III/2021\u201d).",
        ),
        "period_reversed": (
            "Kỳ báo cáo từ {start} đến {end}: ngày bắt đầu sau ngày kết thúc.",
            "Period from {start} to {end}: the start is after the end.",
        ),
        "period_needs_both": (
            "Ghi cả --from và --to (hoặc dùng --period).",
            "Give both --from and --to (or use --period).",
        ),
        "period_nine_months": ("9 tháng năm {year}", "the first nine months of {year}"),
        "period_range": ("từ {start} đến {end}", "from {start} to {end}"),
        "sentence_scope_period_due": (
            ", trong các đầu việc có hạn xử lý {period}",
            ", among tasks due {period}",
        ),
        "period_month": ("tháng {month}/{year}", "{month}/{year}"),
        "period_quarter": ("quý {quarter}/{year}", "Q{number} {year}"),
        "period_half_1": ("6 tháng đầu năm {year}", "the first half of {year}"),
        "period_half_2": ("6 tháng cuối năm {year}", "the second half of {year}"),
        "period_year": ("năm {year}", "{year}"),
        "sentence_scope_period": (
            ", trong các đầu việc giao {period}",
            ", among tasks assigned in {period}",
        ),
        "sentence_head": ("Tính đến ngày {date}{scope}", "As of {date}{scope}"),
        "sentence_due": (
            "{head}, có {due} đầu việc đến hạn, đã hoàn thành {done} đầu việc, đạt {rate} ({part}/{base})",
            "{head}, {due} tasks were due and {done} of them were completed, {rate} ({part}/{base})",
        ),
        "sentence_none_due": (
            "{head}, chưa có đầu việc nào đến hạn",
            "{head}, no task was due yet",
        ),
        "sentence_overdue": (
            "{count} đầu việc quá hạn chưa hoàn thành.",
            "{count} tasks are overdue and not completed.",
        ),
        "sentence_no_overdue": ("không có đầu việc quá hạn.", "no task is overdue."),
        "sentence_split": (
            "Trong tổng số {total} đầu việc đã giao (không kể tạm dừng, hủy): {on_time} thực hiện đúng hạn "
            "({on_time_part}/{total}) gồm hoàn thành đúng hạn, đang trong hạn và không thời hạn; "
            "{late} xử lý quá hạn ({late_part}/{total}) gồm hoàn thành quá hạn và đang quá hạn.",
            "Of all {total} tasks assigned (suspended and cancelled aside): {on_time} on time "
            "({on_time_part}/{total}), that is done on time, open in term or without deadline; "
            "{late} late ({late_part}/{total}), that is done late or open overdue.",
        ),
    }
)

MESSAGES.update(
    {
        "status_unknown": (
            "Không có tình trạng \u201c{value}\u201d. Chọn một trong: {allowed}.",
            "Unknown status \u201c{value}\u201d. Choose one of: {allowed}.",
        ),
        # status labels (DESIGN section 3)
        "status.done_on_time": ("Hoàn thành đúng hạn", "Done on time"),
        "status.done_late": ("Hoàn thành quá hạn", "Done late"),
        "status.open_in_term": ("Đang thực hiện trong hạn", "Open, in term"),
        "status.open_overdue": ("Đang thực hiện quá hạn", "Open, overdue"),
        "status.no_deadline": ("Không thời hạn / thường xuyên", "No deadline / ongoing"),
        "status.suspended": ("Tạm dừng", "Suspended"),
        "status.cancelled": ("Hủy", "Cancelled"),
        "status.due_soon": ("Sắp đến hạn", "Due soon"),
        "days_overdue": ("quá {days} ngày", "{days} days overdue"),
        "days_left": ("còn {days} ngày", "{days} days left"),
        "due_today": ("đến hạn hôm nay", "due today"),
        "days_late": ("trễ {days} ngày", "{days} days late"),
    }
)

MESSAGES.update(
    {
        "short.done_on_time": ("Xong đúng hạn", "Done on time"),
        "short.done_late": ("Xong quá hạn", "Done late"),
        "short.open_in_term": ("Trong hạn", "In term"),
        "short.open_overdue": ("Quá hạn", "Overdue"),
        "short.no_deadline": ("Không thời hạn", "No deadline"),
        "short.suspended": ("Tạm dừng", "Suspended"),
        "short.cancelled": ("Hủy", "Cancelled"),
        "short.due_soon": ("Sắp đến hạn", "Due soon"),
        "short.due_today": ("Đến hạn hôm nay", "Due today"),
    }
)

MESSAGES.update(
    {
        # task fields (DESIGN section 2)
        "field.id": ("Số / mã", "No. / uid"),
        "field.status": ("Tình trạng", "Status"),
        "field.title": ("Nội dung", "Title"),
        "field.source": ("Văn bản giao", "Source document"),
        "field.lead_unit": ("Đơn vị chủ trì", "Lead unit"),
        "field.support_units": ("Đơn vị phối hợp", "Cooperating units"),
        "field.leader": ("Lãnh đạo chỉ đạo", "Leader"),
        "field.follower": ("Chuyên viên theo dõi", "Follower"),
        "field.assigned_on": ("Ngày giao", "Assigned on"),
        "field.deadline_text": ("Thời hạn (theo văn bản)", "Deadline (as written)"),
        "field.due_on": ("Hạn xử lý", "Due on"),
        "field.original_due_on": ("Hạn ban đầu", "Original deadline"),
        "field.recurrence": ("Định kỳ", "Recurs"),
        "field.done_on": ("Ngày hoàn thành", "Completed on"),
        "field.result": ("Kết quả", "Result"),
        "field.note": ("Ghi chú", "Note"),
        "field.updated_at": ("Cập nhật lúc", "Updated at"),
        "field.extensions": ("Gia hạn", "Extensions"),
        "field.state_history": ("Lịch sử tình trạng", "State history"),
        "history_line_unreadable": (
            "Không đọc được dòng lịch sử \u201c{value}\u201d.",
            "Cannot read the history line \u201c{value}\u201d.",
        ),
        "field.reminders": ("Nhắc việc đã gửi", "Reminders sent"),
        "field.days": ("Còn / quá hạn", "Days left / overdue"),
        "not_assigned_yet": ("Chưa được giao tại ngày này", "Not assigned yet at this date"),
        "no_due": ("không thời hạn", "no deadline"),
        # how a deadline recurs, in DESIGN section 5's words
        "recurs.weekly_on": ("hàng tuần, {weekday}", "weekly, on {weekday}"),
        "recurs.monthly_on": ("hàng tháng, ngày {day}", "monthly, on day {day}"),
        "recurs.monthly_last": ("hàng tháng, ngày cuối tháng", "monthly, on the month's last day"),
        "recurs.quarterly_on": (
            "hàng quý, ngày {day} tháng cuối quý",
            "quarterly, on day {day} of the quarter's last month",
        ),
        "recurs.quarterly_last": (
            "hàng quý, ngày cuối quý",
            "quarterly, on the quarter's last day",
        ),
        "recurs.half_yearly_on": (
            "định kỳ 6 tháng, ngày {first} và {second}",
            "every six months, on {first} and {second}",
        ),
        "recurs.yearly_on": ("hàng năm, ngày {date}", "yearly, on {date}"),
        "recurs.weekday.0": ("thứ Hai", "Monday"),
        "recurs.weekday.1": ("thứ Ba", "Tuesday"),
        "recurs.weekday.2": ("thứ Tư", "Wednesday"),
        "recurs.weekday.3": ("thứ Năm", "Thursday"),
        "recurs.weekday.4": ("thứ Sáu", "Friday"),
        "recurs.weekday.5": ("thứ Bảy", "Saturday"),
        "recurs.weekday.6": ("Chủ nhật", "Sunday"),
        "extension_line": (
            "{recorded}: {old} → {new} — {reason}",
            "{recorded}: {old} → {new} — {reason}",
        ),
        "delivery_line": (
            "{at}: {kind} — {state} ({channel})",
            "{at}: {kind} — {state} ({channel})",
        ),
        "delivery.claimed": ("đang gửi", "being sent"),
        # reminder channels (config [reminders] channels)
        "channel.desktop": ("thông báo trên màn hình", "desktop notification"),
        "channel.toast": ("thông báo trong chương trình", "in-app notice"),
        "channel.bell": ("chuông", "terminal bell"),
        "channel.command": ("lệnh của người dùng", "user command"),
        "channel.stdout": ("đầu ra dòng lệnh", "standard output"),
        "delivery.delivered": ("đã gửi", "delivered"),
        "delivery.superseded": ("gộp vào nhắc sau", "merged into a later reminder"),
        "kind.before": ("trước hạn {days} ngày", "{days} days before the deadline"),
        "kind.due": ("đến hạn hôm nay", "due today"),
        "kind.overdue": ("quá hạn {days} ngày", "{days} days overdue"),
        "kind.digest": ("bản tin hằng ngày", "daily digest"),
    }
)

MESSAGES.update(
    {
        "field.number": ("Số", "No."),
        "field.uid": ("Mã", "uid"),
        "field.deadline": ("Thời hạn", "Deadline"),
    }
)

MESSAGES.update(
    {
        # reminders
        "notice_overdue": ("Quá hạn {days} ngày", "{days} days overdue"),
        "notice_due_today": ("Đến hạn hôm nay", "Due today"),
        "notice_before": ("Còn {days} ngày", "{days} days left"),
        "notice_line": (
            "{head} — số {id} — {unit}: {title}",
            "{head} — no. {id} — {unit}: {title}",
        ),
        "notice_single_title": ("{head}: đầu việc số {id}", "{head}: task {id}"),
        "notice_single_body": ("{title}\n{unit} · hạn {due}", "{title}\n{unit} · due {due}"),
        "notice_digest_title": ("Bản tin đầu việc ngày {date}", "Task digest for {date}"),
        "notice_digest_counts": (
            "Cả sổ hôm nay: {overdue} quá hạn, {due_today} đến hạn hôm nay, {due_soon} sắp đến hạn.",
            "The whole book today: {overdue} overdue, {due_today} due today, {due_soon} due soon.",
        ),
        "notice_more": ("… và {count} đầu việc khác", "… and {count} more tasks"),
        "notice_news": (
            "Mới từ bản tin trước: {overdue} vừa quá hạn, {due_today} đến hạn hôm nay, "
            "{lead} đến mốc nhắc trước hạn.",
            "New since the last digest: {overdue} became overdue, {due_today} due today, "
            "{lead} reaching a reminder lead time.",
        ),
        "notice_no_news": (
            "Không có gì mới từ bản tin trước.",
            "Nothing new since the last digest.",
        ),
        "notice_first_news": (
            "Bản tin đầu tiên của sổ: {overdue} vừa quá hạn, {due_today} đến hạn hôm nay, "
            "{lead} đến mốc nhắc trước hạn.",
            "The book's first digest: {overdue} became overdue, {due_today} due today, "
            "{lead} reaching a reminder lead time.",
        ),
        "notice_first_no_news": (
            "Bản tin đầu tiên của sổ: không có đầu việc nào vừa quá hạn hay đến hạn.",
            "The book's first digest: no task became overdue or came due.",
        ),
        "notice_became_overdue": ("Vừa quá hạn ({count}):", "Became overdue ({count}):"),
        "notice_due_today_list": ("Đến hạn hôm nay ({count}):", "Due today ({count}):"),
        "notice_lead_time": (
            "Đến mốc nhắc trước hạn ({count}):",
            "Reaching a lead time ({count}):",
        ),
        "notice_old_overdue": (
            "Còn quá hạn từ trước ({count}), theo đơn vị chủ trì:",
            "Still overdue from before ({count}), by lead unit:",
        ),
        "digest_overdue_units": (
            "Quá hạn theo đơn vị chủ trì ({count})",
            "Overdue by lead unit ({count})",
        ),
        "notice_unit_line": (
            "{unit}: {count} đầu việc, lâu nhất quá {longest} ngày",
            "{unit}: {count} tasks, longest {longest} days overdue",
        ),
        "notice_more_units": (
            "… và {units} đơn vị khác ({count} đầu việc)",
            "… and {units} more units ({count} tasks)",
        ),
        "channel_unavailable": (
            "Kênh {channel} không dùng được: {reason}",
            "Channel {channel} is unavailable: {reason}",
        ),
        "channel_failed": (
            "Kênh {channel} gửi lỗi: {reason} (ghi vào nhật ký nhắc việc; hôm nay không "
            "báo lại, các kênh khác vẫn gửi)",
            "Channel {channel} failed: {reason} (noted in the reminder log; not repeated "
            "today, the other channels still deliver)",
        ),
    }
)
