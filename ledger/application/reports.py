"""Writes about reports: recording that a kwartaalrapportage went out.

Issuing reads the report itself (the read side, so SQLAlchemy is imported here, on this command
only): the report is built for the chosen horizon, hashed, and the hash, fingerprint and horizon
are recorded with the recipients, with the report's checkpoint: the Merkle tree's size and root
at the position the report was read at, signed with the ledger's key when one is given
(`ledger.proofs.optional_signer`). When the programme's agreement obliges reporting, the same save
records on the agreement that its report was sent, so one act fulfils the duty.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.application.base import LedgerBase, Outcome, Scope
from ledger.dates import parse_date, parse_moment
from ledger.envelope import Envelope
from ledger.errors import AlreadyExists
from ledger.i18n import _

if TYPE_CHECKING:
    from ledger.domain.base import LedgerAggregate


class ReportCommands(LedgerBase):
    def report_text(self, env: Envelope, *, programme: str, quarter: str, part: str,
                    text: str | None = None, items: list[Any] | None = None) -> Outcome:
        """Write one narrative part of the kwartaalrapportage of `programme` for `quarter`
        (`ledger.domain.narrative.PARTS`); writing it again supersedes it from its effective
        date on (default: the quarter's last day, the date the report describes)."""
        from ledger.domain.narrative import ReportNarrative
        from ledger.domain.programme import Programme
        from ledger.rules.narrative import check_part, narrative_key
        from projections.quarterly import parse_quarter

        year, q, _first, last = parse_quarter(quarter)
        quarter_text = f"{year}Q{q}"
        code = str(programme).strip().upper()
        key = narrative_key(code, quarter_text)
        part_name = check_part(part)
        payload = {"programme": code, "quarter": quarter_text, "part": part_name,
                   "text": text, "items": items, "describes": last}

        def build(env: Envelope) -> list[LedgerAggregate]:
            prog = self.get(Programme, code, "programme")
            found = self.find(ReportNarrative, key)
            narrative = found or ReportNarrative.start(env, programme=prog.key,
                                                       quarter=quarter_text)
            narrative.write(env, part=part_name, text=text, items=items,
                            workstreams=set(prog.workstreams))
            return [narrative]

        # Valid time: the text describes the quarter, so it holds from the quarter's last day (the
        # report's --on) unless --on says otherwise; a later correction is read by --as-of.
        return self.execute("report.text", env, payload, build,
                            subject=f"narrative:{key}/{part_name}", effective_from="describes")

    def report_issue(self, env: Envelope, *, programme: str, quarter: str,
                     to: list[str] | None = None, datum: str | date | None = None,
                     key: str | None = None, on: str | date | None = None,
                     as_of: str | int | None = None, lang: str = "nl",
                     key_file: str | None = None) -> Outcome:
        """Record that the kwartaalrapportage of `programme` for `quarter` went out on `datum` to
        the bodies `to` (default: the raden of the agreement's parties), with its checkpoint
        (signed with the key in `key_file`, `$LEDGER_KEY_FILE` or `$LEDGER_KEY` when given)."""
        from ledger.domain.agreement import Agreement
        from ledger.domain.party import Party
        from ledger.domain.programme import Programme
        from ledger.domain.report import IssuedReport
        from ledger.proofs import optional_signer
        from projections.document import data_hash
        from projections.quarterly import check_lang, parse_quarter

        year, q, _first, last = parse_quarter(quarter)
        quarter_text = f"{year}Q{q}"
        code = programme.strip().upper()
        report_key = key or f"{code}-{quarter_text}"
        sent = parse_date(datum, _("date the report went out (--datum)")) if datum \
            else env.effective
        day = parse_date(on, _("report date (--on)")) if on else last
        payload = {"programme": code, "quarter": quarter_text, "to": sorted(to or []),
                   "datum": sent, "key": report_key, "on": day, "as_of": as_of,
                   "lang": check_lang(lang)}

        # The read step, named and outside `build` (which is run again after a conflict): the
        # report is rendered once, from the read side caught up to the log as it stands now,
        # and the event records the position it was read at.
        self.get(Programme, code, "programme")
        signer = optional_signer(key_file)
        upto, fp, doc, anchor = self._render_quarterly(code, quarter_text, day, as_of, sent, lang,
                                                       signer)

        def build(env: Envelope) -> list[LedgerAggregate]:
            prog = self.get(Programme, code, "programme")
            if self.exists(IssuedReport, report_key):
                raise AlreadyExists(_("Report {key} was already issued.").format(key=report_key),
                                    hint=_("Give a re-issued report its own --key, e.g. "
                                           "{key}-v2.").format(key=report_key))
            agreement = self.find(Agreement, prog.agreement)
            recipients = list(to or [])
            if not recipients and agreement is not None:
                recipients = [f"raad:{p}" for p in agreement.parties]
            for body in recipients:
                party = body.partition(":")[2].strip().upper()
                if body.strip().lower().startswith(("raad:", "college:")):
                    self.get(Party, party, "party")
            report = IssuedReport.issue(
                env, key=report_key, programme=code, quarter=quarter_text,
                recipients=recipients, datum=sent, on=day, as_of_position=upto,
                content_hash=data_hash(doc), fingerprint=fp, lang=lang, hash_form="data",
                **anchor)
            touched: list[Any] = [report]
            if agreement is not None and agreement.has_reporting_duty(sent):
                ref_env = env if env.refs else Envelope(
                    env.actor, env.effective, (f"doc:{report_key}",), env.reason, env.command_id,
                    env.corrects, env.effective_given)
                agreement.report(ref_env, datum=sent)
                touched.append(agreement)
            return touched

        return self.execute("report.issue", env, payload, build, subject=f"report:{report_key}",
                            effective_from="datum", scope=Scope(programme=code))

    def _render_quarterly(self, code: str, quarter: str, day: date, as_of: str | int | None,
                          sent: date, lang: str, signer: Any = None
                          ) -> tuple[int, str, Any, dict[str, Any]]:
        """The kwartaalrapportage as it is issued: the read side brought up to the log (inside
        an import's batch, the commands before this one written first), read at `as_of` (default:
        the log's end now) and `day`; with the position read at, the fingerprint there and the
        checkpoint there (`Prover.anchor`)."""
        from ledger.proofs import Prover
        from ledger.storage import RawLog
        from projections.journal import catch_up
        from projections.quarterly import quarterly
        from projections.reading import Horizon, Reader
        from projections.tables import create_tables

        self.flush()
        create_tables(self.store)
        catch_up(self)
        upto = _position(Reader(self.store), as_of)
        with RawLog(self.store) as raw:
            fp = str(raw.fingerprint_at(upto))
            anchor = Prover(raw).anchor(upto, signer)
        doc = quarterly(Reader(self.store, Horizon(day, upto)), code, quarter, lang=lang,
                        fingerprint=fp, datum=sent)
        return upto, fp, doc, anchor


def _position(reader: Any, as_of: str | int | None) -> int:
    if as_of in (None, ""):
        return int(reader.head_position())
    moment = parse_moment(str(as_of))
    return moment if isinstance(moment, int) else int(reader.position_at(moment))
