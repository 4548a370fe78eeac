"""Read a corpus: folders or files of ``.txt`` articles with a metadata
sidecar, and ``.jsonl`` files with one article per line.

Articles are streamed one at a time, so a corpus of any size runs in flat
memory.  A broken input (a missing file, an empty article, undecodable
bytes, a bad JSON line, metadata for an article that is not there) is
reported through ``on_problem`` as an :class:`InputError` naming the file and
what is wrong, and the rest of the corpus is still read.

>>> problems = []
>>> for article in iter_articles(["articles/"], on_problem=problems.append):  # doctest: +SKIP
...     print(article.article_id, article.published)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from geoborder.corpus.metadata import SIDECAR_NAMES, find_sidecar, read_sidecar
from geoborder.corpus.published import published_in_text
from geoborder.errors import InputError
from geoborder.records import Article

ProblemHandler = Callable[[InputError], None]
ARTICLE_SUFFIXES = (".txt", ".jsonl")


def _raise(problem: InputError) -> None:
    raise problem


def _decode(path: Path, data: bytes, line: int | None = None) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid UTF-8: undecodable byte 0x{data[exc.start]:02x} at byte {exc.start}",
                         line=line) from None


def _make_article(article_id: str, text: str, path: Path, meta: dict, *, line: int | None = None) -> Article:
    if not text.strip():
        raise InputError(path, "the article is empty", line=line, record=None if line is None else article_id)
    published, published_from = meta.get("published"), "metadata" if meta.get("published") else None
    if not published:
        published = published_in_text(text)
        published_from = "text" if published else None
    return Article(article_id=article_id, text=text, path=str(path), published=published,
                   published_from=published_from, title=meta.get("title"), source=meta.get("source"),
                   url=meta.get("url"), line=line)


def _iter_jsonl(path: Path, on_problem: ProblemHandler) -> Iterator[Article]:
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(_decode(path, raw, lineno))
                if not isinstance(record, dict):
                    raise InputError(path, f"expected a JSON object, got {type(record).__name__}", line=lineno)
                article_id = record.get("id")
                if article_id in (None, ""):
                    raise InputError(path, "record has no 'id'", line=lineno)
                text = record.get("text")
                if not isinstance(text, str):
                    raise InputError(path, "record has no 'text' string", line=lineno, record=str(article_id))
                meta = {k: (str(record[k]) if record.get(k) not in (None, "") else None)
                        for k in ("published", "source", "url", "title")}
                if meta["published"]:
                    try:
                        meta["published"] = date.fromisoformat(meta["published"][:10]).isoformat()
                    except ValueError:
                        raise InputError(path, f"'published' is {meta['published']!r}, not a YYYY-MM-DD date",
                                         line=lineno, record=str(article_id)) from None
                yield _make_article(str(article_id), text, path, meta, line=lineno)
            except json.JSONDecodeError as exc:
                on_problem(InputError(path, f"not valid JSON: {exc.msg} (column {exc.colno})", line=lineno))
            except InputError as exc:
                on_problem(exc)


def _iter_txt(path: Path, meta: dict) -> Article:
    return _make_article(path.stem, _decode(path, path.read_bytes()), path, meta)


def _folder_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and p.suffix in ARTICLE_SUFFIXES and p.name not in SIDECAR_NAMES)


def _sidecar_for(folder: Path, cache: dict, on_problem: ProblemHandler) -> dict:
    if folder not in cache:
        sidecar = find_sidecar(folder)
        cache[folder] = {}
        if sidecar is not None:
            try:
                cache[folder] = read_sidecar(sidecar, on_problem)
            except InputError as exc:
                on_problem(exc)
            stems = {p.stem for p in folder.glob("*.txt")}
            for key in sorted(set(cache[folder]) - stems):
                on_problem(InputError(sidecar, f"metadata for '{key}', but there is no {key}.txt in {folder}",
                                      record=key))
    return cache[folder]


def iter_articles(paths: Iterable[str | Path], on_problem: ProblemHandler = _raise) -> Iterator[Article]:
    """Yield every article under the given files and folders, in a stable order."""
    sidecars: dict[Path, dict] = {}
    seen: dict[str, str] = {}
    for given in paths:
        root = Path(given)
        if not root.exists():
            on_problem(InputError(root, "no such file or folder"))
            continue
        if root.is_dir():
            files = _folder_files(root)
            if not files:
                on_problem(InputError(root, "the folder holds no .txt or .jsonl articles"))
        elif root.suffix in ARTICLE_SUFFIXES:
            files = [root]
        else:
            on_problem(InputError(root, f"not an article file: expected {' or '.join(ARTICLE_SUFFIXES)}"))
            continue
        for path in files:
            try:
                if path.suffix == ".jsonl":
                    articles = _iter_jsonl(path, on_problem)
                else:
                    meta = _sidecar_for(path.parent, sidecars, on_problem).get(path.stem, {})
                    articles = [_iter_txt(path, meta)]
                for article in articles:
                    if article.article_id in seen:
                        on_problem(InputError(path, f"article id '{article.article_id}' was already read from "
                                                    f"{seen[article.article_id]}; this one is skipped",
                                              record=article.article_id, line=article.line))
                        continue
                    seen[article.article_id] = article.path
                    yield article
            except InputError as exc:
                on_problem(exc)
            except OSError as exc:
                on_problem(InputError(path, f"cannot be read: {exc.strerror or exc}"))
