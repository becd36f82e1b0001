"""The reference for whole-process figures: open a store with eventsourcing's own persistence
module and save one event, nothing else. The store is given by eventsourcing's environment
variables (PERSISTENCE_MODULE, SQLITE_DBNAME or POSTGRES_*), set by `bench.run`."""

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate


class Thing(Aggregate):
    pass


app = Application()
app.save(Thing())
app.close()
