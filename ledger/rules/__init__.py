"""Rules shared by the write side's aggregates and the read side's views, as pure typed functions
over plain values: no eventsourcing, no storage, no I/O. A rule written here is written once; the
application applies it to a write, a view applies it to what was recorded."""
