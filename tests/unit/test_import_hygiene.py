"""Only the TUI imports Textual (STYLE example 1, DESIGN sections 6 and 10).

In a fresh interpreter, every module of the core (cli, commands, services, reports,
reminders, storage, domain) is imported and ``summary``, ``list`` and ``remind --dry-run``
are run; Textual must not have been imported. The same contract is declared for
import-linter in pyproject.toml; when its ``lint-imports`` executable is installed next
to this interpreter, it must pass.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

PROJECT = Path(__file__).resolve().parents[2]

CORE_PACKAGES = (
    "deadline_tui.commands",
    "deadline_tui.services",
    "deadline_tui.reports",
    "deadline_tui.reminders",
    "deadline_tui.storage",
    "deadline_tui.domain",
    "deadline_tui.extract",
)
# Readers only the document path needs (DESIGN section 12, and python-docx for reports).
DOCUMENT_LIBRARIES = ("docx", "lxml", "pypdf", "rapidfuzz")

PROBE = """
import importlib, io, json, pkgutil, sys
from contextlib import redirect_stderr, redirect_stdout

import deadline_tui.cli
imported = ["deadline_tui.cli"]
for package_name in PACKAGES:
    package = importlib.import_module(package_name)
    imported.append(package_name)
    for module in pkgutil.walk_packages(package.__path__, package_name + "."):
        importlib.import_module(module.name)
        imported.append(module.name)
after_import = sorted(name for name in sys.modules if name.split(".")[0] == "textual")
heavy_after_import = sorted({name.split(".")[0] for name in sys.modules} & set(HEAVY))

codes = {}
deadline_tui.cli.main(["init", DB])
for command in (["summary"], ["list"], ["remind", "--dry-run"]):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        codes[" ".join(command)] = [deadline_tui.cli.main(["--db", DB, *command]), err.getvalue()]
after_commands = sorted(name for name in sys.modules if name.split(".")[0] == "textual")
heavy_after_commands = sorted({name.split(".")[0] for name in sys.modules} & set(HEAVY))
print(json.dumps({"imported": imported, "after_import": after_import,
                  "heavy_after_import": heavy_after_import,
                  "heavy_after_commands": heavy_after_commands,
                  "after_commands": after_commands, "codes": codes}))
"""


def run_probe(script: str, cwd: Path) -> dict[str, Any]:
    """Run ``script`` in a fresh interpreter; the JSON object it prints last."""
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    printed: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return printed


def test_the_core_and_the_headless_commands_never_import_textual(
    isolated: Path, tmp_path: Path
) -> None:
    script = (
        f"PACKAGES = {CORE_PACKAGES!r}\nHEAVY = {DOCUMENT_LIBRARIES!r}\n"
        f"DB = {str(tmp_path / 'tasks.json')!r}\n" + PROBE
    )
    report = run_probe(script, isolated)
    imported = report["imported"]
    # The walk really covered the core: a few modules of each package, by name.
    for module in (
        "deadline_tui.commands.listing",
        "deadline_tui.services.importer",
        "deadline_tui.reports.exports.xlsx_file",
        "deadline_tui.reminders.daemon",
        "deadline_tui.storage.desk",
        "deadline_tui.domain.status",
        "deadline_tui.reports.pack.docx_pack",
        "deadline_tui.extract.document",
    ):
        assert module in imported
    assert report["after_import"] == []
    # The report's writers and the document reader import python-docx (and its lxml),
    # pypdf and rapidfuzz only when they run; the everyday commands never do.
    assert report["heavy_after_import"] == []
    assert report["heavy_after_commands"] == []
    assert report["after_commands"] == []
    for command, (code, errors) in report["codes"].items():
        assert code == 0, (command, errors)
        assert "Traceback" not in errors


REPORT_PROBE = """
import io, json, sys
from contextlib import redirect_stderr, redirect_stdout

import deadline_tui.cli

def heavy():
    return sorted({name.split(".")[0] for name in sys.modules} & {"docx", "textual"})

seen = {}
for name in ("report.xlsx", "report.docx"):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = deadline_tui.cli.main(["--db", DB, "report", "--as-of", "30/11/2026", "-o", name])
    seen[name] = [code, err.getvalue(), heavy()]
