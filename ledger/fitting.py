"""Fitting an import line's arguments to the application method it names.

`method_for` finds the method of a command name (`party.add` is `Ledger.party_add`); `fit_args`
checks the line's arguments against the method's signature and types, in a sentence naming the
argument that does not fit.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from ledger.envelope import _CONTROL, MAX_TEXT, check_text
from ledger.errors import InvalidInput
from ledger.i18n import N_, _

_COMMANDS: dict[str, str] = {}


def method_for(ledger: Any, name: str) -> Callable[..., Any]:
    if not _COMMANDS:
        from ledger.application import write_commands

        _COMMANDS.update(write_commands())
    attr = _COMMANDS.get(name)
    method: Callable[..., Any] | None = getattr(ledger, attr, None) if attr else None
    if method is None:
        raise InvalidInput(_("'{name}' is not a command the ledger knows.").format(name=name),
                           hint=_("See docs/import-format.md for the commands."))
    return method


def fit_args(method: Callable[..., Any], args: dict[str, Any]) -> dict[str, Any]:
    """The arguments of an import line, checked against the method's signature and types.

    YAML and JSON give any shape of value; the application's methods take text, whole numbers,
    true/false and lists of those. A whole number where text is expected becomes text (`key: 12`);
    anything else that does not fit (a list for a name, a decimal number, an amount written as
    0.5) is refused in a sentence naming the argument. Every piece of text must pass
    `check_text`: printable, and at most MAX_TEXT characters."""
    sig, names, required, open_ended, hints = _shape_of(method)
    if (not open_ended and not names.issuperset(args)) or not required.issubset(args):
        unknown = sorted(set(args) - names) if not open_ended else []
        missing = sorted(required - set(args))
        if unknown:
            sentence = _("the command has no argument {names}.").format(names=", ".join(unknown))
        elif missing:
            sentence = _("the argument {names} is missing.").format(names=", ".join(missing))
        else:
            try:
                sig.bind(None, **args)  # its sentence names what does not fit
                sentence = ""
            except TypeError as e:
                sentence = _("the arguments do not fit the command ({reason}).").format(reason=e)
        if sentence:
            raise InvalidInput(sentence, hint=_(_ARGUMENTS_HINT))
    return {name: _fit(value, hints.get(name, Any), name) for name, value in args.items()}


_ARGUMENTS_HINT = N_("See docs/import-format.md for each command's arguments.")


def _text(value: str, where: str) -> str:
    """Text that passes `check_text` (the common case, checked without making a sentence)."""
    if len(value) <= MAX_TEXT and not _CONTROL.search(value):
        return value
    return check_text(value, _("argument {where}").format(where=where))


_SHAPES: dict[Any, tuple[inspect.Signature, set[str], set[str], bool, dict[str, Any]]] = {}


def _shape_of(method: Callable[..., Any]
              ) -> tuple[inspect.Signature, set[str], set[str], bool, dict[str, Any]]:
    """A method's signature, its keyword names, the required ones, whether it takes any keyword,
    and the type of each parameter: worked out once per method."""
    import typing

    func = getattr(method, "__func__", method)
    shape = _SHAPES.get(func)
    if shape is None:
        sig = inspect.signature(method)
        params = list(sig.parameters.values())[1:]  # after env
        names = {p.name for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
        required = {p.name for p in params if p.name in names and p.default is p.empty}
        open_ended = any(p.kind == p.VAR_KEYWORD for p in params)
        try:
            hints = typing.get_type_hints(method)
        except (NameError, TypeError):
            hints = {}
        hints = {k: v for k, v in hints.items() if k in names}
        shape = _SHAPES[func] = (sig, names, required, open_ended, hints)
    return shape


def _fit(value: Any, expected: Any, where: str) -> Any:
    if expected is str and type(value) is str:  # the common case, first
        return _text(value, where)
    return _fit_any(value, expected, where)


def _fit_any(value: Any, expected: Any, where: str) -> Any:
    import types
    import typing
    from datetime import date
    from decimal import Decimal

    origin, members = typing.get_origin(expected), typing.get_args(expected)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in members:
            return None
        if type(value) is str and str in members and not _CONTROL.search(value) and \
                len(value) <= MAX_TEXT:  # the common case: text that passes `check_text`
            return value
        others = [m for m in members if m is not type(None)]
        if len(others) == 1:  # Optional[X]: X's own sentence says best what does not fit
            return _fit(value, others[0], where)
        for member in members:
            if member is not type(None):
                try:
                    return _fit(value, member, where)
                except InvalidInput:
                    continue
        raise _misfit(value, expected, where)
    if expected is str:
        if isinstance(value, str):
            return _text(value, where)
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
    elif expected is bool:
        if isinstance(value, bool):
            return value
    elif expected is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif expected is date:
        if isinstance(value, date):
            return value
    elif expected is Decimal:
        if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
            return _plain(value, where)
    elif origin in (list, tuple, set) or expected in (list, tuple):
        if isinstance(value, list):
            item = members[0] if members else Any
            return [_fit(v, item, f"{where}[{i}]") for i, v in enumerate(value)]
    elif origin is dict or expected is dict:
        if isinstance(value, dict):
            item = members[1] if len(members) == 2 else Any
            return {str(k): _fit(v, item, f"{where}.{k}") for k, v in value.items()}
    else:
        return _plain(value, where)  # Any, or a type this check does not know: plain values
    raise _misfit(value, expected, where)


def _plain(value: Any, where: str) -> Any:
    """A plain value: text, whole number, true/false, nothing, or lists and mappings of those."""
    from datetime import date

    if value is None or isinstance(value, (bool, int, date)):
        return value
    if isinstance(value, str):
        return _text(value, where)
    if isinstance(value, list):
        return [_plain(v, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {str(k): _plain(v, f"{where}.{k}") for k, v in value.items()}
    raise _misfit(value, None, where)


def _misfit(value: Any, expected: Any, where: str) -> InvalidInput:
    if isinstance(value, float):
        return InvalidInput(_("the argument {where} is a decimal number ({value}), which the "
                              "ledger does not take.").format(where=where, value=f"{value!r:.40}"),
                            hint=_("Write amounts and other numbers with decimals as text in "
                                   "quotes, e.g. '450.000' or '12,50'."))
    return InvalidInput(_("the argument {where} must be {expected}, not {kind}.").format(
        where=where, expected=_describe(expected), kind=_kind(value)), hint=_(_ARGUMENTS_HINT))


def _describe(expected: Any) -> str:
    import types
    import typing
    from datetime import date

    origin, members = typing.get_origin(expected), typing.get_args(expected)
    if origin in (typing.Union, types.UnionType):
        kinds = list(dict.fromkeys(_describe(m) for m in members if m is not type(None)))
        return kinds[0] if len(kinds) == 1 else _("{some} or {last}").format(
            some=", ".join(kinds[:-1]), last=kinds[-1])
    if origin in (list, tuple, set):
        return _("a list of {what}").format(
            what=_describe(members[0]) if members else _("values"))
    return _({str: N_("text"), int: N_("a whole number"), bool: N_("true or false"),
              date: N_("a date"), dict: N_("a mapping")}.get(expected, N_("a plain value")))


def _kind(value: Any) -> str:
    found = {list: N_("a list"), dict: N_("a mapping"), bool: N_("true or false"),
             int: N_("a whole number"), float: N_("a decimal number"), str: N_("text"),
             type(None): N_("nothing")}.get(type(value))
    return _(found) if found else type(value).__name__


def text_value(value: Any) -> Any:
    """A whole number given where text is meant (`command_id: 12`) is that text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def text_or_none(value: Any) -> Any:
    return None if value is None else str(value)
