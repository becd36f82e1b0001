"""The benchmark harness: synthetic national-scale ledgers, and the figures that say whether the
ledger keeps up with the event store beneath it.

`python -m bench` generates a realistic import file (`bench.generate`), loads it through
`ledger import` (the real application path) and measures every figure of docs/performance.md
against a reference measured in the same run (`bench.reference`). Nothing here is part of the
test run's pass or fail on timing.
"""
