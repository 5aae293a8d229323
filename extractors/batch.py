"""Documents in batches: work items in (files, rows of a table of texts), rows out (claims,
indicators, documents, articles as tuples in DESIGN column order), and the tables they are
written to (CSV for people, partitioned Parquet). Shared by the CLI, --jobs, --dask and the
corpus; the engine, pandas and pyarrow are imported where they are used."""
from __future__ import annotations

import logging
import os
from typing import Iterable, Iterator

# reliab: one formula neutralisation for every CSV for people (csvsafe, re-exported by table.py)
from .csvsafe import FORMULA_PREFIXES, neutralise_cell as csv_cell  # noqa: F401  (csv_cell: the name used here)

logger = logging.getLogger(__name__)


# --- documents as work items ----------------------------------------------------------------
# An item is a file path (str) or a row of a table of texts (dict with doc_id and text), the
# usual shape of a crawled corpus: one row per document in a .parquet or .jsonl file.

TABLE_SUFFIXES = (".parquet", ".jsonl")
TABLE_COLUMNS = ("doc_id", "text", "published", "title")


def is_text_table(path: str | os.PathLike) -> bool:
    return str(path).lower().endswith(TABLE_SUFFIXES)


def iter_table_rows(path: str | os.PathLike) -> Iterator[dict]:
    """The documents of a Parquet or JSONL table of texts, one dict per row, read in batches.
    Raises ValueError naming the file when a row has no doc_id or text."""
    path = str(path)
    if path.lower().endswith(".parquet"):
        import pyarrow.parquet as pq

        source = pq.ParquetFile(path)
        columns = [c for c in TABLE_COLUMNS if c in source.schema_arrow.names]
        batches = (batch.to_pylist() for batch in source.iter_batches(batch_size=256, columns=columns))
        rows = (row for batch in batches for row in batch)
    else:
        import json

        def jsonl() -> Iterator[dict]:
            with open(path, encoding="utf-8-sig") as fh:
                for number, line in enumerate(fh, 1):
                    if line.strip():
                        try:
                            yield json.loads(line)
                        except ValueError as err:
                            raise ValueError(f"{path}: line {number}: not JSON: {err}") from None
        rows = jsonl()
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not row.get("doc_id") or not isinstance(row.get("text"), str):
            raise ValueError(f"{path}: row {number}: needs doc_id and text")
        yield {"doc_id": str(row["doc_id"]), "text": row["text"], "path": f"{path}#{number}",
               "published": str(row.get("published") or ""), "title": str(row.get("title") or "")}


def iter_items(paths: Iterable[str | os.PathLike], errors: list[str]) -> Iterator[str | dict]:
    """Files under paths (folders recursively, sorted) and the rows of tables of texts among
    them; a missing path or an unreadable table is one line in errors."""
    from pathlib import Path

    paths = [Path(p) for p in paths]
    for missing in (p for p in paths if not p.exists() and not p.is_symlink()):
        errors.append(f"{missing}: no such file or folder")
    for path in _expand(paths):
        if path in paths and is_text_table(path):
            try:
                yield from iter_table_rows(path)
            except (OSError, ValueError) as err:
                errors.append(one_line(str(err) if str(path) in str(err) else f"{path}: {err}"))
            except Exception as err:  # a corrupt Parquet file: pyarrow's own exception types
                errors.append(one_line(f"{path}: cannot read the table: {type(err).__name__}: {err}"))
        else:
            yield str(path)


def _expand(paths: list) -> list:
    """The files named and those under the folders named (recursively, sorted). A table of
    texts counts only when named itself: a folder's .jsonl may be anything (gold files are)."""
    from .ingest import iter_paths

    # a dangling link or a loop goes on to read_document, which names it in its one line
    return iter_paths([p for p in paths if p.exists() or p.is_symlink()])


def item_name(item: str | dict) -> str:
    return item if isinstance(item, str) else item.get("path") or item.get("doc_id", "?")


