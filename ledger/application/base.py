"""The machinery every write shares: opening the store, idempotency, atomic saves, lookups.

`LedgerBase.execute` is the one path of a write: check the command id's receipt, build the events
through the aggregates (whose rules may refuse), then save every touched aggregate and the receipt
in one transaction. A concurrent writer that got there first makes the save fail on a version
conflict (only a taken key of an event or receipt counts as one, `ledger/recording.py`; any other
refusal of the database is told at once, nothing written); the command is then rebuilt from fresh
state and its rules checked again (safe: nothing was written, and the rules see the other writer's
events), at once after one collision and from the second in the turn of the subjects it collided on
(`subjects_turn`): writers that collided on the same aggregates take turns rather than starve each
other, and writers on other aggregates never wait; a command that still collides after `PATIENCE`
seconds is refused with a sentence.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application, project_aggregate
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Mapper, PersistenceError, StoredEvent, Transcoding

from ledger.application.batch import Batch, BatchingRepository
from ledger.dates import parse_date, show_date
from ledger.domain.base import LedgerAggregate
from ledger.domain.receipt import CommandReceipt, canonical
from ledger.envelope import Envelope
from ledger.errors import (
    AuthorityError,
    IdempotencyConflict,
    LedgerError,
    NotFound,
    RuleViolation,
    StoreError,
)
from ledger.i18n import N_, _
from ledger.money import parse_amount
from ledger.recording import KeyTaken
from ledger.storage import (
    BULK_CACHE,
    DEFAULT_CACHE,
    RawLog,
    Store,
    check_initialised,
    denied,
    parse_url,
    subjects_turn,
)

if TYPE_CHECKING:  # the aggregates are imported where they are used
    from ledger.domain.decision import Decision
    from ledger.rules.authority import Context, Facts

A = TypeVar("A", bound=LedgerAggregate)
TURN_AFTER = 2  # collisions after which a command waits for its subjects' turn (`subjects_turn`)
PATIENCE = 30.0  # seconds a command keeps being rebuilt before it is refused (docs/reliability.md)

# What `get` names in a refusal ("There is no party 'GM9999' in the ledger."), by the `what` its
# callers pass; a `what` not listed here is shown as given.
WHAT = {"agreement": N_("agreement"), "decision": N_("decision"), "indicator": N_("indicator"),
        "meekoppelkans": N_("meekoppelkans"), "party": N_("party"), "party key": N_("party key"),
        "programme": N_("programme"), "routekaart": N_("Routekaart"),
        "Routekaart": N_("Routekaart"), "topic": N_("topic")}
# The command that lists what the ledger knows of each kind (named in a "no such ..." refusal).
LISTED_BY = {"agreement": "ledger agreement list", "decision": "ledger decision list",
             "indicator": "ledger indicator list PROGRAMMA", "meekoppelkans": "ledger meekoppel list",
             "party": "ledger party list", "programme": "ledger programme list",
             "routekaart": "ledger routekaart list", "topic": "ledger workstream show PROGRAMMA/WS",
             "budget": "ledger programme list", "report": "ledger report list"}
# The payload fields an effective date can default to (`execute`'s `effective_from`), as a date
# of what they are in a refusal of a malformed date.
DATE_FIELDS = {"datum": N_("date"), "ingangsdatum": N_("ingangsdatum"),
               "peildatum": N_("peildatum"), "describes": N_("reporting date")}


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


@dataclass(frozen=True)
class SignedStoredEvent(StoredEvent):
    """A stored event with its signature (hex) and the signing key's id (ledger/signing.py): the
    recorders store both with the chain link, which covers them."""

    key_id: str = ""
    signature: str = ""


class SigningMapper(Mapper[UUID]):
    """The application's mapper, which also signs: with a signing key given, each event recorded
    for the key's actor is signed when its stored bytes are made (the bytes the signature covers
    are exactly those stored)."""

    signer: Any = None  # a `ledger.signing.SigningKey`, with `actor` beside it
    actor: str | None = None

    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        stored = super().to_stored_event(domain_event)
        if self.signer is None or getattr(domain_event, "actor", None) != self.actor:
            return stored
        from ledger.signing import message

        oid = stored.originator_id
        msg = message(str(self.actor), self.signer.id,
                      oid.hex if isinstance(oid, UUID) else str(oid).replace("-", ""),
                      stored.originator_version, stored.topic, stored.state)
        return SignedStoredEvent(stored.originator_id, stored.originator_version, stored.topic,
                                 stored.state, self.signer.id, self.signer.sign(msg))


@dataclass(frozen=True)
class Scope:
    """What a write's authority is judged for (`ledger.rules.authority`): the programme, the
    agreement, the Routekaart or the party acting itself, by key; the application loads them."""

    programme: str | None = None
    agreement: str | None = None
    routekaart: str | None = None
    party: str | None = None
    amount: Any = None  # the act's amount as given (a mandate limit applies to it)


@dataclass
class Built:
    """What a command's build made: the aggregates it touched (their new events are saved) and a
    detail for the outcome (a reservation's key, the shares computed, ...)."""

    aggregates: Sequence[Aggregate | None]
    detail: dict[str, Any] = field(default_factory=dict)


Build = Callable[[Envelope], Built | Sequence[Aggregate | None]]


@dataclass
class Outcome:
    """What a write did: the command, the log positions of its events, and whether it was a
    repeat of an earlier command with the same id (then nothing new was written)."""

    command: str
    subject: str
    positions: list[int] = field(default_factory=list)
    replayed: bool = False
    detail: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"command": self.command, "subject": self.subject, "positions": self.positions,
                "replayed": self.replayed, **self.detail}


