"""Questions asked of a loaded repository: filters, search, statistics, rows, one record.

Behind `list`, `show`, `search` and `stats`. Returns plain data (rows, hits,
cards), never terminal output. May import `intstrat.domain` and everything below it.
"""
