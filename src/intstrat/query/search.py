"""Full-text search that forgives lost diacritics: `vaxjo` finds Växjö.

Municipal text often loses its å, ä and ö (OCR, e-mail, keyboards abroad), so
both the query and the text are folded: decomposed (NFKD), combining marks
dropped, case folded. Every term must occur (AND); hits rank by where they
occur (a title counts more than a quote) and how often.

The index (`search_repository`): each record's searchable fields and their folded
text, kept in the content cache (`loading.cache`) beside the record and keyed by
the file's content hash. When the cache knows every record file as it is now, a
search reads only the index. There a record's folded text is grouped by weight, so
its score is a few counts over bytes; only the hits shown are decoded, and scored
and cut into snippets by the same code as `search`. Results and ranking are those
of a search of the loaded records.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from intstrat.errors import UsageError
from intstrat.format.values import FOLD_TABLE, LocalText, fold
from intstrat.i18n import _
from intstrat.loading.repository import Repository
from intstrat.query.filters import Duplicate, duplicates, unique

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


def _fields(repo: Repository, every: bool = False) -> Iterator[Document]:
    """Each record's searchable fields; an id that several files share, once (`unique`),
    unless `every` (the index holds every file, and `_once` chooses when it is read)."""
    choose = list if every else unique
    for entry in choose(repo.project_entries):
        p = entry.record
        fields = [("title", t) for t in _texts(p.title)]
        fields += [("summary", t) for t in _texts(p.summary)]
        fields += [("purpose", t) for t in _texts(p.purpose)]
        for r in p.results:
            fields += [("result", t) for t in _texts(r.title) + _texts(r.description)]
        for q in p.quotes:
            fields += [("quote", t) for t in [*_texts(q.text), q.name, *_texts(q.role)]]
        yield "project", p.id, p.title.get("sv"), entry.path, fields
    for partner_entry in choose(repo.partner_entries):
        partner = partner_entry.record
        fields = [("name", t) for t in _texts(partner.name)]
        fields += [("description", t) for t in _texts(partner.description)]
        yield "partner", partner.id, partner.name.get("sv"), partner_entry.path, fields


Document = tuple[str, str, str, str, list[tuple[str, str]]]


def _terms(query: str) -> list[str]:
    # NUL parts a record's fields in the index: a term never holds one.
    return [t for t in fold(query).replace("\0", " ").split() if t]


def search(repo: Repository, query: str, lang: str = "sv", limit: int | None = None) -> list[Hit]:
    """Every record that holds all the words, best first (the first `limit` of them)."""
    terms = _terms(query)
    if not terms:
        return []
    return _ranked(_fields(repo), terms, limit)


def _ranked(documents: Iterable[Document], terms: list[str], limit: int | None) -> list[Hit]:
    """Hits of the documents that hold every term, best first.

    The order is by score, then id (then the documents' order); the snippet is made
    only for the hits returned.
    """
    scored = []
    for kind, ident, title, path, fields in documents:
        folded = [(name, text, fold(text)) for name, text in fields]
        if not all(any(term in f for _, _, f in folded) for term in terms):
            continue
        weighted = _weighted(folded, terms)
        scored.append((-sum(weighted), ident, (kind, ident, title, path, folded)))
    scored.sort(key=lambda h: (h[0], h[1]))
    return [_hit(*document, terms) for *_, document in scored[:limit]]


def _weighted(folded: list[tuple[str, str, str]], terms: list[str]) -> list[int]:
    """Each field's weighted count of the terms."""
    return [WEIGHTS[name] * sum(f.count(t) for t in terms) for name, _, f in folded]


def _hit(
    kind: str,
    ident: str,
    title: str,
    path: str,
    folded: list[tuple[str, str, str]],
    terms: list[str],
) -> Hit:
    weighted = _weighted(folded, terms)
    # The first field with the most weighted occurrences gives the snippet.
    name, text, _ = folded[weighted.index(max(weighted))]
    snippet, spans = _snippet(text, terms)
    return Hit(kind, ident, title, path, sum(weighted), name, snippet, spans)


#: The names of the index among the cache's documents: each record's id and folded text
#: (read whole by every search), and its document (read for the hits shown).
INDEX = "search-v2"
TEXTS = "search-v2-texts"
#: The weights in the order the index groups a record's folded fields by.
_CLASSES = sorted(set(WEIGHTS.values()), reverse=True)
#: Between the id and the groups of folded fields: a byte UTF-8 never holds.
_GROUP = b"\xfe"


def _indexed(document: Document) -> bytes:
    """A record's entry in the index: its id, then its folded fields grouped by weight
    (NUL between two fields, so no term matches across them)."""
    groups: dict[int, list[str]] = {weight: [] for weight in _CLASSES}
    for name, text in document[4]:
        groups[WEIGHTS[name]].append(fold(text))
    return _GROUP.join([document[1].encode(), *("\0".join(groups[w]).encode() for w in _CLASSES)])


def _ranked_index(entries: Iterable[tuple[str, bytes]], terms: list[str]) -> list[str]:
    """The paths of the entries (path, indexed) that hold every term, best first: the
    order of `_ranked`, counted over each entry's groups (ids order equal scores the
    same way, since UTF-8 bytes sort as their characters)."""
    wanted = [t.encode() for t in terms]
    scored = []
    for path, entry in entries:
        ident, _group, folded = entry.partition(_GROUP)
        if not all(term in folded for term in wanted):
            continue
        score = 0
        for weight, group in zip(_CLASSES, folded.split(_GROUP), strict=True):
            for term in wanted:
                score += weight * group.count(term)
        scored.append((-score, ident, path))
    scored.sort(key=lambda h: (h[0], h[1]))
    return [path for *_, path in scored]


@dataclass(frozen=True)
class Found:
    """What a search of a repository found, and the record files it could not search."""

    hits: list[Hit]
    left_out: list[str]
    """Record files with errors: not loaded, so not searched (`check` says why)."""
    duplicates: list[Duplicate] = field(default_factory=list)
    """Ids that several files share: each searched once, in the file `unique` keeps."""


def search_repository(
    root: Path, query: str, *, limit: int | None = None, cache: bool | None = None
) -> Found:
    """`search` of the repository at `root`: from the index when the cache knows every
    record file as it is, else by loading the repository (and indexing it)."""
    from intstrat.loading.listing import cached_listing
    from intstrat.loading.repository import load_repository

    terms = _terms(query)
    if not terms:
        raise UsageError(
            _("'{query}' has no word to search for; give one or more words").format(query=query)
        )
    known = cached_listing(root) if cache is not False else None
    if known is not None:
        store, invalid = known.store, known.invalid
        index = store.documents(INDEX)
        order = [*known.projects, *known.partners]
        if all(index.get(path, (None,))[0] == digest for path, digest in order):
            entries, twice = _once(
                [("project", p, index[p][1]) for p, _ in known.projects]
                + [("partner", p, index[p][1]) for p, _ in known.partners]
            )
            best = _ranked_index(entries, terms)[:limit]
            texts = store.documents(TEXTS, best)
            if all(texts.get(path, (None,))[0] == index[path][0] for path in best):
                hits = [_hit(*_document(texts[path][1]), terms) for path in best]
                return Found(hits, invalid, twice)
    repo = load_repository(root, cache=cache)
    if cache is not False and repo.digests:
        _index(root, repo)
    return Found(_ranked(_fields(repo), terms, limit), repo.left_out, duplicates(repo))


def _once(
    entries: list[tuple[str, str, bytes]],
) -> tuple[list[tuple[str, bytes]], list[Duplicate]]:
    """The index's (path, entry) pairs with each kind's id once, kept as `unique` keeps
    it (the file named after the id, else the first), and the ids that were not."""
    kept: dict[tuple[str, str], str] = {}
    paths: dict[tuple[str, str], list[str]] = {}
    for kind, path, entry in entries:
        key = (kind, entry.partition(_GROUP)[0].decode())
        paths.setdefault(key, []).append(path)
        have = kept.get(key)
        named = path.rpartition("/")[2] == f"{key[1]}.yaml"
        if have is None or (named and have.rpartition("/")[2] != f"{key[1]}.yaml"):
            kept[key] = path
    if len(kept) == len(entries):
        return [(path, entry) for _, path, entry in entries], []
    chosen = set(kept.values())
    twice = [
        Duplicate(kind, ident, sorted(where), kept[kind, ident])
        for (kind, ident), where in paths.items()
        if len(where) > 1
    ]
    return [(path, entry) for _, path, entry in entries if path in chosen], twice


def _document(
    data: bytes,
) -> tuple[str, str, str, str, list[tuple[str, str, str]]]:
    kind, ident, title, path, pairs = json.loads(data)
    return kind, ident, title, path, [(name, text, fold(text)) for name, text in pairs]


def _index(root: Path, repo: Repository) -> None:
    """Store the index of a loaded repository in its cache."""
    from intstrat.loading.files import utf8_name
    from intstrat.loading.listing import open_cache

    store = open_cache(root)
    if store is None:
        return
    entries = [(document, repo.digests.get(document[3])) for document in _fields(repo, every=True)]
    known = [(d, digest) for d, digest in entries if digest is not None and utf8_name(d[3])]
    store.put_documents(INDEX, [(doc[3], digest, _indexed(doc)) for doc, digest in known])
    store.put_documents(
        TEXTS,
        [(doc[3], digest, json.dumps(doc, ensure_ascii=False).encode()) for doc, digest in known],
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
