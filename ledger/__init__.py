"""The governance ledger: an append-only record of what regional partners decided, agreed, budgeted
and did, from which every view and report is rebuilt.

The write side lives here: domain aggregates and their rules (`ledger.domain`), the one application
service through which every write passes (`ledger.application`), the event envelope, storage set-up
and the hash chain that makes tampering evident.
"""

__version__ = "0.1.0"
