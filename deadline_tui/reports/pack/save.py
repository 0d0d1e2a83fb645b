"""One entry point for every front end: the file's extension picks the writer."""

from __future__ import annotations

from pathlib import Path

from deadline_tui.reports.pack.content import ReportPack
from deadline_tui.reports.pack.output import report_format, write_whole


def save_pack(pack: ReportPack, path: Path) -> None:
    """Write ``pack`` to ``path`` (.xlsx or .docx), whole or not at all.

    Each writer, and the library it needs, is imported only for its own format.
    """
    if report_format(path) == ".xlsx":
        from deadline_tui.reports.pack.xlsx_pack import write_xlsx

        write_whole(path, lambda stream: write_xlsx(pack, stream))
    else:
        from deadline_tui.reports.pack.docx_pack import write_docx

        write_whole(path, lambda stream: write_docx(pack, stream))
