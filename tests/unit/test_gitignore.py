"""What the program writes beside a book in data/ never goes into git: the book, its
undo history, its lock, temporary files and backups (the demo book holds real-looking
titles once changed, and a user's book lives there too)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "name",
    [
        "data/demo.json",
        "data/demo.json.undo",
        "data/tasks.json.undo",
        "data/demo.json.lock",
        "data/.demo.json.undo.tmp-42-abc",
        "data/backups/demo-000001.json",
    ],
)
def test_files_written_beside_a_book_in_data_are_ignored(name: str) -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    # --no-index: the answer is the patterns', whatever the index holds.
    found = subprocess.run(["git", "check-ignore", "--no-index", "-q", name], cwd=ROOT, check=False)
    assert found.returncode == 0, f"{name} is not ignored by .gitignore"
