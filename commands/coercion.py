"""Plain command-line values converted without pydantic.

Typer 0.29 converts every parameter's value through a pydantic `TypeAdapter` built when the command
runs: importing pydantic and building a dozen adapters costs more than a whole write to the store.
Most of the ledger's values are plain text, lists of text, whole numbers or flags, which typer's
adapters return unchanged (text, flags) or as `int(text)` (digits, within the bounds if any): those
are converted here. (An adapter is built even for an option left out, and for `--help`.) Anything
else (a negative, spaced or out-of-bounds number, bytes, paths, a flag given as text, a parameter
with a parser) goes to typer's own conversion, so every value converts, and every refusal reads,
exactly as before. `tests/cli/test_lazy_tree.py` checks the two agree. Installed by `commands.main.run`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, get_args, get_origin

try:
    import typer.core as _core
    from typer._coercion import RuntimeParam
except ImportError:  # another typer: leave conversion to it
    _core = None  # type: ignore[assignment]
    RuntimeParam = object  # type: ignore[assignment,misc]

_SLOW = object()


def _text(value: Any) -> Any:
    if type(value) is str:
        try:
            value.encode("utf-8")  # lone surrogates: typer's adapter has its say
        except UnicodeEncodeError:
            return _SLOW
        return value
    return _SLOW


def _whole(value: Any) -> Any:
    if type(value) is int:
        return value
    if type(value) is str and 0 < len(value) <= 18 and value.isascii() and value.isdigit():
        return int(value)
    return _SLOW


def _flag(value: Any) -> Any:
    return value if type(value) is bool else _SLOW


PLAIN = {str: _text, int: _whole, bool: _flag}


@dataclass(frozen=True)
class PlainRuntimeParam(RuntimeParam):  # type: ignore[misc,valid-type]
    """Converts the plain values of a `str`, `int` or `bool` parameter (or a list of them); hands
    any other value to typer's own conversion for the same parameter."""

    descriptor: Any = None
    many: bool = False
    slow: list[Any] = field(default_factory=list)

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        convert = PLAIN[get_args(self.annotation)[0] if self.many else self.annotation]
        if self.many:
            if isinstance(value, (list, tuple)):
                items = [convert(v) for v in value]
                if _SLOW not in items and all(map(self._within, items)):
                    return items
        else:
            out = convert(value)
            if out is not _SLOW and self._within(out):
                return out
        if not self.slow:
            self.slow.append(_typer_runtime_param(self.descriptor))
        return self.slow[0]._coerce_value(value, param=param, ctx=ctx)

    def _within(self, value: Any) -> bool:
        """Within the parameter's bounds (a number out of them gets typer's own refusal)."""
        low, high = self.parameter_info.min, self.parameter_info.max
        return (low is None or value >= low) and (high is None or value <= high)


def plain_runtime_param(descriptor: Any) -> Any:
    """A `PlainRuntimeParam` when the parameter is plain, else typer's own."""
    info = descriptor.parameter_info
    annotation = descriptor.annotation
    many = get_origin(annotation) is list and len(get_args(annotation)) == 1
    kind = get_args(annotation)[0] if many else annotation
    bounded = getattr(info, "min", None) is not None or getattr(info, "max", None) is not None
    plain = (kind in PLAIN and descriptor.file_annotation is None
             and getattr(info, "parser", None) is None and not getattr(info, "clamp", False)
             and (kind is int or not bounded))
    if not plain:
        return _typer_runtime_param(descriptor)
    return PlainRuntimeParam(parameter_info=info, annotation=annotation, descriptor=descriptor,
                             many=many)


_typer_runtime_param: Any = getattr(_core, "build_runtime_param", None)


def install() -> None:
    """Make typer convert plain values here (once; a no-op with a typer this does not know)."""
    if _typer_runtime_param is not None and _core.build_runtime_param is _typer_runtime_param:
        _core.build_runtime_param = plain_runtime_param
