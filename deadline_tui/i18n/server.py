"""Messages of the office server book (DESIGN section 11)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "server_needs_extra": (
        "Sổ trên máy chủ cần gói psycopg: cài bằng lệnh pip install 'deadline-tui[server]'.",
        "The server book needs psycopg: install it with pip install 'deadline-tui[server]'.",
    ),
    "server_unreachable": (
        "Không kết nối được máy chủ cơ sở dữ liệu {host}, cơ sở dữ liệu \u201c{database}\u201d: {reason}",
        "Cannot connect to the database server {host}, database \u201c{database}\u201d: {reason}",
    ),
    "server_failed": (
        "Sổ trên máy chủ {location} không thực hiện được yêu cầu: {reason}. Không có thay đổi nào được lưu dở dang.",
        "The server book {location} could not do it: {reason}. Nothing was saved halfway.",
    ),
    "server_needs_upgrade": (
        "Cơ sở dữ liệu {location} chưa có lược đồ mới nhất (đang ở phiên bản {version}). "
        "Chạy: deadline-tui db upgrade",
        "The database {location} does not have the current schema (it is at version {version}). "
        "Run: deadline-tui db upgrade",
    ),
    "server_conflict": (
        "Đầu việc {id} đã được {who} sửa lúc {at}; tải lại? Thay đổi của bạn chưa được lưu.",
        "Task {id} was changed by {who} at {at}; reload? Your change has not been saved.",
    ),
    "server_backups": (
        "Sổ trên máy chủ {location} được sao lưu bằng pg_dump của bộ phận CNTT, không phải bằng deadline-tui. "
        "Hãy liên hệ người quản trị máy chủ để sao lưu hoặc khôi phục.",
        "The server book {location} is backed up by the IT unit's pg_dump, not by deadline-tui. "
        "Ask the server's administrator to back it up or restore it.",
    ),
    "server_only": (
        "Lệnh này chỉ dùng cho sổ trên máy chủ (postgresql://…); sổ hiện tại là {location}.",
        "This command is for the server book (postgresql://…) only; the current book is {location}.",
    ),
    "db_upgraded": (
        "Đã nâng lược đồ {location} từ phiên bản {old} lên {new}.",
        "Upgraded the schema of {location} from version {old} to {new}.",
    ),
    "db_current": (
        "Lược đồ {location} đã ở phiên bản mới nhất ({new}).",
        "The schema of {location} is already current (version {new}).",
    ),
    "db_pushed": (
        "Đã chuyển {added} đầu việc từ {path} lên {location} ({skipped} đầu việc đã có, bỏ qua).",
        "Moved {added} tasks from {path} to {location} ({skipped} already there, skipped).",
    ),
    "db_push_missing": (
        "Không thấy sổ {path}.",
        "The book {path} does not exist.",
    ),
    "log_empty": (
        "Chưa có thay đổi nào được ghi cho đầu việc {ref}.",
        "No change recorded for task {ref}.",
    ),
    "field.changes": ("Lịch sử thay đổi", "Change log"),
    "log_action_add": ("thêm", "added"),
    "log_action_update": ("sửa", "changed"),
    "log_action_put": ("hoàn tác", "undone"),
    "log_action_delete": ("xóa", "deleted"),
    "log_action_import": ("nhập", "imported"),
    "help_db_command": ("sổ trên máy chủ PostgreSQL", "the PostgreSQL server book"),
    "help_db_upgrade": (
        "tạo hoặc nâng lược đồ cơ sở dữ liệu trên máy chủ",
        "create or migrate the server database's schema",
    ),
    "help_db_push": (
        "chuyển một sổ trên máy (tệp JSON) lên máy chủ",
        "move a desk book (JSON file) to the server",
    ),
    "help_db_push_file": (
        "tệp sổ (tasks.json) hoặc bản sao lưu .json",
        "the book file (tasks.json) or a .json backup",
    ),
    "help_log": ("ai đã sửa gì, lúc nào (sổ trên máy chủ)", "who changed what, when (server book)"),
}
