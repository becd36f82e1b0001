"""Issued reports: the record that a report went out, so that it can be reproduced and compared.

An issued report keeps what is needed to rebuild it exactly: programme, quarter, the date it
describes (`on`, valid time) and the log position it was made from (`as_of_position`, transaction
time), plus the SHA-256 of its content and the ledger's fingerprint at that position. Rebuilding it
later from the same horizon must give the same hash; rebuilding it from "now" shows what changed
since it went out (`ledger report diff`).

It also keeps the report's **checkpoint**: the Merkle tree's size and root hash at that position
(RFC 9162, `ledger.tree`), and the checkpoint signed with the ledger's key when the ledger had one
at issue (`checkpoint`, a C2SP signed note; None when it had none). With it, an outsider checks
proofs that the events behind the report's figures are in the ledger the raad saw, and that
today's ledger extends it (`ledger report prove`, `ledger audit check`).

`hash_form` says what the content hash covers: `data` (the report's figures and texts as JSON,
`projections.document.data_hash`: the same in every wording of the ledger) or `document` (the
whole rendered document, the form of reports issued before version 2 of the event: a later
wording of a heading changes that hash, so such a report is compared by its figures instead).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.dates import show_date
from ledger.domain.base import LedgerAggregate
from ledger.domain.decision import check_body
from ledger.envelope import Envelope
from ledger.errors import InvalidInput
from ledger.i18n import _
from ledger.rules.names import check_key


class IssuedReport(LedgerAggregate):
    KIND = "report"
    if TYPE_CHECKING:  # state, set by the events' apply methods
        programme: str
        quarter: str
        recipients: list[str]
        datum: date
        on: date
        as_of_position: int
        content_hash: str
        fingerprint: str
        lang: str
        tree_size: int | None
        tree_root: str | None
        checkpoint: str | None
        hash_form: str

    class Issued(LedgerAggregate.Created):
        class_version = 2
        programme: str
        quarter: str
        recipients: list[str]
        datum: date
        on: date
        as_of_position: int
        content_hash: str
        fingerprint: str
        lang: str
        tree_size: int | None
        tree_root: str | None
        checkpoint: str | None
        hash_form: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            # Issued before reports carried their checkpoint, hashed over the rendered document.
            state.update(tree_size=None, tree_root=None, checkpoint=None, hash_form="document")

        def apply(self, r: IssuedReport) -> None:
            r.key, r.programme, r.quarter = self.key, self.programme, self.quarter
            r.recipients, r.datum, r.on = list(self.recipients), self.datum, self.on
            r.as_of_position, r.content_hash = self.as_of_position, self.content_hash
            r.fingerprint, r.lang = self.fingerprint, self.lang
            r.tree_size, r.tree_root, r.checkpoint = self.tree_size, self.tree_root, self.checkpoint
            r.hash_form = self.hash_form

        def subjects(self, key: str) -> list[str]:
            return [f"report:{key}", f"programme:{self.programme}"]

    @classmethod
    def issue(cls, env: Envelope, *, key: str, programme: str, quarter: str,
              recipients: list[str], datum: date, on: date, as_of_position: int,
              content_hash: str, fingerprint: str, lang: str, tree_size: int | None = None,
              tree_root: str | None = None, checkpoint: str | None = None,
              hash_form: str = "data") -> IssuedReport:
        key = check_key(key, _("report key"))
        if not recipients:
            raise InvalidInput(_("Report {key} goes to no one.").format(key=key),
                               hint=_("Pass --to raad:GM0518 for every raad it went to."))
        if datum < on:
            raise InvalidInput(_("Report {key} describes {on} but would have gone out on {datum}, "
                                 "before that date.").format(key=key, on=show_date(on),
                                                             datum=show_date(datum)),
                               hint=_("Check --datum and --on."))
        return cls._register(cls.Issued, env, key, programme=programme, quarter=quarter,
                             recipients=sorted({check_body(r) for r in recipients}), datum=datum,
                             on=on, as_of_position=as_of_position, content_hash=content_hash,
                             fingerprint=fingerprint, lang=lang, tree_size=tree_size,
                             tree_root=tree_root, checkpoint=checkpoint, hash_form=hash_form)

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "programme": self.programme, "quarter": self.quarter,
                "recipients": self.recipients, "datum": self.datum.isoformat(),
                "on": self.on.isoformat(), "as_of_position": self.as_of_position,
                "content_hash": self.content_hash, "fingerprint": self.fingerprint,
                "lang": self.lang, "tree_size": self.tree_size, "tree_root": self.tree_root,
                "checkpoint": self.checkpoint, "hash_form": self.hash_form}
