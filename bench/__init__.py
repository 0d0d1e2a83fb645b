"""The benchmark instrument of DESIGN section 10 (speed budgets).

Run it with ``python -m bench`` (or ``make bench``); ``python -m bench --help`` lists the
options. It measures whole processes against baselines run in the same session
(a minimal Textual app, Taskwarrior) and writes ``bench/RESULTS.md``. It is never part
of CI: timings depend on the machine, so they are read by people, not asserted by tests.
"""