class LedgerBase(Application[UUID]):
    """The application service's common part; see `ledger.application.Ledger`."""

    name = "ledger"
    is_snapshotting_enabled = False
    repository: BatchingRepository  # made by `construct_repository`

    def __init__(self, store: Store | str | None = None, *, create: bool = False):
        self.store = store if isinstance(store, Store) else parse_url(store)
        self._positions: dict[tuple[UUID, int], int] = {}
        self._raw: RawLog | None = None
        if not create:
            check_initialised(self.store)
        try:
            super().__init__(env=self.store.eventsourcing_env(create=create))
        except PersistenceError as e:
            raise StoreError(_("Cannot open the ledger at {where}: {error}").format(
                                 where=self.store.display, error=str(e).strip().splitlines()[0]),
                             hint=_("Check the --db URL and that the database server runs.")
                             ) from None

    def construct_factory(self, env: Any) -> Any:
        try:
            return super().construct_factory(env)
        except (OSError, PersistenceError) as e:
            raise StoreError(_("Cannot open the ledger at {where}: {error}").format(
                                 where=self.store.display, error=e),
                             hint=_("Check the --db URL and that the database server runs.")
                             ) from None

    def register_transcodings(self, transcoder: Any) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    def construct_mapper(self) -> Mapper[UUID]:
        mapper: Mapper[UUID] = self.factory.mapper(transcoder=self.construct_transcoder(),
                                                   mapper_class=SigningMapper)
        return mapper

    def sign_with(self, key: Any) -> None:
        """Sign what is recorded from now on with `key` (a `ledger.signing.SigningKey`): every
        write's actor must hold it, unrevoked (`check_signer`), or the write is refused."""
        mapper: Any = self.mapper
        mapper.signer = key

    def check_signer(self, env: Envelope) -> None:
        """With a signing key given, the write's actor must hold it and it must not be revoked;
        refused in one sentence otherwise (nothing written)."""
        mapper: Any = self.mapper
        key = mapper.signer
        if key is None:
            return
        from ledger.domain.keys import ActorKeys

        keys = self.find(ActorKeys, env.actor)
        if keys is None or keys.actor != env.actor:
            raise RuleViolation(
                _("The signing key {key_id} does not belong to {actor}; nothing was recorded."
                  ).format(key_id=key.id, actor=env.actor),
                hint=_("Give the private key of one of {actor}'s keys (`ledger key list`), or "
                       "record without --signing-key.").format(actor=env.actor))
        keys.check_signer(key.id)
        mapper.actor = env.actor

    def construct_repository(self) -> BatchingRepository:
        return BatchingRepository(event_store=self.events, snapshot_store=self.snapshots)

    @property
    def raw(self) -> RawLog:
        """Plain access to the log (positions, events by position), opened once per application:
        a write that looks up positions must not open a connection per lookup. Inside a batch,
        what the batch holds is saved first: what the log says is then the whole truth."""
        self.flush()
        return self._log()

    def _log(self) -> RawLog:
        if self._raw is None:
            self._raw = RawLog(self.store)
            if self.store.kind == "postgresql":
                self._raw.conn.autocommit = True  # each lookup sees what is committed now
        return self._raw

    # --- batches (bulk imports; ledger/application/batch.py) -----------------------------------

    @contextmanager
    def batched(self) -> Iterator[Batch]:
        """Commands run inside are built as always but kept in memory, and saved many per
        transaction by `flush` (see `ledger.application.batch`); what is still pending when the
        block ends normally is flushed."""
        log = self._log()
        batch = Batch(self, log.last_position(), log)
        self.repository.batch = batch
        self._page_cache(log, BULK_CACHE)  # a batch looks up and indexes many aggregates
        try:
            yield batch
            batch.flush()
        finally:
            batch.discard()
            self.repository.batch = None
            self._page_cache(log, DEFAULT_CACHE)

    def _page_cache(self, log: RawLog, size: int) -> None:
        """SQLite's page cache for the lookups and the writes (a negative size is in KiB)."""
        if self.store.kind != "sqlite":
            return
        from ledger.sqlite import ChainedSQLiteRecorder

        log.conn.execute(f"PRAGMA cache_size={size}")
        if isinstance(self.recorder, ChainedSQLiteRecorder):
            self.recorder.cache_size = size

    @contextmanager
    def unbatched(self) -> Iterator[None]:
        """Run commands on the ordinary path, one transaction each, inside a batched block."""
        batch, self.repository.batch = self.repository.batch, None
        try:
            yield
        finally:
            self.repository.batch = batch

    def prefetch(self, aggregate_ids: Iterable[UUID]) -> None:
        """Inside a batch: look up many aggregates at once (an import's command receipts, for
        one), so that each later lookup of them needs no query."""
        if self.repository.batch is not None:
            self.repository.batch.known(aggregate_ids)

    def flush(self) -> None:
        """Save what an open batch holds, so that log positions are those of stored events."""
        if self.repository.batch is not None:
            self.repository.batch.flush()

    def load_many(self, log: RawLog, aggregate_ids: list[UUID]) -> dict[UUID, Any]:
        """The stored aggregates among these ids, each rebuilt from its events (one query)."""
        found: dict[UUID, Any] = {}
        stored: dict[UUID, list[StoredEvent]] = {}
        for oid, version, topic, state in log.events_of(aggregate_ids):
            uid = oid if isinstance(oid, UUID) else UUID(oid)
            stored.setdefault(uid, []).append(StoredEvent(uid, version, topic, state))
        to_event = self.mapper.to_domain_event
        for uid, events in stored.items():
            aggregate = project_aggregate(None, (to_event(s) for s in events))
            if aggregate is not None:
                found[uid] = aggregate
        return {aid: found.get(aid) for aid in aggregate_ids}

    def store_events(self, events: list[Any]) -> list[Any]:
        """Put events in the store in one transaction (a batch's flush)."""
        try:
            return self.events.put(events)
        except KeyTaken:
            raise
        except PersistenceError as e:
            self._refused(e)
            raise self._failed(e) from None

    def close(self) -> None:
        if self._raw is not None:
            self._raw.close()
            self._raw = None
        super().close()

    # --- lookups -------------------------------------------------------------------------------

    def get(self, cls: type[A], key: str, what: str | None = None) -> A:
        found = self.find(cls, key)
        if found is None:
            name = what or cls.KIND
            raise NotFound(_("There is no {what} '{key}' in the ledger.").format(
                               what=_(WHAT[name]) if name in WHAT else name, key=key),
                           hint=_("List them with `{command}`.").format(
                               command=LISTED_BY.get(cls.KIND, "ledger log")))
        return found

    def find(self, cls: type[A], key: str) -> A | None:
        try:
            agg: Any = self.repository.get(cls.id_for(key))
        except AggregateNotFoundError:
            return None
        if not isinstance(agg, cls):
            return None
        return agg

    def look(self, cls: type[A], key: str, what: str | None = None) -> A:
        """`get` for an aggregate a command only looks at, never changes (a party whose
        standing it checks, a decision it rests on): inside a batch the cached aggregate itself
        rather than a copy. Refused as `get` refuses when there is none."""
        found = self.look_for(cls, key)
        if found is None:
            return self.get(cls, key, what)  # the same refusal
        return found

    def look_for(self, cls: type[A], key: str) -> A | None:
        """`find` for an aggregate only looked at (see `look`)."""
        found: Any = self.repository.contains(cls.id_for(key))
        return found if isinstance(found, cls) else None

    def exists(self, cls: type[LedgerAggregate], key: str) -> bool:
        return isinstance(self.repository.contains(cls.id_for(key)), cls)

    def position_of(self, originator_id: UUID, version: int) -> int | None:
        """The log position of an aggregate's event. A recorded event never moves, so a found
        position is remembered (this keeps retried commands quick)."""
        key = (originator_id, version)
        if key not in self._positions:
            batch = self.repository.batch
            if batch is not None and key in batch.pending:
                batch.flush()
            found = self._log().position_of(originator_id, version)
            if found is None:
                return None
            self._positions[key] = found
        return self._positions[key]

    # --- authority and reads that every area's writes share ------------------------------------

    def check_refs(self, env: Envelope, act: str = "", scope: Scope | None = None,
                   purpose: str = "") -> None:
        """Every `besluit:` reference is held to the same test as `--decision`: it names a
        decision the ledger knows, in force on the effective date, of a body competent for the
        act (`ledger.rules.authority`). A `zie:` reference (context only) must name a known
        decision, nothing more."""
        keys, context = env.decision_refs(), env.context_refs()
        if not keys and not context:
            return  # (and the decisions' module need not be imported)
        from ledger.domain.decision import Decision

        for key in context:
            if not self.exists(Decision, key):
                raise NotFound(
                    _("The reference zie:{key} names no decision in the ledger.").format(key=key),
                    hint=_("Record the decision first with `ledger decision record`."))
        for key in keys:
            if not self.exists(Decision, key):
                raise NotFound(
                    _("The reference besluit:{key} names no decision in the ledger.").format(
                        key=key),
                    hint=_("Record the decision first with `ledger decision record`, or cite it "
                           "as context with zie:ID."))
            self.require_authority(key, env.effective, act=act, scope=scope,
                                   amount=_amount(scope.amount if scope else None),
                                   purpose=purpose or act or _("this command"),
                                   reference=True)

    def authority_context(self, act: str, scope: Scope | None, on: date,
                          amount: Decimal | None = None) -> Context:
        """What the act is for on `on`, from the aggregates: the programme's code and mandates,
        the agreement it runs under (or the agreement acted on), the parties that binds on `on`,
        the centrumregeling whose AB and DB decide, the party acting itself."""
        from ledger.domain.agreement import Agreement
        from ledger.rules.agreement import members_on
        from ledger.rules.authority import Context

        scope = scope or Scope()
        programme = None
        if scope.programme:
            from ledger.domain.programme import Programme

            programme = self.look_for(Programme, scope.programme)
        agreement_key = scope.agreement or (programme.agreement if programme else None)
        agreement = self.look_for(Agreement, agreement_key) if agreement_key else None
        party = scope.party
        if scope.routekaart and party is None:
            from ledger.domain.routekaart import Routekaart

            found = self.look_for(Routekaart, scope.routekaart)
            party = found.party if found is not None else None
        regeling = None
        if agreement is not None:
            regeling = (agreement.key if agreement.kind == "centrumregeling"
                        else agreement.extends if agreement.kind == "plustaak" else None)
        return Context(
            act=act, on=on,
            programme=programme.key if programme else (scope.programme or None),
            agreement=agreement.key if agreement else agreement_key,
            members=frozenset(members_on(agreement.facts, on)) if agreement else frozenset(),
            regeling=regeling, party=party.upper() if party else None,
            mandates=dict(programme.mandates) if programme else {}, amount=amount)

    def require_authority(self, key: str | None, on: date, *, purpose: str, act: str = "",
                          scope: Scope | None = None, amount: Decimal | None = None,
                          reference: bool = False) -> Decision:
        """The decision `key`, if it can carry the act effective on `on`: known, in force on
        that date, and of a body competent for the act in its scope (the table in
        `ledger.rules.authority`). Refused otherwise, in one sentence naming the decision, its
        body and why."""
        from ledger.domain.decision import Decision
        from ledger.rules.authority import refusal

        if not key:
            text = _("{purpose} needs a decision as authority.").format(purpose=purpose)
            raise AuthorityError(text[0].upper() + text[1:],
                                 hint=_("Pass --decision ID of the decision it rests on."))
        decision = self.look_for(Decision, key)
        if decision is None:
            raise AuthorityError(
                _("Decision {key} cannot serve as authority for {purpose}: the ledger knows no "
                  "such decision.").format(key=key, purpose=purpose),
                hint=_("Record the decision first with `ledger decision record`."))
        ctx = self.authority_context(act, scope, on, amount)
        why = refusal(facts_of(decision), ctx)
        if why is not None:
            raise AuthorityError(
                _("Decision {key} of {body} cannot serve as authority for {purpose} on {on}: "
                  "{why}.").format(key=decision.key, body=decision.body, purpose=purpose,
                                   on=show_date(on), why=why),
                hint=(_("Cite it as context with zie:{key} instead, or name a decision that is "
                        "in force and competent on the effective date.").format(key=decision.key)
                      if reference else _authority_hint(ctx)))
        return decision

    def agreement_shares(self, key: str, amount: str | int | Decimal,
                         on: str | date) -> dict[str, Any]:
        """Each paying party's share of `amount` on `on` under the agreement's verdeelsleutel, as
        plain values: {agreement, on, amount, verdeelsleutel, shares: [{party, name, weight,
        share}]}, the shares adding up to the amount exactly."""
        from ledger.domain.agreement import Agreement
        from ledger.domain.party import Party

        agreement = self.get(Agreement, key, "agreement")
        day = parse_date(on, _("date"))
        parties = {p: self.look(Party, p, "party") for p in agreement.parties}
        result: dict[str, Any] = agreement.shares(
            parse_amount(amount), day, lambda p, peildatum: parties[p].population(peildatum))
        for share in result["shares"]:
            share["name"] = parties[share["party"]].name
        return result

    # --- the one write path --------------------------------------------------------------------

    def execute(self, command: str, env: Envelope, payload: dict[str, Any], build: Build, *,
                subject: str = "", effective_from: str | None = None,
                scope: Scope | None = None) -> Outcome:
        """Run one write command. `build(env)` makes its events through the aggregates and returns
        the aggregates it touched (or a `Built` with a detail for the outcome); it gets the
        envelope with the default effective date applied: when the user gave no `--on`, the
        date in the payload field `effective_from` (the act's own date: a decision's datum, a
        figure's peildatum), else today. The envelope's references are checked here, before the
        build, on every attempt: a `besluit:` reference as authority for the act in `scope`."""
        canon = self._canonical_payload(env, payload)
        resolved = self._effective(env, payload, effective_from)
        with ExitStack() as turn:
            return self._attempt(command, resolved, canon, build, subject, turn,
                                 defaulted=resolved is not env, scope=scope)

    def _effective(self, env: Envelope, payload: dict[str, Any],
                   effective_from: str | None) -> Envelope:
        """The envelope with the command's default effective date, when the user gave none."""
        if env.effective_given or effective_from is None:
            return env
        value = payload.get(effective_from)
        if value in (None, ""):
            return env
        # The refusal names the date and the option (or import field) it was given in.
        noun = _(DATE_FIELDS[effective_from]) if effective_from in DATE_FIELDS else effective_from
        day = parse_date(value, f"{noun} (--{effective_from.replace('_', '-')})")
        return env if day == env.effective else dataclasses.replace(env, effective=day)

    def _attempt(self, command: str, env: Envelope, canon: dict[str, str], build: Build,
                 subject: str, turn: ExitStack, *, defaulted: bool = False,
                 scope: Scope | None = None) -> Outcome:
        deadline = time.monotonic() + PATIENCE
        held: frozenset[str] = frozenset()  # the subjects whose turn this command holds
        collided: frozenset[str] = frozenset()
        collisions = 0
        while True:
            if collisions >= TURN_AFTER and not collided <= held:
                # Lost a race on these subjects: wait for the turn of each of them (the other
                # writers that collided on them go first), then build again from what is stored.
                turn.close()
                held = held | collided
                if not turn.enter_context(subjects_turn(self.store, held,
                                                        deadline - time.monotonic())):
                    break
            if env.command_id:
                replay = self._replay(command, env, canon, subject, defaulted)
                if replay is not None:
                    return replay
            self.check_signer(env)
            self.check_refs(env, command, scope,
                            _("{command} of {subject}").format(command=command, subject=subject)
                            if subject else "")
            built = build(env)
            if not isinstance(built, Built):
                built = Built(built)
            aggregates = [a for a in built.aggregates if a is not None]
            events = [e for a in aggregates for e in a.collect_events()]
            if not events:
                raise RuleViolation(_("The command {command} changes nothing.").format(
                    command=command))
            extra: list[Any] = []
            if env.command_id:
                extra.append(CommandReceipt.issue(
                    env, command, canon,
                    [(e.originator_id.hex, e.originator_version) for e in events]))
            batch = self.repository.batch
            if batch is not None:
                outcome = Outcome(command, subject, [], False, built.detail)
                return batch.record(outcome, aggregates, events, extra)
            try:
                recordings = self.save(*events, *extra)
            except KeyTaken:
                # Someone else wrote to one of these aggregates (or used the same command id)
                # between our read and our write: nothing was written; start again from what
                # is stored now, in these subjects' turn.
                if time.monotonic() >= deadline:
                    break
                collided = frozenset([e.originator_id.hex for e in events]
                                     + [r.id.hex for r in extra])
                collisions += 1
                continue
            except PersistenceError as e:
                # Any other refusal of the database is not retried: nothing was written.
                self._refused(e)
                raise self._failed(e) from None
            positions = [r.notification.id for r in recordings
                         if not isinstance(r.domain_event, CommandReceipt.Issued)]
            return Outcome(command, subject, positions, False, built.detail)
        raise RuleViolation(_("The command {command} kept colliding with other writers.").format(
                                command=command),
                            hint=_("Try again in a moment."))

    def _refused(self, e: PersistenceError) -> None:
        if denied(e):
            raise StoreError(
                _("Your database role may not record in the ledger at {where} ({error}).").format(
                    where=self.store.display, error=str(e).strip().splitlines()[0]),
                hint=_("Recording needs the ledger_writer role; see docs/security.md."),
            ) from None

    def _failed(self, e: PersistenceError) -> StoreError:
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        return StoreError(_("The database refused the write, and nothing was recorded: {error}.")
                          .format(error=first),
                          hint=_("Run `ledger audit verify`; if this persists, tell the ledger's "
                                 "administrator."))

    def _canonical_payload(self, env: Envelope, payload: dict[str, Any]) -> dict[str, str]:
        canon = {k: canonical(v) for k, v in payload.items() if v not in (None, [], (), False)}
        if env.effective_given:
            canon["effective"] = canonical(env.effective)
        for name in ("refs", "reason", "corrects"):
            value = getattr(env, name)
            if value not in (None, ()):
                canon[name] = canonical(list(value) if name == "refs" else value)
        return canon

    def _replay(self, command: str, env: Envelope, canon: dict[str, str], subject: str,
                defaulted: bool = False) -> Outcome | None:
        assert env.command_id
        try:
            receipt: CommandReceipt = self.repository.get(CommandReceipt.id_for(env.command_id))
        except AggregateNotFoundError:
            return None
        if defaulted and "effective" not in canon and "effective" in receipt.payload:
            # Recorded before the default effective date was decided here, when the command
            # line passed the act's own date as --on: the same command, the same date.
            canon = {**canon, "effective": canonical(env.effective)}
        differing = receipt.differing_fields(command, canon)
        if differing:
            raise IdempotencyConflict(
                _("Command id '{command_id}' was already used for a different command "
                  "(differing: {fields}).").format(command_id=env.command_id,
                                                   fields=", ".join(differing)),
                hint=_("Use a new --command-id for a new command."))
        positions = [p for oid, v in receipt.events
                     if (p := self.position_of(UUID(oid), v)) is not None]
        return Outcome(command, subject, positions, True)


def _amount(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return parse_amount(value, allow_zero=False)
    except LedgerError:
        return None  # the command's own check says what is wrong with it


def facts_of(decision: Decision) -> Facts:
    """A decision as the authority rules read it."""
    return decision.facts


def _authority_hint(ctx: Context) -> str:
    from ledger.rules.authority import describe_limit

    if ctx.mandates and ctx.programme:
        given = ", ".join(f"{b} ({describe_limit(v)})" for b, v in ctx.mandates.items())
        return _("Mandates in {programme}: {mandates}.").format(programme=ctx.programme,
                                                                mandates=given)
    return _("Name a decision that is in force and of a competent body on the effective date.")
