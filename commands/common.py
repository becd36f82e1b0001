"""What every command shares: the options, opening the ledger for a write or a read, rendering
(rich on a terminal, `--json` for machines) and progress bars that stay quiet when piped.

Nothing heavy is imported at module level, so `ledger --help` stays fast; the ledger and the
read side are imported when a command runs, rich when something is rendered with it, and a read
of an up-to-date ledger opens neither the write side nor SQLAlchemy.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from ledger.i18n import N_, _, ngettext


class LazyConsole:
    """A rich `Console`, made on first use: importing rich costs a good part of a write command,
    and many runs (help, JSON output, a write's plain confirmation) never need it."""

    def __init__(self, **options: Any):
        self._options = options
        self._console: Any = None

    def real(self) -> Any:
        """The rich `Console` itself (made now if need be)."""
        if self._console is None:
            from rich.console import Console

            keep_amounts_whole()
            options = dict(self._options)
            if options.get("soft_wrap") is None:
                options["soft_wrap"] = not wraps(sys.stderr if options.get("stderr")
                                                 else sys.stdout)
            options.setdefault("file", _Unpadded(bool(options.get("stderr"))))
            self._console = Console(**options)
        return self._console

    def __getattr__(self, name: str) -> Any:
        if name in ("_console", "_options"):  # not yet set (a copy in the making)
            raise AttributeError(name)
        return getattr(self.real(), name)

    @property
    def is_terminal(self) -> bool:
        # Answered without rich when the stream plainly is no terminal (piped or captured) and no
        # setting tells rich to think otherwise; rich decides in every other case.
        stream = sys.stderr if self._options.get("stderr") else sys.stdout
        if self._console is None and not _isatty(stream) and not any(
                name in os.environ for name in RICH_TERMINAL_SETTINGS):
            return False
        return bool(self.__getattr__("is_terminal"))


class _Unpadded:
    """The console's stream (whatever sys.stdout or sys.stderr is at the time of writing) with the
    spaces at the end of each line left out: rich pads table titles and leaves a space where it
    soft-wraps, which a terminal hides but a file, a diff or a copied line keeps. Spaces at the end
    of a piece of output are held until the next piece shows whether a line follows."""

    _END = re.compile(r" +((?:\x1b\[[0-9;]*m)*)(?=\r?\n)")

    def __init__(self, stderr: bool):
        self._stderr = stderr
        self._pending = ""
        self._last: Any = None

    @property
    def _stream(self) -> Any:
        return sys.stderr if self._stderr else sys.stdout

    def write(self, text: str) -> int:
        stream = self._stream
        if stream is not self._last:  # a new stream (a test's captured output): nothing carried
            self._pending, self._last = "", stream
        whole = self._END.sub(r"\1", self._pending + text)
        kept = whole.rstrip(" ")
        self._pending = whole[len(kept):]
        stream.write(kept)
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


RICH_TERMINAL_SETTINGS = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS",
                          "JUPYTER_LINES")


def keep_amounts_whole() -> None:
    """Rich wraps text at whitespace, which would tear "€ 1.060.000" from its sign. Its word
    pattern (rich._wrap.re_word, read on every wrap) is given the ledger's tokens
    (commands/layout.py), so an amount wraps as one word; tests/cli/test_columns.py fails if a
    rich release stops reading it."""
    from rich import _wrap

    from commands.layout import RICH_WORD

    _wrap.re_word = RICH_WORD


def wraps(stream: Any) -> bool:
    """Whether long lines are wrapped (at word boundaries) for this stream: on a terminal, and
    wherever COLUMNS says how wide the reader's screen is. Piped output without COLUMNS keeps
    each line whole, for programs that read it."""
    return _isatty(stream) or bool(os.environ.get("COLUMNS", "").strip())


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


console: Any = LazyConsole(highlight=False, soft_wrap=None)
err_console: Any = LazyConsole(stderr=True, highlight=False, soft_wrap=None)

def _json_given(ctx: typer.Context, value: bool) -> bool:
    """Remembers, for the whole run, that `--json` was given: a refusal is then a JSON object
    too (commands/main.py)."""
    if value:
        ctx.meta["ledger.json"] = True
    return value


Db = Annotated[str | None, typer.Option(
    "--db", help=_("Database URL: sqlite:///FILE or postgresql://USER@HOST:PORT/DB "
                   "(default: $LEDGER_DB, else sqlite:///ledger.db)."), show_default=False)]
Actor = Annotated[str | None, typer.Option(
    "--actor", help=_("Who records this (default: $LEDGER_ACTOR, else your login name)."),
    show_default=False)]
