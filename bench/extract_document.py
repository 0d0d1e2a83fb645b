"""``extract`` of a 50-page document, as a whole process (issue 16: ≤ 2 s).

A page of an administrative document (A4, Times New Roman 13–14) holds about 3.000
characters; the document is built from this repository's own annotated notice and plan
text, repeated with renumbered items until it reaches 50 pages, in each format.

    python -m bench.extract_document [--runs 5]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAGE_CHARS = 3000
PAGES = 50
DOCUMENTS = Path(__file__).resolve().parents[1] / "tests" / "data" / "documents"


def fifty_pages() -> str:
    """A notice body repeated, each copy's items renumbered, to 50 pages."""
    body = (DOCUMENTS / "notice_conclusion.txt").read_text(encoding="utf-8")
    head, _, rest = body.partition("II. NHIỆM VỤ")
    items, _, tail = rest.partition("Văn phòng UBND tỉnh thông báo")
    parts = [head]
    copy = 0
    while sum(map(len, parts)) < PAGE_CHARS * PAGES:
        copy += 1
        parts.append(f"{copy + 1}. NHIỆM VỤ ĐỢT {copy}{items}")
    parts.append("Văn phòng UBND tỉnh thông báo" + tail)
    return "".join(parts)


def _docx(text: str, path: Path) -> None:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    executable = shutil.which("deadline-tui") or str(Path(sys.executable).with_name("deadline-tui"))
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        text = fifty_pages()
        files = [folder / "fifty.txt"]
        files[0].write_text(text, encoding="utf-8")
        _docx(text, folder / "fifty.docx")
        files.append(folder / "fifty.docx")
        if shutil.which("soffice"):
            subprocess.run(
                [
                    "soffice",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    scratch,
                    str(files[0]),
                ],
                check=True,
                capture_output=True,
            )
            files.append(folder / "fifty.pdf")
        print(f"{len(text):,} characters ≈ {len(text) / PAGE_CHARS:.0f} pages")
        for path in files:
            times, cpu = [], []
            for _ in range(args.runs):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                result = subprocess.run(
                    [executable, "--db", str(folder / "none.json"), "extract", str(path), "--json"],
                    capture_output=True,
                    check=False,
                )
                times.append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
                assert result.returncode == 0, result.stderr
            drafts = result.stdout.count(b'"section"')
            print(
                f"{path.suffix}: median {statistics.median(times):.2f} s, "
                f"max {max(times):.2f} s over {args.runs} runs (CPU median "
                f"{statistics.median(cpu):.2f} s: the wall time on a busy machine waits for a "
                f"core), {drafts} drafts"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
