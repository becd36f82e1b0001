"""The domain: one module per aggregate, each holding its events (past participles, declared as
classes so projections can import them), its command methods and the `check_*` rules they enforce.
Nothing here does I/O."""
