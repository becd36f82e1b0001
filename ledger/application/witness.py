"""Witnessing another holder's checkpoint (`ledger audit witness`; ledger/domain/witness.py).

`witness` is not an import command (its name has no group prefix, so `write_commands` leaves it
out): it needs the holder's signed checkpoint and this ledger's private key, neither of which
belongs in an import file.
"""

from __future__ import annotations

import base64
import json
from typing import TYPE_CHECKING, Any

from ledger.application.base import Built, LedgerBase, Outcome
from ledger.envelope import Envelope
from ledger.errors import IntegrityFailure, InvalidInput
from ledger.i18n import _, ngettext

if TYPE_CHECKING:
    from ledger.note import Signer


class WitnessCommands(LedgerBase):
    def witness(self, env: Envelope, *, checkpoint: str, holder_key: str, signer: Signer,
                proof: str | None = None) -> Outcome:
        """Check the holder's `checkpoint` (a signed note) against this ledger and record the
        outcome: cosigned when both hold the same tree at its size, a split view when the roots
        differ. A checkpoint larger than this ledger needs `proof`, a consistency proof from a
        checkpoint of this ledger to it (made by the holder's copy)."""
        import time

        from ledger.domain.witness import WitnessedHolder
        from ledger.note import Note, NoteError, Verifier, read_checkpoint
        from ledger.proofs import Prover
        from ledger.storage import RawLog

        try:
            key = Verifier.parse(holder_key)
            cp, note = read_checkpoint(checkpoint, key)
        except NoteError as e:
            raise InvalidInput(str(e), hint=_("Give the holder's checkpoint file and the public "
                                              "key it was signed with (--key).")) from None
        if cp.origin == signer.name:
            raise InvalidInput(_("The checkpoint is this ledger's own ({origin}): a ledger does "
                                 "not witness itself.").format(origin=cp.origin),
                               hint=_("Witness the checkpoint of another holder's copy."))
        root = base64.b64encode(cp.root).decode()
        with RawLog(self.store) as raw:
            prover = Prover(raw)
            size = prover.size()
            own = prover.tree.root(min(cp.size, size))
            if cp.size > size:
                self.check_ahead(prover, cp, proof, size)
        same = cp.size > size or own == cp.root
        payload = {"origin": cp.origin, "size": cp.size, "root": root}

        def build(env: Envelope) -> Built:
            holder = self.find(WitnessedHolder, cp.origin) or WitnessedHolder.open(env, cp.origin)
            detail: dict[str, Any] = {"origin": cp.origin, "size": cp.size, "root": root,
                                      "consistent": same}
            if same:
                signature = signer.cosign(note, int(time.time()))
                holder.cosigned(env, size=cp.size, root=root, checkpoint=str(note),
                                holder_key=str(key), cosignature=signature.line())
                detail["cosigned"] = str(Note(note.text, (*note.signatures, signature)))
            else:
                holder.split_view(env, size=cp.size, root=root,
                                  own_root=base64.b64encode(own).decode(),
                                  checkpoint=str(note), holder_key=str(key))
                detail["own_root"] = base64.b64encode(own).decode()
            return Built([holder], detail)

        return self.execute("audit.witness", env, payload, build, subject=f"witness:{cp.origin}")

    @staticmethod
    def check_ahead(prover: Any, cp: Any, proof: str | None, size: int) -> None:
        """A copy ahead of this ledger: a consistency proof from this ledger's tree to the
        holder's checkpoint must be given, and check."""
        from ledger import merkle
        from ledger.note import Checkpoint, Note, NoteError

        if proof is None:
            raise InvalidInput(
                _("The checkpoint is of {size} events, this ledger holds {own}: its consistency "
                  "with this ledger needs a proof.").format(size=cp.size, own=size),
                hint=_("Ask the holder for `ledger audit prove consistency --from <a checkpoint "
                       "of this ledger> --to <their checkpoint>` and pass it with --proof."))
        try:
            data = json.loads(proof)
            first = Checkpoint.of(Note.parse(data["from"]))
            second = Checkpoint.of(Note.parse(data["to"]))
            path = [base64.b64decode(h, validate=True) for h in data["path"]]
        except (ValueError, KeyError, TypeError, NoteError):
            raise InvalidInput(_("The --proof file is not a consistency proof of the ledger."),
                               hint=_("Give the JSON `ledger audit prove consistency` writes.")) \
                from None
        if (second.size, second.root) != (cp.size, cp.root):
            raise InvalidInput(_("The --proof does not end at the checkpoint being witnessed."),
                               hint=_("Ask for a proof to exactly that checkpoint."))
        if first.size > size or prover.tree.root(first.size) != first.root:
            raise IntegrityFailure(
                ngettext("The --proof starts from a tree of {n} event that is not this "
                         "ledger's: the copy and this ledger differ.",
                         "The --proof starts from a tree of {n} events that is not this "
                         "ledger's: the copy and this ledger differ.", first.size).format(
                    n=first.size),
                hint=_("Compare both with their exports; see docs/auditors-guide.md."))
        try:
            merkle.verify_consistency(first.size, cp.size, first.root, cp.root, path)
        except merkle.ProofError as e:
            raise IntegrityFailure(
                _("The holder's checkpoint does not extend this ledger: {error}.").format(error=e),
                hint=_("Compare both with their exports; see docs/auditors-guide.md.")) from None