On = Annotated[str | None, typer.Option(
    "--on", help=_("Effective date YYYY-MM-DD: when it took effect in the world (default: "
                   "today)."), metavar=_("DATE"), show_default=False)]
Ref = Annotated[list[str] | None, typer.Option(
    "--ref", help=_("Authority or source: zaak:Z/17/011355, doc:166008, besluit:ID (the decision "
                    "it rests on), zie:ID (a decision cited as context), factuur:NR, order:NR, "
                    "aanname:TEXT (a value assumed, not from the source) or an https:// address. "
                    "Repeatable."), show_default=False)]
Reason = Annotated[str | None, typer.Option("--reason", help=_("Why this is recorded."),
                                            show_default=False)]
CommandId = Annotated[str | None, typer.Option(
    "--command-id", help=_("Idempotency key: repeating the same command with it is a no-op."),
    show_default=False)]
SigningKeyOpt = Annotated[str | None, typer.Option(
    "--signing-key", help=_("Sign what is recorded with the actor's private key in this file "
                            "(default: $LEDGER_SIGNING_KEY)."), metavar=_("FILE"),
    show_default=False)]
Json = Annotated[bool, typer.Option("--json", help=_("Print JSON instead of a table."),
                                    callback=_json_given)]
ReadOn = Annotated[str | None, typer.Option(
    "--on", help=_("Valid time: the world as it stood on this date (default: today)."),
    metavar=_("DATE"), show_default=False)]
AsOf = Annotated[str | None, typer.Option(
    "--as-of", help=_("Transaction time: only what the ledger had recorded by this moment "
                      "(timestamp, date or log position #N)."), show_default=False)]

Instrument = Annotated[str | None, typer.Option(
    "--instrument", help=_("Instrument: omgevingsvisie, omgevingsprogramma, omgevingsplan, "
                           "participatieverordening, convenant, gezamenlijke-programmering, "
                           "mantelbuizen, graafrust, verordening, handhaving, subsidie, other."),
    show_default=False)]
Level = Annotated[str | None, typer.Option(
    "--level", help=_("Level: strategisch, tactisch, operationeel."), show_default=False)]
Role = Annotated[str | None, typer.Option(
    "--role", help=_("The gemeente's role: visionair, sturend, faciliterend, toetsend, "
                     "uitvoerend."), show_default=False)]


def CorrectsOpt(help: str) -> Any:  # noqa: N802 (reads as the option it makes)
    """The `--corrects POSITION` option, with its own help."""
    return typer.Option("--corrects", help=help, metavar=_("POSITION"), show_default=False)


def show_number(n: Any) -> str:
    """A whole number for a person to read: 125.574 in Dutch, 125,574 in English."""
    from ledger.i18n import language

    try:
        text = f"{int(n):,}"
    except (TypeError, ValueError):
        return str(n)
    return text.replace(",", ".") if language() == "nl" else text


def bounded(low: int, high: int | None = None) -> Callable[[Any], Any]:
    """A callback that refuses a whole number outside `low`..`high` as a usage error (exit 2),
    like typer's own `min`/`max`, without printing the bounds in the help (the help names the
    value with a metavar such as N or POSITION instead)."""

    def check(value: Any) -> Any:
        if value is None:
            return value
        for v in value if isinstance(value, list | tuple) else [value]:
            if v < low or (high is not None and v > high):
                if high is None or high >= 2**62:
                    raise typer.BadParameter(_("{value} is not a whole number of at least "
                                               "{low}.").format(value=v, low=low))
                raise typer.BadParameter(_("{value} is not a whole number from {low} to "
                                           "{high}.").format(value=v, low=low, high=high))
        return value

    return check


@dataclass
class Globals:
    db: str | None = None
    actor: str | None = None
    json: bool = False


def db_url(db: str | None, ctx: typer.Context | None) -> str | None:
    """The database a command opens: its own --db when given (even an empty one, which
    ledger.storage.parse_url refuses), else the global --db, else None ($LEDGER_DB, then
    sqlite:///ledger.db)."""
    return db if db is not None else globals_of(ctx).db


def globals_of(ctx: typer.Context | None) -> Globals:
    obj = ctx.find_root().obj if ctx is not None else None
    return obj if isinstance(obj, Globals) else Globals()


SIGNING_KEY_VAR = "LEDGER_SIGNING_KEY"


