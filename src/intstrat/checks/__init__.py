"""Layer 3 of the checks: the repository's rules across records, and how findings print.

`rules` checks references, periods, policy and the rest over a loaded
repository; `output` turns diagnostics into text, GitHub annotations or JSON.
May import `intstrat.loading`, `intstrat.format` and the base modules.
"""
