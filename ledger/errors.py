"""The one hierarchy of errors a user can cause.

Every refusal of the ledger is a `LedgerError` carrying one plain sentence (what is wrong) and,
where it helps, a hint (how to fix it). The CLI prints them on stderr and exits 1; nothing is
written when one is raised. Errors that are not `LedgerError`s are bugs.
"""

from __future__ import annotations


class LedgerError(Exception):
    """A refused command: one sentence saying what is wrong, and a hint how to fix it."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class InvalidInput(LedgerError):
    """A value given by the user cannot be understood (a malformed date, amount, code, URL)."""


class NotFound(LedgerError):
    """The command names something the ledger does not know."""


class AlreadyExists(LedgerError):
    """The command would create something that already exists."""


class RuleViolation(LedgerError):
    """The command breaks a rule of the agreements (a budget below zero, a plustaak too small)."""


class AuthorityError(RuleViolation):
    """The decision named as authority cannot carry this event (unknown, voorgenomen, withdrawn,
    expired, or of a body without the mandate)."""


class IdempotencyConflict(LedgerError):
    """A command id was reused with a different payload."""


class StoreError(LedgerError):
    """The store cannot be reached or is not initialised."""


class IntegrityFailure(LedgerError):
    """The hash chain or a fingerprint does not verify."""

    exit_code = 3
