"""Writes about a programme's budget: allocate, reserve, spend, release, shift, fund, and the
balance assertions (assert, accept) that check printed figures against the ledger's own."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ledger.application.base import Built, LedgerBase, Outcome, Scope
from ledger.domain.receipt import as_mapping
from ledger.envelope import Envelope
from ledger.errors import InvalidInput, NotFound
from ledger.i18n import _
from ledger.money import format_eur, parse_amount

if TYPE_CHECKING:  # the aggregates are imported where they are used
    from ledger.domain.budget import Budget
    from ledger.domain.programme import Programme


def parse_shares(shares: dict[str, Any] | list[str] | None) -> dict[str, Decimal]:
    """Per-party amounts, from `{GM0546: 120000}` or `["GM0546:120000", ...]`."""
    if not shares:
        return {}
    items = shares.items() if isinstance(shares, dict) else [
        tuple(str(s).split(":", 1)) if ":" in str(s) else (s, None) for s in shares]
    parts: dict[str, Decimal] = {}
    for party, amount in items:
        if amount is None or not str(party).strip():
            raise InvalidInput(_("'{share}' is not a share.").format(share=party),
                               hint=_("Write a share as PARTY:AMOUNT, e.g. GM0518:120000."))
        key = str(party).strip().upper()
        if key in parts:
            raise InvalidInput(_("The share of {party} is given twice.").format(party=key),
                               hint=_("Give each party once."))
        parts[key] = parse_amount(amount, allow_zero=False)
    return parts


class BudgetCommands(LedgerBase):
    def _budget(self, env: Envelope, programme: str) -> tuple[Programme, Budget]:
        from ledger.domain.budget import Budget
        from ledger.domain.programme import Programme

        prog = self.look(Programme, programme, "programme")  # looked at, never changed here
        budget = self.find(Budget, prog.key) or Budget.open(env, prog.key)
        return prog, budget

    def budget_allocate(self, env: Envelope, *, programme: str, workstream: str, year: int | str,
                        amount: str | int, decision: str | None = None) -> Outcome:
        from ledger.domain.budget import parse_year

        payload = {"programme": programme, "workstream": workstream, "year": year,
                   "amount": amount, "decision": decision}

        def build(env: Envelope) -> list[Budget]:
            prog, budget = self._budget(env, programme)
            ws, y = prog.workstream(workstream), prog.check_year(parse_year(year))
            prog.check_date(env.effective, _("an allocation"))
            if decision:
                self.require_authority(decision, env.effective, act="budget.allocate",
                                       scope=Scope(programme=prog.key),
                                       amount=parse_amount(amount, allow_zero=False),
                                       purpose=_("an allocation to {workstream} {year}").format(
                                           workstream=ws, year=y))
            budget.allocate(env, workstream=ws, year=y, amount=amount, decision=decision)
            return [budget]

        return self.execute("budget.allocate", env, payload, build,
                            scope=Scope(programme=str(programme).strip().upper(), amount=amount),
                            subject=f"budget:{str(programme).upper()}/{str(workstream).upper()}/{year}")

    def budget_reserve(self, env: Envelope, *, programme: str, workstream: str, year: int | str,
                       amount: str | int, purpose: str, reservation: str | None = None) -> Outcome:
        from ledger.domain.budget import parse_year

        payload = {"programme": programme, "workstream": workstream, "year": year,
                   "amount": amount, "purpose": purpose, "reservation": reservation}

        def build(env: Envelope) -> Built:
            prog, budget = self._budget(env, programme)
            ws, y = prog.workstream(workstream), prog.check_year(parse_year(year))
            prog.check_date(env.effective, _("a reservation"))
            made = budget.reserve(env, workstream=ws, year=y, amount=amount, purpose=purpose,
                                  reservation=reservation)
            return Built([budget], {"reservation": made})

        return self.execute("budget.reserve", env, payload, build,
                            scope=Scope(programme=str(programme).strip().upper(), amount=amount),
                            subject=f"budget:{str(programme).upper()}")

    def budget_spend(self, env: Envelope, *, programme: str, amount: str | int, reference: str,
                     workstream: str | None = None, year: int | str | None = None,
                     reservation: str | None = None, description: str | None = None) -> Outcome:
        from ledger.domain.budget import parse_year
        from ledger.domain.decision import Decision

        payload = {"programme": programme, "amount": amount, "reference": reference,
                   "workstream": workstream, "year": year, "reservation": reservation,
                   "description": description}

        def build(env: Envelope) -> Built:
            prog, budget = self._budget(env, programme)
            ws = prog.workstream(workstream) if workstream else None
            y = prog.check_year(parse_year(year)) if year not in (None, "") else None
            if y is None and ws is not None and reservation is None:
                y = prog.check_year(env.effective.year)
            prog.check_date(env.effective, _("spending"))
            ref = str(reference or "").strip()
            if ref.lower().startswith("besluit:"):
                # The spending's own reference is held to the same test as --decision.
                if not self.exists(Decision, ref.split(":", 1)[1]):
                    raise NotFound(_("The reference {ref} names no decision in the ledger.").format(
                        ref=ref), hint=_("Record the decision first with `ledger decision "
                                         "record`."))
                self.require_authority(ref.split(":", 1)[1], env.effective, act="budget.spend",
                                       scope=Scope(programme=prog.key),
                                       amount=parse_amount(amount, allow_zero=False),
                                       purpose=_("spending"), reference=True)
            made = budget.spend(env, amount=amount, reference=reference, workstream=ws, year=y,
                                reservation=reservation, description=description)
            return Built([budget], dict(made))

        return self.execute("budget.spend", env, payload, build,
                            scope=Scope(programme=str(programme).strip().upper(), amount=amount),
                            subject=f"budget:{str(programme).upper()}")

    def budget_release(self, env: Envelope, *, programme: str, reservation: str) -> Outcome:
        payload = {"programme": programme, "reservation": reservation}

        def build(env: Envelope) -> Built:
            _prog, budget = self._budget(env, programme)
            released = budget.release(env, reservation=reservation)
            return Built([budget], {"released": released})

        return self.execute("budget.release", env, payload, build,
                            scope=Scope(programme=str(programme).strip().upper()),
                            subject=f"reservation:{str(programme).upper()}/{reservation}")

    def budget_shift(self, env: Envelope, *, programme: str, amount: str | int, decision: str,
                     from_workstream: str, from_year: int | str,
                     to_workstream: str | None = None, to_year: int | str | None = None) -> Outcome:
        from ledger.domain.budget import parse_year

        payload = {"programme": programme, "amount": amount, "decision": decision,
                   "from_workstream": from_workstream, "from_year": from_year,
                   "to_workstream": to_workstream, "to_year": to_year}

        def build(env: Envelope) -> list[Budget]:
            prog, budget = self._budget(env, programme)
            src_ws = prog.workstream(from_workstream)
            dst_ws = prog.workstream(to_workstream) if to_workstream else src_ws
            src_y = prog.check_year(parse_year(from_year))
            dst_y = prog.check_year(parse_year(to_year)) if to_year not in (None, "") else src_y
            prog.check_date(env.effective, _("a shift"))
            value = parse_amount(amount, allow_zero=False)
            purpose = _("a budget shift of {amount}").format(amount=format_eur(value))
            found = self.require_authority(decision, env.effective, purpose=purpose,
                                           act="budget.shift", scope=Scope(programme=prog.key),
                                           amount=value)
            budget.shift(env, from_workstream=src_ws, from_year=src_y, to_workstream=dst_ws,
                         to_year=dst_y, amount=value, decision=found.key)
            return [budget]

        return self.execute("budget.shift", env, payload, build,
                            scope=Scope(programme=str(programme).strip().upper(), amount=amount),
                            subject=f"budget:{str(programme).upper()}")

    def budget_fund(self, env: Envelope, *, programme: str, source_kind: str | None = None,
                    source: str | None = None, amount: str | int | None = None,
                    shares: dict[str, Any] | list[str] | None = None,
                    year: int | str | None = None, by_agreement: bool = False) -> Outcome:
        """Record funding. `shares` gives each party's amount; with `by_agreement`, the amount
        is divided by the verdeelsleutel of the agreement the programme runs under, among the
        parties bound on the effective date, to the cent."""
        from ledger.domain.budget import parse_year
        from ledger.domain.party import Party

        payload = {"programme": programme, "source_kind": source_kind, "source": source,
                   "amount": amount, "shares": as_mapping(shares, ":"), "year": year,
                   "by_agreement": by_agreement}

        def build(env: Envelope) -> Built:
            made: dict[str, Any] = {}
            prog, budget = self._budget(env, programme)
            y = prog.check_year(parse_year(year)) if year not in (None, "") else None
            kind, sharing = source_kind, None
            if by_agreement:
                if shares:
                    raise InvalidInput(_("Funding by the agreement's verdeelsleutel computes "
                                         "each party's share itself, so it takes no shares."),
                                       hint=_("Leave out --share, or leave out --by-agreement."))
                if amount in (None, ""):
                    raise InvalidInput(_("Funding by the agreement's verdeelsleutel needs the "
                                         "amount to divide."),
                                       hint=_("Pass --amount, e.g. 2000000."))
                sharing = self._shares_by_agreement(prog, amount, env)
                parts = {s["party"]: s["share"] for s in sharing["shares"]}
                kind = kind or "gemeenten"
                made.update(agreement=sharing["agreement"],
                            verdeelsleutel=sharing["verdeelsleutel"],
                            shares=parts)
            else:
                parts = parse_shares(shares)
            for party in parts:
                self.look(Party, party, "party").check_not_void()
            budget.fund(env, source_kind=kind, source=source, amount=amount, shares=parts,
                        year=y, agreement=sharing["agreement"] if sharing else None,
                        verdeelsleutel=sharing["verdeelsleutel"] if sharing else None)
            return Built([budget], made)

        return self.execute("budget.fund", env, payload, build,
                            scope=Scope(programme=str(programme).strip().upper(), amount=amount),
                            subject=f"budget:{str(programme).upper()}")

    def _shares_by_agreement(self, prog: Programme, amount: str | int,
                             env: Envelope) -> dict[str, Any]:
        """The shares of `amount` under the verdeelsleutel of the agreement `prog` runs under,
        on the effective date; refused unless that agreement is in werking then."""
        from ledger.domain.agreement import Agreement

        agreement = self.look(Agreement, prog.agreement, "agreement")
        agreement.check_in_force(
            env.effective, _("Programme {programme} cannot be funded by the verdeelsleutel of "
                             "agreement {agreement}").format(programme=prog.key,
                                                             agreement=agreement.key))
        value = parse_amount(amount, allow_zero=False)
        return self.agreement_shares(agreement.key, value, env.effective)

    def budget_assert(self, env: Envelope, *, programme: str, column: str, amount: str | int,
                      document: str, year: int | str | None = None,
                      workstream: str | None = None, assertion: str | None = None) -> Outcome:
        """Record a figure as a report printed it (the werkstroom's row, or the total row when
        no werkstroom is given) and compare it with the ledger's own figure on `--on`."""
        from ledger.domain.budget import parse_year

        payload = {"programme": programme, "column": column, "amount": amount,
                   "document": document, "year": year, "workstream": workstream,
                   "assertion": assertion}

        def build(env: Envelope) -> Built:
            prog, budget = self._budget(env, programme)
            ws = prog.workstream(workstream) if workstream else None
            y = parse_year(year) if year not in (None, "") else env.effective.year
            made = budget.assert_figure(env, workstream=ws, column=column, year=y, amount=amount,
                                        document=document, assertion=assertion)
            return Built([budget], dict(made))

        return self.execute("budget.assert", env, payload, build,
                            scope=Scope(programme=str(programme).strip().upper()),
                            subject=f"budget:{str(programme).upper()}")

    def budget_accept(self, env: Envelope, *, programme: str, assertion: str) -> Outcome:
        """Accept a failing assertion with an explanation (`--reason`): it no longer counts as a
        problem, and the difference stays visible."""
        from ledger.domain.budget import Budget
        from ledger.domain.programme import Programme

        payload = {"programme": programme, "assertion": assertion}

        def build(env: Envelope) -> Built:
            budget = self.find(Budget, str(programme).strip())
            if budget is None:
                self.get(Programme, programme, "programme")
                raise NotFound(_("Programme {key} has no budget yet.").format(
                    key=str(programme).upper()),
                    hint=_("Allocate budget first with `ledger budget allocate`."))
            difference = budget.accept(env, assertion=assertion)
            return Built([budget], {"difference": difference})

        return self.execute("budget.accept", env, payload, build,
                            scope=Scope(programme=str(programme).strip().upper()),
                            subject=f"assertion:{str(programme).upper()}/{assertion}")
