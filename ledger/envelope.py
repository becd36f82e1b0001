"""The envelope every event carries: who, when recorded, when effective, on what authority, why.

Implemented once: each command takes an `Envelope`, and `LedgerAggregate` copies its fields into
every event it records. The recorded time is never part of the envelope: it is the event's own
timestamp, taken from the system clock (UTC) when the event is made.

References (`--ref`) are written `KIND:VALUE`:
  zaak:Z/17/011355         a zaaknummer            doc:166008        a documentnummer
  besluit:PHO-2021-07      a decision in the ledger the event rests on (its authority: it must
                           be in force on the effective date, of a body competent for the act)
  zie:PHO-2021-07          a decision in the ledger cited as context only (must exist; trails
                           say "zie besluit …", never that the event rests on it)
  factuur:2021-0042        an invoice              order:PO-1234     an order
  https://…                a web address (http or https, with a host)
  aanname:TEXT             an assumption: the value is not in the act's source (TEXT says what
                           was assumed); views mark such values and explain them in a footnote
"""

from __future__ import annotations

import getpass
import os
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from ledger.dates import parse_date, term, today
from ledger.errors import InvalidInput
from ledger.i18n import N_, _

REF_KINDS = {
    "zaak": "zaaknummer",
    "doc": "documentnummer",
    "besluit": "decision in the ledger",
    "zie": "decision cited as context",
    "factuur": "invoice",
    "order": "order",
    "aanname": "assumption (not from the source)",
}
_REF_HINT = N_("Write a reference as zaak:Z/17/011355, doc:166008, besluit:ID, zie:ID, factuur:NR, "
               "order:NR, aanname:TEXT or a full https:// address.")
MAX_TEXT = 4000
# Control characters (but newline and tab), DEL, the byte-order mark and lone surrogates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufeff\ud800-\udfff]")
_COMMAND_ID_BAD = re.compile("[\x00-\x1f\x7f\ufeff\ud800-\udfff]")


@dataclass(frozen=True)
class Envelope:
    actor: str
    effective: date
    refs: tuple[str, ...] = ()
    reason: str | None = None
    command_id: str | None = None
    corrects: int | None = None
    effective_given: bool = field(default=True, compare=False)

    def event_fields(self) -> dict[str, Any]:
        """The envelope as event attributes (what every `LedgerAggregate.Event` declares)."""
        return {
            "actor": self.actor,
            "effective": self.effective,
            "refs": list(self.refs),
            "reason": self.reason,
            "command_id": self.command_id,
            "corrects": self.corrects,
        }

    def assumptions(self) -> list[str]:
        return [r.split(":", 1)[1] for r in self.refs if r.startswith("aanname:")]

    def decision_refs(self) -> list[str]:
        """The decisions this event rests on (`besluit:` references)."""
        return [r.split(":", 1)[1] for r in self.refs if r.startswith("besluit:")]

    def context_refs(self) -> list[str]:
        """The decisions cited as context only (`zie:` references)."""
        return [r.split(":", 1)[1] for r in self.refs if r.startswith("zie:")]

    def with_corrects(self, position: int | None) -> Envelope:
        return Envelope(self.actor, self.effective, self.refs, self.reason, self.command_id,
                        position, self.effective_given)


def default_actor() -> str:
    for name in ("LEDGER_ACTOR",):
        if os.environ.get(name, "").strip():
            return os.environ[name].strip()
    try:
        return getpass.getuser()
    except Exception:  # no login name (a container without passwd entry)
        return "unknown"