def one_line(text: str) -> str:
    """A message kept on one line whatever a file name holds."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def read_item(item: str | dict):
    """The Document of a work item; raises ingest.ReadError for an unreadable file."""
    from .ingest import read_document, stated_date
    from .model import Document

    if isinstance(item, str):
        return read_document(item)
    text = item["text"]
    return Document(doc_id=item["doc_id"], text=text, path=item.get("path", ""), format="txt",
                    encoding="utf-8", title=item.get("title", ""),
                    published=item.get("published") or stated_date(text))


# --- rows: claims, documents, articles and indicators as tuples in DESIGN column order ------

def claim_rows(claims) -> list[tuple]:
    """Claims as tuples in CLAIM_COLUMNS order, numbers as plain decimal strings (no float
    rounding); attrgetter instead of dataclasses.asdict, which deep-copies every field."""
    import operator

    from .model import CLAIM_COLUMNS
    from .table import format_decimal

    numeric = {"value", "value_high", "multiplier", "value_normalized"}
    get = operator.attrgetter(*CLAIM_COLUMNS)
    positions = [i for i, name in enumerate(CLAIM_COLUMNS) if name in numeric]
    rows = []
    for claim in claims:
        row = list(get(claim))
        for i in positions:
            row[i] = format_decimal(row[i])
        rows.append(tuple(row))
    return rows


def indicator_rows(claims: list[tuple]) -> list[tuple]:
    """The indicators.csv rows of one document's claim rows (CLAIM_COLUMNS tuples)."""
    # indic: the row path of extractors.indicators, without a DataFrame per document
    from .indicators import indicator_rows as rows_of_claims

    return rows_of_claims(claims) if claims else []


INDICATOR_COLUMNS = ("indicator_id", "indicator_zh", "indicator_en", "subject_id", "subject", "period",
                     "status", "measure", "direction", "bound", "value", "value_high", "unit",
                     "published", "doc_id", "claim_id", "sentence")


def document_rows(doc, published: str | None = None) -> dict:
    """Extract one Document into rows: {"document", "claims", "articles", "indicators"}."""
    from . import pipeline
    from .model import ARTICLE_COLUMNS, DOCUMENT_COLUMNS

    result = pipeline.extract_document(doc, published=published)
    claims = claim_rows(result.claims)
    return {"document": tuple(result.document_row.get(c, "") for c in DOCUMENT_COLUMNS),
            "claims": claims, "indicators": indicator_rows(claims),
            "articles": [tuple(row.get(c, "") for c in ARTICLE_COLUMNS) for row in result.article_rows]}


def extract_item(item: str | dict, published: str | None = None) -> dict:
    """Read and extract one work item: document_rows(), or {"error": one line naming it}."""
    from .ingest import ReadError

    try:
        doc = read_item(item)
    except ReadError as err:
        return {"error": one_line(str(err))}
    try:
        return document_rows(doc, published)
    except Exception as err:  # an extractor bug on one document must not lose the batch
        logger.warning("extractor failed on %s", item_name(item), exc_info=True)
        return {"error": one_line(f"{item_name(item)}: extractor failed: {type(err).__name__}: {err}")}


# --- output tables: streaming CSV for people, partitioned Parquet for machines --------------

OUTPUT_TABLES = ("claims", "indicators", "documents", "articles")


def table_schema(name: str):
    """The Arrow schema of an output table: DESIGN columns, counts and offsets int64, text else."""
    import pyarrow as pa

    from .model import ARTICLE_COLUMNS, CLAIM_COLUMNS, DOCUMENT_COLUMNS

    columns, ints = {"claims": (CLAIM_COLUMNS, ("start", "end")),
                     "documents": (DOCUMENT_COLUMNS, ("characters", "claims")),
                     "articles": (ARTICLE_COLUMNS, ("start", "end", "claims")),
                     "indicators": (INDICATOR_COLUMNS, ())}[name]
    return pa.schema([(c, pa.int64() if c in ints else pa.string()) for c in columns])


