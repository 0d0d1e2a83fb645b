"""Create the bundled demo database (data/demo.json), dated relative to today.

    python data/make_demo.py            # keeps a demo already made or used today
    python data/make_demo.py --force    # always rebuild

The tasks come from a fixed seed, so every rebuild on the same day is identical.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from deadline_tui.demo.build import DEMO_COUNT, DEMO_SEED, build_demo

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--path", type=Path, default=HERE / "demo.json")
    parser.add_argument("--count", type=int, default=DEMO_COUNT)
    parser.add_argument("--seed", type=int, default=DEMO_SEED)
    parser.add_argument("--force", action="store_true", help="rebuild even if made today")
    args = parser.parse_args()
    path: Path = args.path
    today = date.today()
    if path.exists() and not args.force and date.fromtimestamp(path.stat().st_mtime) == today:
        print(f"{path}: demo đã có từ hôm nay (dùng --force để tạo lại).")
        return 0
    count = build_demo(path, today, count=args.count, seed=args.seed)
    print(f"{path}: đã tạo {count} đầu việc mẫu.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
