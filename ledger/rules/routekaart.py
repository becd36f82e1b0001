"""Routekaarten: the statuses of stappen and acties and the transitions between them, the status of
a weg and of the whole derived from its parts, the order of changes, and how parts are addressed
(`Part`), as pure functions of plain values. The `Routekaart` aggregate
(`ledger/domain/routekaart.py`) refuses with the `check_*` functions; the overview
(`projections/routekaart.py`) derives the statuses it marks "afgeleid" with `derive` and
`weg_status`. Specified in `features/routekaart/statussen.feature`.

    niet gestart           -> loopt, gedeeltelijk afgerond, afgerond, vervallen
    loopt                  -> gedeeltelijk afgerond, afgerond, vervallen
    gedeeltelijk afgerond  -> afgerond, vervallen
    afgerond               -> loopt, gedeeltelijk afgerond        (reopening)
    vervallen              -> niet gestart, loopt                 (reopening)

Reopening needs a reason and an authority; an actie under a closed stap is not reopened before
its stap; a stap is afgerond only when every actie under it is afgerond or vervallen. A whole's
status: vervallen when every part is; afgerond when every live part is; gedeeltelijk afgerond
when a live part is (partly) afgerond; loopt when one runs; otherwise niet gestart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ledger.dates import show_date
from ledger.errors import AuthorityError, InvalidInput, RuleViolation
from ledger.i18n import N_, _

NIET_GESTART, LOOPT, GEDEELTELIJK = "niet gestart", "loopt", "gedeeltelijk afgerond"
AFGEROND, VERVALLEN = "afgerond", "vervallen"
STATUSES = (NIET_GESTART, LOOPT, GEDEELTELIJK, AFGEROND, VERVALLEN)
CLOSED = (AFGEROND, VERVALLEN)
FORWARD = {
    NIET_GESTART: (LOOPT, GEDEELTELIJK, AFGEROND, VERVALLEN),
    LOOPT: (GEDEELTELIJK, AFGEROND, VERVALLEN),
    GEDEELTELIJK: (AFGEROND, VERVALLEN),
    AFGEROND: (),
    VERVALLEN: (),
}
REOPEN = {AFGEROND: (LOOPT, GEDEELTELIJK), VERVALLEN: (NIET_GESTART, LOOPT)}

_PATH = re.compile(r"^(\d{1,3})(?:\.(\d{1,3}))?(?:/(\d{1,3}))?$")
_PATH_HINT = N_("Write a part as WEG (2), WEG.STAP (1.2) or WEG.STAP/ACTIE (1.2/3); an actie of "
                "a weg without stappen is WEG/ACTIE (2/1).")


# --- statuses ----------------------------------------------------------------------------------

def check_status(text: str) -> str:
    value = " ".join(str(text).replace("_", " ").replace("-", " ").split()).lower()
    if value not in STATUSES:
        raise InvalidInput(_("'{text}' is not a status of a stap or actie.").format(text=text),
                           hint=_("Use one of: {statuses}.").format(
                               statuses=", ".join(STATUSES)))
    return value


def derive(statuses: Iterable[str]) -> str:
    """The status of a whole (a weg, a Routekaart) from the statuses of its parts."""
    every = list(statuses)
    live = [s for s in every if s != VERVALLEN]
    if not every:
        return NIET_GESTART
    if not live:
        return VERVALLEN
    if all(s == AFGEROND for s in live):
        return AFGEROND
    if any(s in (AFGEROND, GEDEELTELIJK) for s in live):
        return GEDEELTELIJK
    if any(s == LOOPT for s in live):
        return LOOPT
    return NIET_GESTART


def weg_status(stappen: Iterable[str], acties: Iterable[str]) -> str:
    """A weg's status: derived from the statuses of its stappen, or from those of its own acties
    when it has no stappen."""
    own = list(stappen)
    return derive(own if own else acties)


# --- addressing parts --------------------------------------------------------------------------

@dataclass(frozen=True)
class Part:
    """Where in a Routekaart: a weg, a stap of a weg, or an actie of either."""

    weg: int
    stap: int | None = None
    actie: int | None = None

    @classmethod
    def parse(cls, text: Any, what: str | None = None) -> Part:
        value = str(text).strip()
        m = _PATH.match(value)
        what = what or _("part of a Routekaart")
        if not m:
            raise InvalidInput(_("'{value}' is not a {what}.").format(value=value, what=what),
                               hint=_(_PATH_HINT))
        weg_text, stap_text, actie_text = m.groups()
        weg = int(weg_text)
        stap = int(stap_text) if stap_text is not None else None
        actie = int(actie_text) if actie_text is not None else None
        if weg == 0 or actie == 0:
            raise InvalidInput(
                _("'{value}' is not a {what}: wegen and acties count from 1.").format(
                    value=value, what=what),
                hint=_(_PATH_HINT))
        return cls(weg, stap, actie)

    def __str__(self) -> str:
        text = str(self.weg)
        if self.stap is not None:
            text += f".{self.stap}"
        if self.actie is not None:
            text += f"/{self.actie}"
        return text

    @property
    def kind(self) -> str:
        return "actie" if self.actie is not None else "stap" if self.stap is not None else "weg"

    @property
    def label(self) -> str:
        """How the part is named in sentences: `stap 1.2`, `actie 1.2/3`, `weg 2`."""
        return f"{self.kind} {self}"

    @property
    def parent(self) -> Part | None:
        if self.actie is not None:
            return Part(self.weg, self.stap)
        if self.stap is not None:
            return Part(self.weg)
        return None

    def subjects(self, key: str) -> list[str]:
        """This part and every part containing it, as trail subjects, innermost first."""
        found: list[str] = []
        part: Part | None = self
        while part is not None:
            found.append(f"{part.kind}:{key}/{part}")
            part = part.parent
        return found


def split_target(text: str) -> tuple[str, str | None]:
    """`VS-RK/1.2/3`, `stap:VS-RK/1.2` or `VS-RK` as (routekaart key, path or None)."""
    value = str(text).strip()
    kind, sep, rest = value.partition(":")
    if sep and kind.lower() in ("routekaart", "weg", "stap", "actie"):
        value = rest
    key, slash, path = value.partition("/")
    return key, (path if slash else None)


# --- the rules a change of status obeys --------------------------------------------------------

def check_transition(part: Part, current: str, status: str, *, reason: str | None,
                     authority: bool, stap_status: str | None = None,
                     acties: Mapping[int, str] | None = None) -> None:
    """Refuse `part` going from `current` to `status`: forward only along `FORWARD`; a closed
    part reopens only along `REOPEN`, with a reason and an authority (`authority`: a reference
    or a decision given), and an actie not while its stap (`stap_status`) is closed; a stap is
    afgerond only when its `acties` (number -> status) are closed (`check_acties_closed`)."""
    label = part.label
    if current in CLOSED:
        if status not in REOPEN[current]:
            first, second = REOPEN[current]
            raise RuleViolation(
                _("{part} is {current}; it can be reopened only to {first} or {second}, not "
                  "to {status}.").format(part=label.capitalize(), current=current,
                                         first=first, second=second, status=status))
        if not reason:
            raise InvalidInput(
                _("Reopening {part}, which is {current}, needs a reason.").format(
                    part=label, current=current),
                hint=_("Pass --reason, saying why it is reopened."))
        if not authority:
            raise AuthorityError(
                _("Reopening {part}, which is {current}, needs an authority.").format(
                    part=label, current=current),
                hint=_("Pass --decision ID or --ref (e.g. besluit:ID or doc:NR) for what it "
                       "rests on."))
        if part.kind == "actie" and part.stap is not None and part.parent is not None \
                and stap_status in CLOSED:
            raise RuleViolation(
                _("{part} cannot be reopened while stap {stap} is {status}.").format(
                    part=label.capitalize(), stap=part.parent, status=stap_status),
                hint=_("Reopen stap {stap} first.").format(stap=part.parent))
    elif status not in FORWARD[current]:
        raise RuleViolation(
            _("{part} cannot go from {current} back to {status}.").format(
                part=label.capitalize(), current=current, status=status),
            hint=_("If the earlier status was recorded in error, correct it with --corrects "
                   "POSITION."))
    check_acties_closed(part, status, acties or {})


def check_acties_closed(part: Part, status: str, acties: Mapping[int, str]) -> None:
    """Refuse a stap becoming afgerond while one of its `acties` (number -> status) is open."""
    if status != AFGEROND or part.kind != "stap":
        return
    open_ = [str(n) for n, s in sorted(acties.items()) if s not in CLOSED]
    if open_:
        if len(open_) == 1:
            message = _("Stap {stap} cannot be afgerond while actie {actie} is still open.")
            message = message.format(stap=part, actie=open_[0])
        else:
            message = _("Stap {stap} cannot be afgerond while actie {acties} and {last} are "
                        "still open.").format(stap=part, acties=", ".join(open_[:-1]),
                                              last=open_[-1])
        raise RuleViolation(
            message, hint=_("Set every actie of the stap to afgerond or vervallen first."))


def check_in_order(effective: date, since: date, what: str, because: str) -> None:
    """Refuse a change effective before `since`; `what` and `because` are translated."""
    if effective < since:
        text = _("{what} cannot take effect on {on}: {because}.").format(
            what=what, on=show_date(effective), because=because)
        raise RuleViolation(text[0].upper() + text[1:],
                            hint=_("Record changes in the order they took effect; correct a "
                                   "mistaken one with --corrects."))
