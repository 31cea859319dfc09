"""Full-text search that forgives lost diacritics: `vaxjo` finds Växjö.

Municipal text often loses its å, ä and ö (OCR, e-mail, keyboards abroad), so
both the query and the text are folded: decomposed (NFKD), combining marks
dropped, case folded. Every term must occur (AND); hits rank by where they
occur (a title counts more than a quote) and how often.

The index (`search_repository`): each record's searchable fields and their folded
text, kept in the content cache (`loading.cache`) beside the record and keyed by
the file's content hash. When the cache knows every record file as it is now, a
search reads only the index: the folded texts are scanned for the terms, and the
fields of the records that have all of them are scored by the same code as
`search`, so results and ranking are the same as a search of the loaded records.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from intstrat.format.values import FOLD_TABLE, LocalText, fold
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
    folded = fold(text)
    if len(folded) == len(text) and all(len(FOLD_TABLE[ord(c)]) == 1 for c in set(text)):
        return folded, list(range(len(text)))  # every character folds to one
    out: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        piece = FOLD_TABLE[ord(char)]
        out.append(piece)
        origins.extend([index] * len(piece))
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


def _fields(repo: Repository) -> Iterator[Document]:
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


Document = tuple[str, str, str, str, list[tuple[str, str]]]


def _terms(query: str) -> list[str]:
    return [t for t in fold(query).split() if t]


def search(repo: Repository, query: str, lang: str = "sv", limit: int | None = None) -> list[Hit]:
    """Every record that holds all the words, best first (the first `limit` of them)."""
    terms = _terms(query)
    if not terms:
        return []
    return _ranked(_fields(repo), terms, limit)


def _ranked(
    documents: Iterable[Document | tuple[str, str, str, str, list[tuple[str, str]], list[str]]],
    terms: list[str],
    limit: int | None,
) -> list[Hit]:
    """Hits of the documents that hold every term, best first.

    The order is by score, then id (then the documents' order); the snippet is made
    only for the hits returned.
    """
    scored = []
    for kind, ident, title, path, fields, *known in documents:
        if known:  # folded already (the index holds the folded texts)
            folded = [(n, t, f) for (n, t), f in zip(fields, known[0], strict=True)]
        else:
            folded = [(name, text, fold(text)) for name, text in fields]
        if not all(any(term in f for _, _, f in folded) for term in terms):
            continue
        weighted = [WEIGHTS[name] * sum(f.count(t) for t in terms) for name, _, f in folded]
        top = max(weighted)
        # The first field with the most weighted occurrences gives the snippet.
        best = folded[weighted.index(top)]
        scored.append((kind, ident, title, path, sum(weighted), best))
    scored.sort(key=lambda h: (-h[4], h[1]))
    hits = []
    for kind, ident, title, path, score, best in scored[:limit]:
        snippet, spans = _snippet(best[1], terms)
        hits.append(Hit(kind, ident, title, path, score, best[0], snippet, spans))
    return hits


#: The name of the index among the cache's documents.
INDEX = "search-v1"
#: Between the folded text and the fields of a document in the index: a byte UTF-8
#: never holds.
_SPLIT = b"\xff"


def _indexed(document: Document) -> bytes:
    """A record's entry in the index: its folded fields (one per line), then the fields."""
    folded = "\0".join(fold(text) for _name, text in document[4])
    return folded.encode() + _SPLIT + json.dumps(document, ensure_ascii=False).encode()


def search_repository(
    root: Path, query: str, *, limit: int | None = None, cache: bool | None = None
) -> list[Hit]:
    """`search` of the repository at `root`: from the index when the cache knows every
    record file as it is, else by loading the repository (and indexing it)."""
    from intstrat.loading.repository import cached_records, load_repository

    terms = _terms(query)
    if not terms:
        return []
    known = cached_records(root) if cache is not False else None
    if known is not None:
        store, partners, projects = known
        index = store.documents(INDEX)
        order = [*projects, *partners]
        if all(index.get(path, (None,))[0] == digest for path, digest in order):
            wanted = [t.encode() for t in terms]
            found = []
            for path, _digest in order:
                folded, _split, fields = index[path][1].partition(_SPLIT)
                if all(term in folded for term in wanted):
                    kind, ident, title, where, pairs = json.loads(fields)
                    texts = folded.decode().split("\0")
                    found.append((kind, ident, title, where, [(n, t) for n, t in pairs], texts))
            return _ranked(found, terms, limit)
    repo = load_repository(root, cache=cache)
    if cache is not False and repo.digests:
        _index(root, repo)
    return _ranked(_fields(repo), terms, limit)


def _index(root: Path, repo: Repository) -> None:
    """Store the index of a loaded repository in its cache."""
    from intstrat.loading.repository import open_cache

    store = open_cache(root)
    if store is None:
        return
    entries = [(document, repo.digests.get(document[3])) for document in _fields(repo)]
    store.put_documents(
        INDEX, [(doc[3], digest, _indexed(doc)) for doc, digest in entries if digest is not None]
    )


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