def given_signing_key(option: str | None) -> Any:
    """The private key to sign with (`--signing-key`, else `LEDGER_SIGNING_KEY`), read before
    anything is opened: an unreadable file is refused with nothing written. None when no key
    is given (and then `cryptography` is not even imported: most writes are unsigned)."""
    import os

    path = option if option is not None else os.environ.get(SIGNING_KEY_VAR, "").strip()
    if not path:
        return None
    from ledger.signing import read_signing_key

    return read_signing_key(path)


class Write:
    """A write command's context: the opened ledger and the envelope built from the options."""

    def __init__(self, ctx: typer.Context, *, db: str | None = None, actor: str | None = None,
                 on: str | None = None, ref: Sequence[str] | None = None, reason: str | None = None,
                 command_id: str | None = None, json_out: bool = False,
                 corrects: int | None = None, signing_key: str | None = None):
        from ledger.application import open_ledger
        from ledger.envelope import make_envelope

        g = globals_of(ctx)
        self.json = json_out or g.json
        self.env = make_envelope(actor=actor or g.actor, on=on, refs=list(ref or []),
                                 reason=reason, command_id=command_id, corrects=corrects)
        key = given_signing_key(signing_key)
        self.ledger: Any = open_ledger(db_url(db, ctx))
        if key is not None:
            self.ledger.sign_with(key)

    def correcting(self, position: int | None) -> None:
        """The write corrects the event at `position` (`--corrects`), when one is given."""
        if position is not None:
            from dataclasses import replace

            from ledger.chain import check_position

            self.env = replace(self.env, corrects=check_position(position, "position to correct"))

    def close(self) -> None:
        if self.ledger is not None:
            self.ledger.close()
            self.ledger = None

    def stored(self, outcome: Any) -> list[dict[str, Any]]:
        """The events a write stored (or, for a repeat, had stored), as the ledger holds them:
        each its payload with `event` (e.g. `Decision.Ratified`) and `position` added. A
        confirmation is made from these, never from the options as typed."""
        found: list[dict[str, Any]] = []
        if self.ledger is None:
            return found
        for position in outcome.positions:
            row = self.ledger.raw.event_at(position)
            if row is None:
                continue
            data = dict(self.ledger.mapper.transcoder.decode(row.state))
            data["event"] = str(row.topic).rsplit(":", 1)[-1]
            data["position"] = position
            found.append(data)
        return found

    def party_name(self, key: Any) -> str:
        """A party as "Leiden (GM0546)", as registered (else its key as given)."""
        if not key or self.ledger is None:
            return str(key or "")
        from ledger.domain.party import Party

        found = self.ledger.find(Party, str(key))
        return f"{found.name} ({found.key})" if found is not None else str(key)

    def done(self, outcome: Any, message: str) -> None:
        """Report a write: what was stored (`message`, made from the stored values, see
        `stored`) at which positions, or that it was a repeat."""
        self.close()
        if self.json:
            print_json(outcome.as_dict())
            return
        where = positions_text(outcome.positions)
        if outcome.replayed:
            say(_("Already recorded (command id {command_id}): {what}, {where}. Nothing new was "
                  "written.").format(command_id=printable(self.env.command_id),
                                     what=printable(message),
                                     where=where or _("at an earlier position")))
        else:
            say(_("Recorded: {what}").format(what=printable(message)),
                dim=_("({where}).").format(where=where) if where else "")


def positions_text(positions: Sequence[int]) -> str:
    """`event #57` / `events #57 and #58` in the language in use."""
    if not positions:
        return ""
    marks = [f"#{p}" for p in positions]
    listed = marks[0] if len(marks) == 1 else _("{first} and {last}").format(
        first=", ".join(marks[:-1]), last=marks[-1])
    return ngettext("event {positions}", "events {positions}", len(marks)).format(
        positions=listed)


