"""Writing a report file so that a failure leaves nothing behind.

The file is written to a temporary file in the destination's folder and renamed over the
destination only once complete: an error half-way (a full disk, a bug, Ctrl+C) leaves
the folder as it was, and a reader never sees half a report.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from deadline_tui.durable import replacing
from deadline_tui.errors import InputError
from deadline_tui.i18n import t

FORMATS = (".xlsx", ".docx")


def report_format(path: Path) -> str:
    """The format the file name asks for (".xlsx" or ".docx"); any other is an error."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError("report_format", path=str(path))
    return suffix


def check_destination(path: Path) -> None:
    """Refuse, before any work, a destination that cannot take the file."""
    folder = path.parent
    if not folder.is_dir():
        raise InputError("report_no_folder", path=str(path), folder=str(folder))
    if path.is_dir():
        raise InputError("report_is_folder", path=str(path))
    if path.exists() and not os.access(path, os.W_OK):
        raise InputError("report_not_writable", path=str(path), reason=_reason(PermissionError()))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(
            "report_not_writable", path=str(path), reason=_reason(PermissionError(), folder)
        )


def write_whole(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Run ``write`` on a temporary file beside ``path``, then put it in place at once
    (:func:`deadline_tui.durable.replacing`); a new file is 0600, an old one keeps its
    mode."""
    check_destination(path)
    try:
        with replacing(path, new_mode=0o600) as temp, open(temp, "wb") as stream:
            write(stream)
    except OSError as error:
        raise InputError("report_not_writable", path=str(path), reason=_reason(error)) from None


def _reason(error: OSError, folder: Path | None = None) -> str:
    if isinstance(error, PermissionError):
        if folder is not None:
            return t("report_reason_folder_permission", folder=str(folder))
        return t("report_reason_permission")
    if error.errno == errno.ENOSPC:
        return t("report_reason_disk_full")
    return error.strerror or type(error).__name__
