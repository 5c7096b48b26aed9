"""The store: the only code that runs SQL. Reads return DataFrames; every write
of a record goes through :func:`tracker.store.records.apply_changes`."""
