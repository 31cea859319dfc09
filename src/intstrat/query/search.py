"""Full-text search that forgives lost diacritics: `vaxjo` finds Växjö.

Municipal text often loses its å, ä and ö (OCR, e-mail, keyboards abroad), so
both the query and the text are folded: decomposed (NFKD), combining marks
dropped, case folded. Every term must occur (AND); hits rank by where they
occur (a title counts more than a quote) and how often.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from intstrat.format.values import LocalText, fold, fold_char
from intstrat.loading.repository import Repository

WEIGHTS = {
    "title": 5,
    "name": 5,
    "result": 3,
    "summary": 2,
    "purpose": 1,
    "description": 1,
    "quote": 1,
}
SNIPPET = 50


def _folded_with_origins(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index it came from."""
    out: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char)
        out.append(folded)
        origins.extend([index] * len(folded))
    return "".join(out), origins


@dataclass(frozen=True)
class Hit:
    kind: str
    """project or partner"""
    id: str
    title: str
    path: str
    score: int
    field: str
    snippet: str
    spans: list[tuple[int, int]]
    """Where the terms are in `snippet`, as (start, end)."""


def _texts(value: LocalText | str | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, LocalText):
        return list(value.all())
    return [value]


def _fields(repo: Repository) -> Iterator[tuple[str, str, str, str, list[tuple[str, str]]]]:
    for entry in repo.project_entries:
        p = entry.record
        fields = [("title", t) for t in _texts(p.title)]
        fields += [("summary", t) for t in _texts(p.summary)]
        fields += [("purpose", t) for t in _texts(p.purpose)]
        for r in p.results:
            fields += [("result", t) for t in _texts(r.title) + _texts(r.description)]
        for q in p.quotes:
            fields += [("quote", t) for t in [*_texts(q.text), q.name, *_texts(q.role)]]
        yield "project", p.id, p.title.get("sv"), entry.path, fields
    for partner_entry in repo.partner_entries:
        partner = partner_entry.record
        fields = [("name", t) for t in _texts(partner.name)]
        fields += [("description", t) for t in _texts(partner.description)]
        yield "partner", partner.id, partner.name.get("sv"), partner_entry.path, fields


def search(repo: Repository, query: str, lang: str = "sv") -> list[Hit]:
    terms = [t for t in fold(query).split() if t]
    if not terms:
        return []
    hits = []
    for kind, ident, title, path, fields in _fields(repo):
        folded = [(name, text, fold(text)) for name, text in fields]
        if not all(any(term in f for _, _, f in folded) for term in terms):
            continue
        score = sum(WEIGHTS[name] * f.count(term) for name, _, f in folded for term in terms)
        best = max(folded, key=lambda x: WEIGHTS[x[0]] * sum(x[2].count(t) for t in terms))
        snippet, spans = _snippet(best[1], terms)
        hits.append(Hit(kind, ident, title, path, score, best[0], snippet, spans))
    return sorted(hits, key=lambda h: (-h.score, h.id))


def _snippet(text: str, terms: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """The text around the first match, and where the terms are in it."""
    flat = " ".join(text.split())
    folded, origins = _folded_with_origins(flat)
    matches = sorted((folded.index(t, i), len(t)) for t in terms for i in [0] if t in folded)
    first = origins[matches[0][0]] if matches else 0
    start = max(0, first - SNIPPET)
    end = min(len(flat), first + SNIPPET * 2)
    if start > 0:
        start = flat.rfind(" ", 0, start) + 1
    piece = flat[start:end]
    spans = []
    for term in terms:
        at = 0
        while (found := folded.find(term, at)) != -1:
            s, e = origins[found], origins[found + len(term) - 1] + 1
            if start <= s and e <= end:
                spans.append((s - start, e - start))
            at = found + 1
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(flat) else ""
    shift = len(prefix)
    return prefix + piece + suffix, sorted((s + shift, e + shift) for s, e in spans)


def hits_json(hits: list[Hit]) -> str:
    """Hits as a JSON array, for scripts."""
    import json

    return json.dumps([hit.__dict__ for hit in hits], ensure_ascii=False, indent=2)