print(json.dumps(seen))
"""


def test_python_docx_is_imported_only_to_write_a_docx_report(
    isolated: Path, tmp_path: Path
) -> None:
    from deadline_tui.storage.desk import DeskBook
    from tests.factories import make_task

    db = tmp_path / "tasks.json"
    repo = DeskBook.open_or_create(db)
    repo.add_many([make_task()])
    repo.close()
    seen = run_probe(f"DB = {str(db)!r}\n" + REPORT_PROBE, isolated)
    code, errors, heavy = seen["report.xlsx"]
    assert (code, errors, heavy) == (0, "", [])  # an .xlsx report needs neither
    code, errors, heavy = seen["report.docx"]
    assert (code, errors, heavy) == (0, "", ["docx"])  # python-docx, and still no Textual


def test_importing_the_package_is_cheap(isolated: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import sys, deadline_tui; print(sorted(sys.modules))"],
        capture_output=True,
        text=True,
        cwd=isolated,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded = result.stdout
    for heavy in ("'textual'", "'rich'", "'tinydb'", "'openpyxl'", "'apscheduler'", "'docx'"):
        assert heavy not in loaded


LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is not installed")
def test_the_import_contracts_hold() -> None:
    result = subprocess.run(
        [str(LINT_IMPORTS)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Only the TUI imports Textual KEPT" in result.stdout


# What each everyday command must not import (DESIGN section 10: the start-up of these
# four is most of their time). Heavy libraries first, then what the command line keeps
# off these paths on purpose: shutil (argparse's terminal width while building the
# parser), calendar, decimal (only figures need it), the deadline reader and the drafts
# (only commands that read a date or a draft), the detail view (show).
NEVER_ON_EVERYDAY_COMMANDS = (
    "textual", "rich", "openpyxl", "docx", "lxml", "pypdf", "rapidfuzz", "apscheduler",
    "dateutil", "holidays", "desktop_notifier", "psycopg", "tomllib", "shutil", "calendar",
    "deadline_tui.commands.detail", "deadline_tui.reminders", "deadline_tui.tui",
)  # fmt: skip
NOT_ON = {
    "summary": ("deadline_tui.domain.deadlines", "deadline_tui.services.query"),
    "list --status overdue": ("decimal", "deadline_tui.domain.deadlines"),
    "done 1": (
        "decimal", "deadline_tui.domain.deadlines", "deadline_tui.services.drafts",
        "deadline_tui.reports.figures", "deadline_tui.services.query",
    ),
    "add Báo_cáo --unit Sở_Tài_chính --due 31/12/2030": (
        "decimal", "deadline_tui.reports.figures", "deadline_tui.services.query",
    ),
}  # fmt: skip

COMMAND_PROBE = """
import io, json, sys
from contextlib import redirect_stderr, redirect_stdout

import deadline_tui.cli

out, err = io.StringIO(), io.StringIO()
with redirect_stdout(out), redirect_stderr(err):
    code = deadline_tui.cli.main(["--db", DB, *COMMAND])
print(json.dumps({"code": code, "err": err.getvalue(), "modules": sorted(sys.modules)}))
"""


@pytest.mark.parametrize("command", list(NOT_ON))
def test_the_everyday_commands_import_only_what_they_need(
    command: str, isolated: Path, tmp_path: Path
) -> None:
    from deadline_tui.storage.desk import DeskBook
    from tests.factories import make_task

    db = tmp_path / "tasks.json"
    repo = DeskBook.open_or_create(db)
    repo.add_many([make_task(), make_task(done_on=make_task().assigned_on)])
    repo.close()
    words = [word.replace("_", " ") for word in command.split()]
    report = run_probe(f"DB = {str(db)!r}\nCOMMAND = {words!r}\n" + COMMAND_PROBE, isolated)
    assert report["code"] == 0, report["err"]
    loaded = set(report["modules"])
    unwanted = [
        name
        for name in (*NEVER_ON_EVERYDAY_COMMANDS, *NOT_ON[command])
        if name in loaded or any(module.startswith(name + ".") for module in loaded)
    ]
    assert unwanted == []
