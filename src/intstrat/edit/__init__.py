"""Writing records for people: `fmt` (canonical layout, comments kept), `new` and `init`.

Everything here writes atomically and never overwrites what a person wrote
without reading it back. May import `intstrat.load`, `intstrat.format` and the
base modules.
"""