class Read:
    """A read command's context: the read side caught up, and a journal reader for the horizon.
    When the journal already holds the whole log (the usual case), the ledger itself is not
    opened: the read imports neither eventsourcing, nor the aggregates, nor SQLAlchemy."""

    def __init__(self, ctx: typer.Context, *, db: str | None = None, on: str | None = None,
                 as_of: str | None = None, json_out: bool = False):
        from ledger.dates import parse_date, parse_moment
        from ledger.storage import parse_url
        from projections.reading import Horizon, Reader, is_current

        g = globals_of(ctx)
        self.json = json_out or g.json
        self.store = parse_url(db_url(db, ctx))
        self._ledger: Any = None
        tail = [] if is_current(self.store) else catch_up(self.ledger)
        upto = None
        self.as_of_text = as_of
        if as_of:
            moment = parse_moment(as_of)
            upto = (moment if isinstance(moment, int)
                    else Reader(self.store, tail=tail).position_at(moment))
        self.on = parse_date(on, "date (--on)") if on else None
        self.reader = Reader(self.store, Horizon(self.on, upto), tail=tail)

    @property
    def horizon(self) -> Any:
        return self.reader.horizon

    def fingerprint(self) -> str:
        """The ledger's fingerprint at the horizon's moment (`--as-of`), else its head: printed
        on reports so a reader can later prove the ledger still extends what they saw."""
        from ledger.storage import RawLog

        with RawLog(self.store) as raw:
            return str(raw.fingerprint_at(self.horizon.upto))

    @property
    def ledger(self) -> Any:
        """The opened ledger (opened on first use)."""
        if self._ledger is None:
            from ledger.application import open_ledger

            self._ledger = open_ledger(self.store)
        return self._ledger

    def close(self) -> None:
        if self._ledger is not None:
            self._ledger.close()
            self._ledger = None

    def answered(self, data: Any) -> bool:
        """Close the read; with `--json`, print `data` as JSON and say so: the command is done."""
        self.close()
        if self.json:
            print_json(data)
        return bool(self.json)

    def shown(self, found: Any, missing: str, hint: str, **names: Any) -> Any:
        """The one thing a `show` command looked up, for its table: the read is closed; when
        nothing was found the refusal `missing` (a sentence with `{horizon}` and `names`) with
        its hint; with `--json` it is printed and None comes back (the command is done)."""
        from ledger.errors import NotFound

        self.close()
        if found is None:
            raise NotFound(missing.format(horizon=horizon_caption(self), **names), hint=hint)
        return None if self.answered(found) else found


def catch_up(ledger: Any) -> list[Any]:
    """Bring the read side up to date, with a progress bar when there is much to do. A role that
    may only read (the auditor's) leaves the views as they are: the events they lack come back as
    entries for the reader to fold in memory."""
    from projections.journal import catch_up as pull
    from projections.journal import pending
    from projections.tables import create_tables, views_writable

    create_tables(ledger.store)
    if not views_writable(ledger.store):
        return pending(ledger)
    with progress_bar(_("Updating views")) as tick:
        pull(ledger, progress=tick)
    return []


@contextmanager
def progress_bar(label: str):
    """Yields tick(done, total). Draws a rich progress bar only when stderr is a terminal."""
    if not err_console.is_terminal:
        yield lambda done, total: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err_console.real(), transient=True) as progress:
        task = progress.add_task(label, total=None)

        def tick(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total or None)

        yield tick


def plain(value: Any) -> str:
    """User-given text made safe for the terminal: rich markup escaped (a party named `[/]` must
    print as itself, not fail as markup) and control characters shown as escapes (`\\n`, `\\x1b`),
    so that no text stored in the ledger can move the cursor or forge a line of output."""
    from rich.markup import escape

    return escape(printable(value))


def printable(value: Any) -> str:
    """Text with its control characters shown as escapes (see `plain`), not yet markup-safe."""
    text = str(value)
    if not text.isprintable():
        text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return text


# What rich could read as markup or as an emoji code in a line: such lines go through rich.
_RICH_SYNTAX = re.compile(r"[\[\]]|:\S*?:")


def say(text: str, *, dim: str = "") -> None:
    """Print one line of printable text (see `printable`) and, dimmed, a remark after it. On a
    terminal, or when the line holds anything rich would read as markup, rich prints it; else
    rich would print exactly the text (no colour, soft wrap), so it is written as it stands,
    without importing rich."""
    if console.is_terminal or _RICH_SYNTAX.search(text + dim) or not (text + dim).isprintable() \
            or wraps(sys.stdout):
        from rich.markup import escape

        console.print(escape(text) + (f" [dim]{escape(dim)}[/dim]" if dim else ""))
        return
    sys.stdout.write(text + (f" {dim}" if dim else "") + "\n")


def print_json(data: Any) -> None:
    import json

    from projections.reading import jsonable

    sys.stdout.write(json.dumps(jsonable(data), ensure_ascii=False, indent=2) + "\n")


def table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]],
          caption: str | None = None) -> None:
    """A table on the console, fitted to its width without splitting a word, date or amount, or
    stacked (one block per row) when it cannot fit (commands/layout.py). Cells hold recorded
    text: a "[loopt]" in it prints as written, never as rich markup."""
    from commands.layout import fitted_table

    cells = [["" if v is None else printable(v) for v in r] for r in rows]
    console.print(fitted_table(printable(title) if title else None,
                               [printable(c) for c in columns], cells, console.width,
                               caption=printable(caption) if caption else None))


