"""Writing records for people: `fmt` (canonical layout, comments kept), `new` and `init`.

Everything here writes atomically and never overwrites what a person wrote
without reading it back. May import `intstrat.loading`, `intstrat.format` and the
base modules.
"""
