"""The command line: one module per group of commands, and what they share.

A command parses its arguments, calls one library function, and turns the
result into output and an exit code; terminal presentation (tables, panels,
bars) is in `terminal`, the error handler and shared options in `common`.
The entry module `intstrat.cli` only registers the commands. This is the top
of the import graph: it may import everything, and nothing imports it.
"""
