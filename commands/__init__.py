"""The command line: one module per command group, each command thin (parameters, one application
call, one render). `commands.main` joins the groups and is the one place where a refused command
becomes a sentence on stderr and an exit code."""
