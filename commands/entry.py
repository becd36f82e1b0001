"""The `ledger` program's entry point: the language chosen first (`--lang`, else `$LEDGER_LANG`,
else Dutch; ledger/i18n.py), so that the commands, their help included, are built in it; then
`commands.main.run`."""

from __future__ import annotations

import sys


def run() -> None:
    from ledger.errors import LedgerError
    from ledger.i18n import _, language_in, set_language

    try:
        set_language(language_in(sys.argv[1:]))
    except LedgerError as e:
        words = sys.argv[1:]
        if "--json" in (words[:words.index("--")] if "--" in words else words):
            import json

            sys.stderr.write(json.dumps({"error": e.message, "hint": e.hint or None, "exit": 2},
                                        ensure_ascii=False) + "\n")
            raise SystemExit(2) from None
        sys.stderr.write(_("Error: {message}").format(message=e.message) + "\n")
        if e.hint:
            sys.stderr.write(_("Hint: {hint}").format(hint=e.hint) + "\n")
        raise SystemExit(2) from None
    from commands.main import run as main

    main()


if __name__ == "__main__":
    run()