def make_envelope(
    *,
    actor: str | None = None,
    on: str | date | None = None,
    refs: list[str] | tuple[str, ...] | None = None,
    reason: str | None = None,
    command_id: str | None = None,
    corrects: int | None = None,
    on_name: str = "--on",
) -> Envelope:
    """Build and validate an envelope from what a user typed (CLI options or an import line).
    `on_name` is what the effective date was given as, named in the refusal of a bad one: the
    option `--on`, or the field `on` of an import line."""
    for name, value in ((N_("actor"), actor), (N_("reason"), reason),
                        (N_("command id"), command_id)):
        if value is not None and not isinstance(value, str):
            raise InvalidInput(
                _("The {name} must be text, not {kind}.").format(name=term(name),
                                                                      kind=_kind(value)),
                hint=_("Give the {name} as text.").format(name=term(name)))
    if refs is not None and (isinstance(refs, (str, bytes)) or not isinstance(refs, (list, tuple))):
        raise InvalidInput(_("The references must be a list, not {kind}.").format(kind=_kind(refs)),
                           hint=_(_REF_HINT))
    who = (actor or default_actor()).strip()
    if not who:
        raise InvalidInput(_("The actor is empty."),
                           hint=_("Pass --actor NAME or set LEDGER_ACTOR."))
    check_text(who, N_("actor"), limit=200)
    effective = (parse_date(on, _("effective date ({option})").format(option=on_name))
                 if on not in (None, "") else today())
    if command_id is not None:
        command_id = command_id.strip()
        if not command_id or len(command_id) > 200 or _COMMAND_ID_BAD.search(command_id):
            raise InvalidInput(_("The command id must be 1 to 200 printable characters."),
                               hint=_("Use something like wrl-2021-q4-0001."))
    if reason is not None:
        reason = reason.strip() or None
        if reason:
            check_text(reason, N_("reason"))
    if corrects is not None:
        from ledger.chain import check_position

        corrects = check_position(corrects, N_("position to correct"))
    return Envelope(
        actor=who,
        effective=effective,
        refs=tuple(parse_ref(r) for r in (refs or ())),
        reason=reason,
        command_id=command_id,
        corrects=corrects,
        effective_given=on not in (None, ""),
    )


def parse_ref(text: str) -> str:
    """Validate and normalise one reference (see the module docstring for the forms)."""
    value = str(text).strip()
    if not value:
        raise InvalidInput(_("A reference is empty."), hint=_(_REF_HINT))
    check_text(value, N_("reference"), limit=500)
    kind, sep, rest = value.partition(":")
    kind_l = kind.lower()
    if kind_l in ("http", "https") or "://" in value:
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018 (a port that is not a number raises here)
        except ValueError:
            raise InvalidInput(_("'{value}' is not a valid web address.").format(value=value),
                               hint=_(_REF_HINT)) from None
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in value or (
            "." not in parts.netloc and parts.hostname != "localhost"
        ):
            raise InvalidInput(_("'{value}' is not a valid web address.").format(value=value),
                               hint=_(_REF_HINT))
        return value
    if not sep or kind_l not in REF_KINDS or not rest.strip():
        raise InvalidInput(
            _("'{value}' is not a reference the ledger understands.").format(value=value),
            hint=_(_REF_HINT))
    rest = rest.strip()
    if kind_l == "zaak" and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9/.\-_ ]*", rest):
        raise InvalidInput(_("'{value}' is not a valid zaaknummer.").format(value=rest),
                           hint=_("For example Z/17/011355."))
    return f"{kind_l}:{rest}"


def _kind(value: Any) -> str:
    found = {list: N_("a list"), tuple: N_("a list"), dict: N_("a mapping"),
             bool: N_("true or false"), int: N_("a number"), float: N_("a number")}.get(type(value))
    return _(found) if found else type(value).__name__


def check_text(value: str, what: str, *, limit: int = MAX_TEXT) -> str:
    """Free text must be non-empty after trimming, printable and of a sane length. `what` names
    the field (a noun marked with `N_`, translated here; see `ledger.dates.term`)."""
    if len(value) > limit:
        raise InvalidInput(
            _("The {what} is {length} characters long; the limit is {limit}.").format(
                what=term(what), length=len(value), limit=limit),
            hint=_("Shorten the {what}.").format(what=term(what)))
    if _CONTROL.search(value):
        raise InvalidInput(
            _("The {what} contains control characters.").format(what=term(what)),
            hint=_("Remove them from the {what}.").format(what=term(what)))
    return value
