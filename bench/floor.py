"""The "floor" of DESIGN section 10: start Python, import orjson, read and parse the book,
count its tasks by state. No command that reads the whole book can do less; the budgets
at the desk's size are multiples of this."""

import sys
from collections import Counter

import orjson

with open(sys.argv[1], "rb") as handle:
    tables = orjson.loads(handle.read())
print(dict(Counter(task.get("state") for task in tables["tasks"].values())))
