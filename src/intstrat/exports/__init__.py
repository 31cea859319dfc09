"""The repository for other tools: normalised tables as CSV, Excel, JSON and SQLite.

May import `intstrat.query`, `intstrat.domain` and everything below them.
"""
