"""The command line: one module per command group, each command thin (parameters, one application
call, one render). `commands.main` joins the groups and is the one place where a refused command
becomes a sentence on stderr and an exit code.

The command modules do without `from __future__ import annotations`: typer reads a command's
annotations when it builds that command (`commands/lazy.py`), and annotations kept as strings are
then compiled and evaluated one by one, several milliseconds for a command with many options."""
