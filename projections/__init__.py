"""The read side: views rebuilt from the log.

`journal` keeps one row per event (its envelope, payload and the subjects it touched), pulled from
the notification log from a tracked position at the start of every read. Every other module here is
one view: a pure `apply(state, entry)` fold over journal entries plus the query that selects the
entries it needs. Because a view is a fold over entries filtered by effective date (valid time) and
log position (transaction time), `--on` and `--as-of` are indexed range queries on the journal,
never a replay of the whole log.
"""
