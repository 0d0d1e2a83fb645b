"""Messages about the book file itself: odd paths, a missing book, init, backups, restore."""

MESSAGES: dict[str, tuple[str, str]] = {
    "book_unusable": (
        "Không dùng được tệp sổ {path}: {reason}. Không có gì bị thay đổi.",
        "Cannot use the book file {path}: {reason}. Nothing was changed.",
    ),
    "book_write_failed": (
        "Không ghi được sổ {path}: {reason}. Tệp sổ vẫn nguyên như trước.",
        "Cannot write the book {path}: {reason}. The book is as it was.",
    ),
    "book_not_flushed": (
        "Đã ghi sổ {path}, nhưng chưa đẩy được xuống đĩa ({reason}): thay đổi đã nằm trong "
        "tệp sổ, nhưng có thể mất nếu mất điện ngay bây giờ.",
        "The book {path} was written but could not be flushed to disk ({reason}): the change "
        "is in the book, but may be lost if the power fails now.",
    ),
    "book_read_only": (
        "Sổ {path} chỉ được đọc, không được ghi ({reason}). Không có gì bị thay đổi.",
        "The book {path} may be read but not written ({reason}). Nothing was changed.",
    ),
    "reason_not_regular": (
        "không phải một tệp thường (thư mục, FIFO hay thiết bị)",
        "not a regular file (a folder, a FIFO or a device)",
    ),
    "reason_always_changing": (
        "một chương trình khác cứ ghi vào tệp trong lúc đọc ({tries} lần thử)",
        "another program kept writing to the file while it was read ({tries} tries)",
    ),
    "reason_empty": ("tệp trống", "the file is empty"),
    "reason_not_book": ("không phải tệp sổ TinyDB", "not a TinyDB book"),
    "reason_uid_twice": ("hai đầu việc trùng một mã", "two tasks share one uid"),
    "book_missing": (
        "Không có sổ {path}. Kiểm tra lại đường dẫn (--db), hoặc tạo sổ mới bằng: "
        "deadline-tui init {path}",
        "There is no book at {path}. Check the path (--db), or create a new book with: "
        "deadline-tui init {path}",
    ),
    "book_created": (
        "Đã tạo sổ mới tại {path}.",
        "Created a new book at {path}.",
    ),
    "book_exists": (
        "Đã có sổ tại {path} ({count} đầu việc); không tạo lại.",
        "A book already exists at {path} ({count} tasks); nothing was created.",
    ),
    "export_onto_book": (
        "Không xuất ra {path}: đó chính là tệp sổ. Hãy chọn tệp khác.",
        "Not exporting to {path}: that is the book itself. Choose another file.",
    ),
    "task_changed_meanwhile": (
        "Đầu việc số {id} vừa được thay đổi ở nơi khác; thay đổi của bạn chưa được lưu. "
        "Màn hình đã hiện bản mới nhất: hãy xem lại rồi làm lại.",
        "Task {id} was changed elsewhere meanwhile; your change has not been saved. "
        "The screen shows it as it is now: look again and redo it.",
    ),
    "backup_line": (
        "{number}\t{date}\t{count} đầu việc\t{path}",
        "{number}\t{date}\t{count} tasks\t{path}",
    ),
    "backup_line_bad": (
        "{number}\t{date}\tHỎNG\t{path}",
        "{number}\t{date}\tDAMAGED\t{path}",
    ),
    "restore_compare": (
        "Khôi phục {path} từ {backup}: sổ hiện có {now} đầu việc, bản sao lưu có {then} đầu việc.",
        "Restore {path} from {backup}: the book holds {now} tasks now, the backup {then}.",
    ),
    "restore_now_unreadable": ("không đọc được", "unreadable"),
    "restore_ask": ("Tiếp tục? [c/K] ", "Go on? [y/N] "),
    "restore_cancelled": (
        "Không khôi phục; sổ giữ nguyên. (Dùng --yes để không hỏi.)",
        "Not restored; the book is unchanged. (Use --yes to skip the question.)",
    ),
    "restore_done": (
        "Đã khôi phục {path} từ {backup}. Sổ trước đó được giữ thành bản sao lưu {kept}.",
        "Restored {path} from {backup}. The previous book is kept as the backup {kept}.",
    ),
    "help_init": ("tạo một sổ trống", "create an empty book"),
    "help_init_path": ("đường dẫn tệp sổ mới", "path of the new book file"),
    "help_restore_yes": ("không hỏi lại (cho script)", "do not ask (for scripts)"),
}