def horizon_caption(read: Read) -> str:
    """The horizon of a read in words: "per 5 oktober 2021, zoals vastgelegd tot #12"."""
    from ledger.dates import show_date

    h = read.horizon
    on = (_("on {date}").format(date=show_date(h.on)) if h.on else _("on today"))
    upto = (_("as recorded by #{position}").format(position=h.upto) if h.upto is not None
            else _("as the ledger knows it now"))
    return f"{on}, {upto}"


def render(read_or_json: bool, data: Any, show: Callable[[], None]) -> None:
    if read_or_json:
        print_json(data)
    else:
        show()


def write_output(text: str, output: Path | None, what: str | None = None) -> None:
    """Text to standard output as it stands, or into the file `output`, saying so: "Written to
    FILE" on the terminal, or "WHAT written to FILE" on stderr when `what` names it (so that the
    text itself can go to standard output in a pipe). A file that cannot be written is refused
    in one sentence."""
    if output is None:
        sys.stdout.write(text)
        return
    _write_file(output, text.encode("utf-8"))
    if what:
        err_console.print(_("{what} written to {file}").format(what=what, file=plain(output)))
    else:
        console.print(_("Written to {file}").format(file=plain(output)))


# What the operating system said, in the language in use (its own words are English).
OS_PROBLEMS = {"ENOENT": N_("the folder does not exist"), "EACCES": N_("permission denied"),
               "EPERM": N_("permission denied"), "EISDIR": N_("it is a folder"),
               "ENOTDIR": N_("a part of the path is not a folder"),
               "ENOSPC": N_("the disk is full"), "EROFS": N_("the disk is read-only"),
               "EEXIST": N_("the file exists already")}


def os_problem(e: OSError) -> str:
    """An operating system's refusal in a few words, in the language in use."""
    import errno

    name = errno.errorcode.get(e.errno or 0, "")
    if name in OS_PROBLEMS:
        return _(OS_PROBLEMS[name])
    return e.strerror or type(e).__name__


def _write_file(output: Path, data: bytes) -> None:
    from ledger.errors import InvalidInput

    try:
        output.write_bytes(data)
    except OSError as e:
        raise InvalidInput(_("Cannot write {file}: {problem}.").format(
            file=output, problem=os_problem(e)),
            hint=_("Choose a file in a folder you may write to.")) from None


def write_printed(doc: Any, fmt: str, output: Path | None) -> None:
    """A document (projections.document) as PDF or Word into `output` (a binary file; never the
    terminal)."""
    from ledger.errors import InvalidInput
    from projections import printed

    if output is None:
        raise InvalidInput(_("A {format} file cannot go to the terminal.").format(
            format=fmt.upper()),
            hint=_("Give --output with a file name, e.g. -o rapport.{ext}.").format(ext=fmt))
    _write_file(output, printed.to_pdf(doc) if fmt == "pdf" else printed.to_docx(doc))
    console.print(_("Written to {file}").format(file=plain(output)))


def print_document(doc: Any) -> None:
    """A report document (projections.document) on the terminal: text wrapped at word
    boundaries to the console's width, tables fitted or stacked (commands/layout.py)."""
    from rich.markup import escape as x

    from commands.layout import fitted_table, wrap
    from projections.document import cell

    width = console.width

    def lines(text: str, style: str = "", indent: str = "") -> None:
        wrapped = wrap(text, max(width - len(indent), 10)).split("\n")
        for n, line in enumerate(wrapped):
            lead = indent if n == 0 else " " * len(indent)
            body = f"[{style}]{x(line)}[/{style}]" if style else x(line)
            console.print(f"{x(lead)}{body}", soft_wrap=True)

    lines(doc.title, "bold")
    if doc.subtitle:
        lines(doc.subtitle, "dim")
    for label, value in getattr(doc, "meta", []):
        lines(f"{label}: {value}")
    for s in doc.sections:
        console.print()
        lines(s.title, "bold underline")
        for p in s.paragraphs:
            lines(p)
        for i in s.items:
            lines(i, indent="  • ")
        for t in s.tables:
            rows = [[cell(v, doc.lang) for v in r] for r in t.rows]
            if t.totals:
                rows.append([cell(v, doc.lang) for v in t.totals])
            console.print(fitted_table(t.title or None, list(t.columns), rows, width,
                                       bold_last=bool(t.totals)))
            if t.note:
                lines(t.note, "dim")
    if getattr(doc, "notes", None):
        console.print()
        for n in doc.notes:
            lines(n)
    if doc.footer:
        console.print()
        for f in doc.footer:
            lines(f, "dim")