def arrow_table(name: str, rows: list[tuple]):
    """Rows (tuples in column order) as an Arrow table of table_schema(name); None -> ''."""
    import pyarrow as pa

    schema = table_schema(name)
    columns = list(zip(*rows)) if rows else [()] * len(schema)
    arrays = []
    for field, values in zip(schema, columns):
        if pa.types.is_integer(field.type):
            arrays.append(pa.array([None if v in ("", None) else int(v) for v in values], field.type))
        else:
            arrays.append(pa.array(["" if v is None else str(v) for v in values], field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


class TablesOut:
    """claims / indicators / documents / articles of many documents, written as they come:
    OUT/NAME.csv (UTF-8 with BOM) or OUT/NAME/part-NNNNN.parquet (one part per `part_docs`
    documents). Nothing but the current part is held in memory; files appear on close()."""

    def __init__(self, out_dir, fmt: str = "csv", part_docs: int = 256, first_part: int = 0) -> None:
        from pathlib import Path

        self.out, self.fmt, self.part_docs = Path(out_dir), fmt, part_docs
        self.part = first_part
        self.buffer: dict[str, list] = {name: [] for name in OUTPUT_TABLES}
        self.buffered_docs = 0
        self.documents = self.claims = 0
        self.out.mkdir(parents=True, exist_ok=True)
        self.files: dict[str, tuple] = {}
        if fmt == "csv":
            self._open_csvs()

    def write(self, rows: dict) -> None:
        """Add one document's rows (document_rows(), or render_csv() of them for CSV)."""
        if "csv" in rows:
            self.flush()                # what came before goes first: documents stay in order
            for name, (handle, _, _) in self.files.items():
                handle.write(rows["csv"][name])
            self.documents += 1
            self.claims += rows["claims"]
            return
        self.buffer["documents"].append(rows["document"])
        for name in ("claims", "indicators", "articles"):
            self.buffer[name].extend(rows[name])
        self.documents += 1
        self.claims += len(rows["claims"])
        self.buffered_docs += 1
        if self.buffered_docs >= self.part_docs or len(self.buffer["claims"]) >= 200_000:
            self.flush()

    def flush(self) -> None:
        if self.fmt == "csv":
            for name, (_, _, writer) in self.files.items():
                writer.writerows(csv_rows(self.buffer[name]))
        elif self.buffered_docs:
            import pyarrow.parquet as pq

            for name in OUTPUT_TABLES:
                folder = self.out / name
                folder.mkdir(exist_ok=True)
                pq.write_table(arrow_table(name, self.buffer[name]), folder / f"part-{self.part:06d}.parquet")
            self.part += 1
        self.buffer = {name: [] for name in OUTPUT_TABLES}
        self.buffered_docs = 0

    def close(self) -> None:
        self.flush()
        for name, (handle, tmp, _) in self.files.items():
            handle.close()
            os.replace(tmp, self.out / f"{name}.csv")
        self.files = {}

    def abort(self) -> None:
        from pathlib import Path

        for handle, tmp, _ in self.files.values():
            handle.close()
            Path(tmp).unlink(missing_ok=True)
        self.files = {}

    def _open_csvs(self) -> None:
        import csv
        import tempfile

        for name in OUTPUT_TABLES:
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.csv.", dir=self.out)
            handle = os.fdopen(fd, "w", encoding="utf-8-sig", newline="")
            writer = csv.writer(handle)
            writer.writerow(table_schema(name).names)
            self.files[name] = (handle, tmp, writer)


def render_csv(rows: dict) -> dict:
    """One document's rows (document_rows()) as the CSV text of each table, formulas
    neutralised: done in a worker process, the writing process only writes."""
    import csv
    import io

    out = {}
    for name in OUTPUT_TABLES:
        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerows(csv_rows([rows["document"]] if name == "documents" else rows[name]))
        out[name] = buffer.getvalue()
    return {"csv": out, "claims": len(rows["claims"])}


def clear_parts(out_dir) -> None:
    """Remove the part files of an earlier run in OUT/NAME/, so that they do not mix with this one."""
    from pathlib import Path

    for name in OUTPUT_TABLES:
        for old in (Path(out_dir) / name).glob("part-*.parquet"):
            old.unlink()


def csv_rows(rows: Iterable[tuple]) -> list[tuple]:
    """Rows for a CSV for people, every cell through csvsafe.neutralise_cell. Column by column:
    a column none of whose cells starts like a formula (nearly all) is left as it is."""
    rows = list(rows)
    if not rows:
        return rows
    columns = list(zip(*rows))
    changed = False
    for j, column in enumerate(columns):
        if not _FORMULA_FIRST.isdisjoint({v[:1] for v in column if type(v) is str}):
            columns[j] = tuple(map(csv_cell, column))
            changed = True
    return list(zip(*columns)) if changed else rows


_FORMULA_FIRST = {prefix[:1] for prefix in FORMULA_PREFIXES}