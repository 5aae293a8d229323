"""All the dashboard's data access: one in-process DuckDB database over the corpus files.

Filters, series and counts are SQL; only the rows that are drawn or shown
(a chart's sample, a table's first page, one indicator's series) come back
as pandas. The corpus is read where it lies:

1. `extractors.corpus.current_files(data_dir)`: the Parquet parts of the
   corpus's current atomic view (claims, indicators, documents, articles);
2. else the `extract --format parquet` layout (DIR/claims/, DIR/indicators/,
   DIR/documents/ of Parquet files); an empty corpus is empty tables.

A text search is answered by dashboard/search.py (a bigram index per claims part, cached
outside the corpus): DuckDB then tests indicator and subject on the Parquet, and the index
names the rows found by their sentence alone. Counts and samples of a view are read
without its kind and status filters and narrowed in pandas, so that changing those two
reuses cached answers; samples come from a pool made on the first run (sample_pool).

Where no indicators table is stored it is built from the claims by
`extractors.indicators.indicators_frame` (a small alias table below stands in
where that module is missing).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from extractors import corpus
from extractors.model import CLAIM_COLUMNS, DOCUMENT_COLUMNS

from . import search
from .present import short_title

logger = logging.getLogger(__name__)

INDICATOR_COLUMNS = ("indicator_id", "indicator_zh", "indicator_en", "subject_id", "subject", "period",
                     "status", "measure", "direction", "bound", "value", "value_high", "unit", "published",
                     "doc_id", "claim_id", "sentence")
# Sidebar filters of the claims explorer: URL parameter -> claims column (f_: not the
# indicator view's ?measure= and ?subject=).
FILTERS = {"f_doc": "doc_id", "f_article": "article", "f_kind": "kind", "f_measure": "measure",
           "f_status": "status", "f_unit": "unit", "f_period": "period"}
SEARCH_COLUMNS = search.SEARCH_COLUMNS
SERIES_ROWS = 5000    # rows of one indicator's series sent to the chart
SAMPLE_ROWS = 2000    # points per claim chart; more are sampled
SEARCH_ROWS = 1_000_000  # a text search keeps whole rows up to this many matches (~250 MB)
RESIDUAL_ROWS = 2_000_000  # claims a search finds by their sentence alone, named by file and row (16 bytes each), at most
LITE_ROWS = 250_000  # of those, kept with their light columns (LITE_COLUMNS, ~100 bytes each) up to this many
HAS_VALUE = "coalesce(CAST(value_normalized AS VARCHAR), '') <> ''"

# Until extractors.indicators lands: the DESIGN.md ids, their names and the
# phrases that name them (longest match wins: 一般公共预算收入 before 收入).
FALLBACK_CATALOGUE = (
    ("gdp", "国内生产总值", "GDP", ("国内生产总值", "地区生产总值", "生产总值", "经济总量", "GDP")),
    ("cpi", "居民消费价格", "Consumer prices", ("居民消费价格", "消费价格", "CPI")),
    ("urban_new_jobs", "城镇新增就业", "New urban jobs", ("城镇新增就业", "新增城镇就业")),
    ("surveyed_unemployment_rate", "城镇调查失业率", "Surveyed unemployment rate", ("调查失业率",)),
    ("registered_unemployment_rate", "城镇登记失业率", "Registered unemployment rate", ("登记失业率",)),
    ("deficit_ratio", "赤字率", "Deficit ratio", ("赤字率",)),
    ("fiscal_revenue", "一般公共预算收入", "General public budget revenue", ("一般公共预算收入", "财政收入")),
    ("fixed_asset_investment", "固定资产投资", "Fixed-asset investment", ("固定资产投资",)),
    ("retail_sales", "社会消费品零售总额", "Retail sales of consumer goods", ("社会消费品零售总额",)),
    ("industrial_value_added", "规模以上工业增加值", "Industrial value added",
     ("规模以上工业增加值", "规上工业增加值", "工业增加值")),
    ("foreign_trade", "进出口总额", "Foreign trade", ("进出口总额", "外贸进出口", "进出口")),
    ("grain_output", "粮食产量", "Grain output", ("粮食产量", "粮食总产量")),
    ("per_capita_disposable_income", "居民人均可支配收入", "Per-capita disposable income",
     ("居民人均可支配收入", "人均可支配收入")),
)


# --------------------------------------------------------------- files -----

def corpus_files(data_dir: str | Path) -> dict[str, list[str]]:
    """Parquet files of the current view by table name; {} when the corpus is the Arrow generation."""
    data_dir = Path(data_dir)
    current = getattr(corpus, "current_files", None)
    if current is not None:
        try:
            files = current(data_dir)
        except (OSError, ValueError) as err:
            logger.warning("corpus.current_files(%s): %s", data_dir, err)
            files = {}
        if files.get("claims"):
            return {k: [str(p) for p in v] for k, v in files.items() if v}
    found = {name: sorted(str(p) for p in (data_dir / name).rglob("*.parquet"))
             for name in ("claims", "indicators", "documents", "articles")}
    return {k: v for k, v in found.items() if v} if found["claims"] else {}


def is_extract_output(data_dir: str | Path) -> bool:
    """True for a folder written by `extract --format parquet` (claims/ of Parquet, no corpus pointer):
    shown as it is, never rebuilt from the seeds."""
    data_dir = Path(data_dir)
    return not (data_dir / corpus.POINTER).exists() and any((data_dir / "claims").glob("*.parquet"))


def data_fingerprint(data_dir: str | Path) -> str:
    """Changes whenever the corpus changes: the files of the current view and their
    modification times, or the generation pointer's bytes (replaced atomically on every write)."""
    data_dir = Path(data_dir)
    h = hashlib.sha1()
    files = corpus_files(data_dir)
    try:
        for name in sorted(files):
            for path in files[name]:
                st = os.stat(path)
                h.update(f"{path}:{st.st_mtime_ns}:{st.st_size};".encode())
        pointer = data_dir / corpus.POINTER
        if pointer.exists():
            h.update(f"{pointer.stat().st_mtime_ns}:".encode() + pointer.read_bytes())
    except OSError:
        return "empty"
    return h.hexdigest()[:16]


# ------------------------------------------------------------ database -----

def _sql_list(paths: Sequence[str]) -> str:
    return "[" + ", ".join("'" + p.replace("'", "''") + "'" for p in paths) + "]"


class CorpusDB:
    """The corpus as DuckDB views `claims`, `documents`, `articles`, `indicators`
    (typed views `cl` and `ind` on top; `claims_pos` adds each row's file (its place in the list)
    and row number, which the text search's index names). Thread-safe: every query runs on its own cursor."""

    def __init__(self, data_dir: str | Path, memory_limit: str = "1GB"):
        self.data_dir = Path(data_dir)
        self.con = duckdb.connect(":memory:", config={"memory_limit": memory_limit,
                                                      "preserve_insertion_order": "true"})
        self._lock = threading.RLock()  # memo() makers may call memo()
        self._searches: list[str] = []
        self._memo: dict = {}
        self._whole: dict[str, bool] = {}
        # search table name -> (rows named, None: too many; whether any indicator or subject holds the query;
        # the table of those rows' light columns, if made)
        self._hits: dict[str, tuple[bool | None, bool, str | None]] = {}
        self.index: search.CorpusIndex | None = None
        files = corpus_files(self.data_dir)
        for name in ("claims", "documents", "articles", "indicators"):
            if files.get(name):
                self.con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet("
                                 f"{_sql_list(files[name])}, union_by_name = true)")
        self.claim_files = files.get("claims", [])
        if files.get("claims"):
            self.con.execute(f"CREATE VIEW claims_pos AS SELECT *, file_index FROM read_parquet("
                             f"{_sql_list(files['claims'])}, union_by_name = true, file_row_number = true)")
            try:
                self.index = search.CorpusIndex(files["claims"])
            except (OSError, ValueError, pa.ArrowException) as err:  # no index: the search scans
                logger.warning("no search index for %s: %s", self.data_dir, err)
        for name, columns in (("claims", CLAIM_COLUMNS), ("documents", DOCUMENT_COLUMNS),
                              ("articles", ("doc_id", "article", "start", "end", "byline", "claims"))):
            if not self._has(name):
                self._empty(name, columns)
        if not self._has("indicators"):
            self._build_indicators()
        self._typed_views()

    # -- setup --
    def _has(self, name: str) -> bool:
        return bool(self.con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = ? AND NOT internal",
                                     [name]).fetchall()[0][0]
                    or self.con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?",
                                        [name]).fetchall()[0][0])

    def _empty(self, name: str, columns: Sequence[str]) -> None:
        ints = {"start", "end", "characters", "claims"}
        cols = ", ".join(f'"{c}" {"BIGINT" if c in ints else "VARCHAR"}' for c in columns)
        self.con.execute(f"CREATE TABLE {name} ({cols})")

    def _build_indicators(self) -> None:
        """indicators from the claims: the engine's catalogue when present, else the fallback aliases."""
        frame = None
        try:
            from extractors.indicators import indicators_frame
        except ImportError:
            indicators_frame = None
        if indicators_frame is not None:
            claims = self.con.execute("SELECT * FROM claims WHERE coalesce(indicator, '') <> ''").df()
            frame = indicators_frame(claims)
        if frame is None:
            frame = self._fallback_indicators()
        frame = frame.reindex(columns=list(INDICATOR_COLUMNS))
        self.con.register("_indicators_df", frame)
        self.con.execute("CREATE TABLE indicators AS SELECT * FROM _indicators_df")
        self.con.unregister("_indicators_df")

    def _fallback_indicators(self) -> pd.DataFrame:
        aliases = pd.DataFrame([(i, zh, en, p) for i, zh, en, phrases in FALLBACK_CATALOGUE for p in phrases],
                               columns=["indicator_id", "indicator_zh", "indicator_en", "phrase"])
        self.con.register("_aliases", aliases)
        frame = self.con.execute("""
            SELECT a.indicator_id, a.indicator_zh, a.indicator_en, '' AS subject_id, c.subject, c.period,
                   c.status, c.measure, c.direction, c.bound, c.value_normalized AS value,
                   CASE WHEN coalesce(c.value_high, '') = '' THEN ''
                        ELSE CAST(TRY_CAST(c.value_high AS DOUBLE) * TRY_CAST(c.multiplier AS DOUBLE) AS VARCHAR)
                   END AS value_high,
                   c.unit, c.published, c.doc_id, c.claim_id, c.sentence
            FROM claims c JOIN _aliases a ON contains(c.indicator, a.phrase)
            QUALIFY row_number() OVER (PARTITION BY c.claim_id ORDER BY length(a.phrase) DESC) = 1
        """).df()
        self.con.unregister("_aliases")
        return _canonical_places(frame)

    def _typed_views(self) -> None:
        self.con.execute("""
            CREATE VIEW cl AS SELECT *, TRY_CAST(value_normalized AS DOUBLE) AS v FROM claims""")
        self.con.execute("""
            CREATE VIEW ind AS SELECT indicator_id, indicator_zh, indicator_en,
                   coalesce(CAST(subject_id AS VARCHAR), '') AS subject_id, coalesce(subject, '') AS subject,
                   coalesce(CAST(period AS VARCHAR), '') AS period, coalesce(status, '') AS status,
                   coalesce(measure, '') AS measure, coalesce(bound, '') AS bound,
                   TRY_CAST(value AS DOUBLE) AS v, TRY_CAST(NULLIF(CAST(value_high AS VARCHAR), '') AS DOUBLE) AS vh,
                   coalesce(unit, '') AS unit, coalesce(CAST(published AS VARCHAR), '') AS published,
                   doc_id, claim_id, sentence
            FROM indicators WHERE TRY_CAST(value AS DOUBLE) IS NOT NULL""")

    def memo(self, key, make):
        """make() once per database (the corpus does not change under it)."""
        with self._lock:
            if key not in self._memo:
                self._memo[key] = make()
            return self._memo[key]

    def search_filter(self, query: str, keep: int = 8) -> tuple[str, tuple, str, str | None] | None:
        """The claims whose indicator, subject or sentence contains `query`, from the index: a
        WHERE clause, its parameters, the view it applies to, and a table of those claims'
        light columns where there is one; None while the index is not ready.
        Indicator and subject are tested by DuckDB on the Parquet (its dictionary: milliseconds),
        where any of their values holds the query (the index's distinct values tell);
        the claims only their sentence matches are rows named by the index (a table, made once;
        None too when there are more than RESIDUAL_ROWS of them: a scan is then as good).
        When those rows are all (no indicator or subject holds the query) and at most LITE_ROWS,
        their light columns are read once into a table (`lite_rows`): the view's counts, samples
        and table page then test thousands of rows, not ten million row numbers each."""
        if self.index is None or len(query) < 2 or not self.index.ready:  # one character: no bigram
            return None
        name = "hits_" + hashlib.sha1(query.encode("utf-8")).hexdigest()[:16]
        with self._lock:
            if name not in self._hits:
                cur = self.con.cursor()
                try:
                    rows = self.index.residual_rows(cur, query)
                    by_name: bool | None = bool(rows)
                    if sum(len(r) for r in rows.values()) > RESIDUAL_ROWS:
                        by_name = None
                    elif rows:
                        found = self.row_keys(rows)
                        cur.register("_found", found)
                        cur.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM _found").fetchall()
                        cur.unregister("_found")
                    by_values = self.index.values_contain(cur, query)
                    lite = None
                    if by_name and not by_values and sum(len(r) for r in rows.values()) <= LITE_ROWS:
                        lite = lite_rows(self, cur, name, found, rows)
                    self._hits[name] = (by_name, by_values, lite)
                    while len(self._hits) > keep:
                        oldest = next(iter(self._hits))
                        for table in (oldest, self._hits.pop(oldest)[2]):
                            if table:
                                cur.execute(f"DROP TABLE IF EXISTS {table}").fetchall()
                finally:
                    cur.close()
            by_name, by_values, lite = self._hits[name]
        if by_name is None:
            return None
        tests = [search.match_sql(c, query) for c in ("indicator", "subject")]
        # no indicator or subject holds the query: not tested on every row (half a page's time at 10 M)
        sql, params = (" OR ".join(t for t, _ in tests), tuple(p for _, p in tests)) if by_values else ("FALSE", ())
        if by_name:
            rows_sql = named_rows(name) if not by_values else \
                f"(file_index, file_row_number) IN (SELECT file_index, file_row_number FROM {name})"
            return (f"({sql}) OR ({rows_sql})" if by_values else rows_sql), params, "claims_pos", lite
        return sql, params, "claims", None

    def row_keys(self, rows: Mapping[str, np.ndarray]) -> pa.Table:
        """(file_index, file_row_number) of these rows (part -> row numbers), in that order;
        a part's file_index is its place in the corpus's list of claims parts."""
        number = {f: i for i, f in enumerate(self.claim_files)}
        return pa.table({
            "file_index": pa.array(np.concatenate([np.full(len(r), number[f], dtype=np.uint64)
                                                   for f, r in rows.items()]), pa.uint64()),
            "file_row_number": pa.array(np.concatenate(list(rows.values())), pa.int64())})

    def search_table(self, query: str, keep: int = 8, whole_rows: int = SEARCH_ROWS) -> tuple[str, bool]:
        """A table of the claims whose indicator, subject or sentence contains `query`
        (made on first use; the `keep` latest are kept), and whether it holds whole
        rows (up to `whole_rows` matches: the view's queries then read only it) or
        only the claim ids (a search that keeps most of a large corpus)."""
        name = "search_" + hashlib.sha1(query.encode("utf-8")).hexdigest()[:16]
        with self._lock:
            if name not in self._searches:
                sql, params = search_sql(query)
                cur = self.con.cursor()
                try:
                    # one pass: whole rows, at most whole_rows + 1 of them (memory stays bounded)
                    cur.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM claims WHERE {sql} "
                                f"LIMIT {int(whole_rows) + 1}", list(params)).fetchall()
                    n = cur.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]
                    if n > whole_rows:  # most of a large corpus: keep the ids only
                        cur.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT claim_id FROM claims WHERE {sql}",
                                    list(params)).fetchall()
                    self._searches.append(name)
                    self._whole[name] = n <= whole_rows
                    while len(self._searches) > keep:
                        cur.execute(f"DROP TABLE IF EXISTS {self._searches.pop(0)}").fetchall()
                finally:
                    cur.close()
        return name, self._whole[name]

    # -- queries --
    def df(self, sql: str, params: Sequence | Mapping = ()) -> pd.DataFrame:
        """A query's (small) result as pandas."""
        cur = self.con.cursor()
        try:
            return cur.execute(sql, params).df()
        finally:
            cur.close()

    def scalar(self, sql: str, params: Sequence | Mapping = ()):
        cur = self.con.cursor()
        try:
            rows = cur.execute(sql, params).fetchall()
            return rows[0][0] if rows else None
        finally:
            cur.close()


def _canonical_places(frame: pd.DataFrame) -> pd.DataFrame:
    """subject -> canonical place name and 6-digit code via extractors.places, where it exists."""
    try:
        from extractors.places import canonical_place
    except ImportError:
        return frame
    names, codes = {}, {}
    for subject in frame["subject"].dropna().unique():
        try:
            place = canonical_place(subject)
        except (ValueError, TypeError):
            place = None
        if place is not None:
            names[subject], codes[subject] = place.name, place.code
    frame = frame.copy()
    frame["subject_id"] = frame["subject"].map(codes).fillna("")
    frame["subject"] = frame["subject"].map(names).fillna(frame["subject"])
    return frame


# ----------------------------------------------------------- the corpus ----

def totals(db: CorpusDB) -> dict[str, int]:
    return {"documents": int(db.scalar("SELECT count(*) FROM documents")),
            "articles": int(db.scalar("SELECT count(*) FROM articles")),
            "claims": int(db.scalar("SELECT count(*) FROM claims"))}


def documents(db: CorpusDB) -> pd.DataFrame:
    """doc_id, title (as a reader names it: present.short_title), published, path of every document."""
    docs = db.df("""SELECT CAST(doc_id AS VARCHAR) AS doc_id, coalesce(title, '') AS title,
                           coalesce(CAST(published AS VARCHAR), '') AS published,
                           coalesce(path, '') AS path FROM documents ORDER BY published, doc_id""")
    docs["title"] = [short_title(t) for t in docs["title"]]
    return docs


def options(db: CorpusDB, column: str) -> list[str]:
    """Distinct non-empty values of a claims column, most frequent first."""
    if column not in CLAIM_COLUMNS:
        raise ValueError(f"not a claims column: {column!r}")
    rows = db.df(f'SELECT CAST("{column}" AS VARCHAR) AS v, count(*) AS n FROM claims '
                 f'WHERE coalesce(CAST("{column}" AS VARCHAR), \'\') <> \'\' GROUP BY 1 ORDER BY n DESC, v')
    return rows["v"].tolist()


@dataclass(frozen=True)
class Where:
    """A WHERE clause on claims, its parameters, and the table it applies to
    (`claims`, or the rows a text search kept). `lite`, where a search made one, is the same
    selection on the table of the found rows' light columns (LITE_COLUMNS, claim_id, value_normalized
    as a number, has_value): what counts, samples and the table page read instead."""
    sql: str = "TRUE"
    params: tuple = ()
    src: str = "claims"
    lite: "Where | None" = None

    def also(self, sql: str, *params) -> "Where":
        return Where(f"({self.sql}) AND ({sql})", self.params + params, self.src,
                     self.lite.also(sql, *params) if self.lite else None)


def search_sql(query: str) -> tuple[str, tuple]:
    """indicator, subject or sentence contains `query` (search.match_sql: case-insensitively
    for a query with Latin letters), as a scan: the index's answer where it is not ready."""
    tests = [search.match_sql(c, query) for c in SEARCH_COLUMNS]
    return " OR ".join(t for t, _ in tests), tuple(p for _, p in tests)


def where(selected: Mapping[str, Sequence[str]] | None = None, query: str = "",
          db: "CorpusDB | None" = None) -> Where:
    """Claims whose columns hold one of the selected values (an empty selection keeps
    all) and whose indicator, subject or sentence contains `query`, case-insensitively.
    With `db`, the text search runs once per query (its claim ids kept in DuckDB):
    the charts, counts and table of one view then never read the sentences again.

    >>> w = where({"kind": ["percent"]}, "GDP")
    >>> w.sql.count("?"), w.params[1]
    (4, 'gdp')
    """
    out = Where()
    for col, values in (selected or {}).items():
        if values:
            if col not in CLAIM_COLUMNS:
                raise ValueError(f"not a claims column: {col!r}")
            out = out.also(f'list_contains(?::VARCHAR[], CAST("{col}" AS VARCHAR))', [str(v) for v in values])
    query = (query or "").strip()
    found = db.search_filter(query) if query and db is not None else None
    if found is not None:
        sql, params, src, lite = found
        out = Where(f"({out.sql}) AND ({sql})", out.params + params, src,
                    Where(out.sql, out.params, lite) if lite else None)
    elif query and db is not None:
        table, whole_rows = db.search_table(query)
        out = Where(out.sql, out.params, table) if whole_rows else \
            out.also(f"claim_id IN (SELECT claim_id FROM {table})")
    elif query:
        sql, params = search_sql(query)
        out = out.also(sql, *params)
    return out


VALUELESS_ROWS = 500_000  # claims without a value kept aside, at most


def valueless(db: CorpusDB) -> str | None:
    """A table of the claims without a value (POOL_COLUMNS), made once per database, so that
    counting the drawable claims of a filter never reads the values (a pass over ten million
    strings); None when there are more than VALUELESS_ROWS of them."""
    def make() -> str | None:
        if not db._has("claims_pos"):
            return None
        cols = ", ".join(f'"{c}"' for c in POOL_COLUMNS)
        cur = db.con.cursor()
        try:
            cur.execute(f"CREATE TABLE valueless AS SELECT {cols} FROM claims_pos WHERE NOT ({HAS_VALUE}) "
                        f"LIMIT {VALUELESS_ROWS + 1}").fetchall()
            if cur.execute("SELECT count(*) FROM valueless").fetchall()[0][0] > VALUELESS_ROWS:
                cur.execute("DROP TABLE valueless").fetchall()
                return None
        finally:
            cur.close()
        return "valueless"
    return db.memo("valueless", make)


LITE_COLUMNS = ("doc_id", "article", "start", "end", "unit", "kind", "measure", "status", "indicator", "subject",
                "period", "file_index", "file_row_number")


def named_rows(table: str) -> str:
    """claims_pos rows whose (file_index, file_row_number) `table` holds. The row number alone is
    tested first: DuckDB tests it inside the Parquet scan (a filter it derives from a one-column
    join), so fewer rows of the other columns are decoded."""
    return (f"file_row_number IN (SELECT file_row_number FROM {table}) AND "
            f"(file_index, file_row_number) IN (SELECT file_index, file_row_number FROM {table})")


def lite_rows(db: CorpusDB, cur: duckdb.DuckDBPyConnection, hits: str, keys: pa.Table,
              rows: Mapping[str, np.ndarray]) -> str | None:
    """A table of the rows `hits` names (`keys` of them, `rows`: part -> sorted row numbers) with their light
    columns from the Parquet, their ids and values (as numbers) from the index, and has_value
    (not among the claims without a value); None where those are not kept aside. Ids and values
    come from the index because rows spread over the corpus touch every row group, and the
    Parquet's nearly-unique dictionaries of those columns are decoded whole in each."""
    aside = valueless(db)
    if aside is None:
        return None
    name = "lite_" + hits.removeprefix("hits_")
    got = db.index.ids_and_values(list(rows.items()))
    found = keys.append_column("claim_id", pa.array([i for part_ids, _ in got for i in part_ids], pa.string())) \
        .append_column("value_normalized", pa.array(np.concatenate([v for _, v in got]), pa.float64(), from_pandas=True))
    cols = ", ".join(f'"{c}"' for c in LITE_COLUMNS)
    cur.register("_lite_ids", found)
    try:
        cur.execute(f"""CREATE OR REPLACE TABLE {name} AS
                        SELECT c.*, i.claim_id, i.value_normalized, v.none IS NULL AS has_value
                        FROM (SELECT {cols} FROM claims_pos WHERE {named_rows(hits)}) c
                        JOIN _lite_ids i USING (file_index, file_row_number)
                        LEFT JOIN (SELECT file_index, file_row_number, TRUE AS none FROM {aside}) v
                             USING (file_index, file_row_number)
                        ORDER BY file_index, file_row_number""").fetchall()
    finally:
        cur.unregister("_lite_ids")
    return name


def kind_status_counts(db: CorpusDB, w: Where) -> pd.DataFrame:
    """Claims under `w` per kind and status (n) and how many of them have a value
    (drawable): one pass for the counts, the targets/actuals metric and the sample sizes
    (the claims without a value counted in their own small table where there is one)."""
    if w.lite is not None:
        return db.df(f"""SELECT coalesce(kind, '') AS kind, coalesce(status, '') AS status, count(*) AS n,
                                count(*) FILTER (WHERE has_value) AS drawable
                         FROM {w.lite.src} WHERE {w.lite.sql} GROUP BY 1, 2""", list(w.lite.params))
    aside = valueless(db) if w.src in ("claims", "claims_pos") and "sentence" not in w.sql else None
    if aside is None:
        return db.df(f"""SELECT coalesce(kind, '') AS kind, coalesce(status, '') AS status, count(*) AS n,
                                count(*) FILTER (WHERE {HAS_VALUE}) AS drawable
                         FROM {w.src} WHERE {w.sql} GROUP BY 1, 2""", list(w.params))
    return db.df(f"""WITH a AS (SELECT coalesce(kind, '') AS kind, coalesce(status, '') AS status, count(*) AS n
                                FROM {w.src} WHERE {w.sql} GROUP BY 1, 2),
                          b AS (SELECT coalesce(kind, '') AS kind, coalesce(status, '') AS status, count(*) AS k
                                FROM {aside} WHERE {w.sql} GROUP BY 1, 2)
                     SELECT a.kind, a.status, a.n, a.n - coalesce(b.k, 0) AS drawable
                     FROM a LEFT JOIN b USING (kind, status)""", list(w.params) * 2)


SAMPLE_BUCKETS = 1_000_003
SAMPLE_KEY = f'hash(doc_id, start, "end") % {SAMPLE_BUCKETS}'  # what makes a claim's id: cheap columns, unlike the id
POOL_FACTOR = 25  # the sample pool holds this many times a chart's points of each kind
# what a Where can test (filters, search, the index's rows) and what a sample returns: no sentence
POOL_COLUMNS = ("claim_id", "doc_id", "article", "start", "end", "value_normalized", "unit", "kind", "measure",
                "status", "indicator", "subject", "period", "file_index", "file_row_number")


def _sample_rate(limit: int, n: int) -> int:
    return int(SAMPLE_BUCKETS * min(1.0, 1.1 * limit / n))


def sample_pool(db: CorpusDB, kinds: Sequence[str], limit: int = SAMPLE_ROWS) -> tuple[str, dict[tuple, int]]:
    """A table of the claims of these kinds whose sample key falls under POOL_FACTOR times the
    rate of the unfiltered corpus, per kind and status (POOL_COLUMNS only), made once per
    database; the rate of each (kind, status).
    Every filter that keeps at least a POOL_FACTOR-th of a kind (a status, a search for 营业收入
    that keeps a twentieth) has its sample inside the pool: one scan of the corpus (on the first
    run, instead of the unfiltered sample's) serves them all."""
    key = ("sample_pool", tuple(sorted(kinds)), int(limit))
    name = "sample_pool_" + hashlib.sha1(repr(key).encode()).hexdigest()[:8]

    def make() -> tuple[str, dict[tuple, int]]:
        if not db._has("claims_pos"):
            return name, {}
        totals = kind_status_counts(db, Where())  # the drawable claims of the whole corpus
        totals = totals[totals["kind"].isin(list(kinds)) & (totals["drawable"] > 0)]
        rates = {(k, st): _sample_rate(limit * POOL_FACTOR, int(n))
                 for k, st, n in zip(totals["kind"], totals["status"], totals["drawable"])}
        if rates:
            rate = "CASE " + " ".join("WHEN kind = ? AND coalesce(status, '') = ? THEN ?" for _ in rates) + " ELSE 0 END"
            cur = db.con.cursor()
            try:
                cols = ", ".join(f'"{c}"' for c in POOL_COLUMNS)
                cur.execute(f"""CREATE TABLE {name} AS SELECT {cols} FROM claims_pos
                                WHERE {HAS_VALUE} AND list_contains(?::VARCHAR[], kind) AND {SAMPLE_KEY} < {rate}""",
                            [list(kinds)] + [x for (k, st), r in rates.items() for x in (k, st, r)]).fetchall()
            finally:
                cur.close()
        return name, rates
    return db.memo(key, make)


def claim_samples(db: CorpusDB, w: Where, totals: Mapping[str, int], limit: int = SAMPLE_ROWS,
                  statuses: Sequence[str] = ()) -> pd.DataFrame:
    """For each kind in `totals` (kind -> drawable claims under `w`) at most about `limit` of its
    claims, in one pass: each kind keeps a claim when a hash of what makes its id (document and
    span) falls under the kind's rate (limit / total), so the sample is the same on every run.
    Read from the sample pool where it holds them all (the same rows: a smaller rate keeps a
    subset of the pool's; `statuses`: those `w` keeps, empty for all), else from the claims.
    Light columns only: the sentence of a point is read when it is clicked."""
    kinds = {k: n for k, n in totals.items() if n}
    if not kinds:
        return pd.DataFrame(columns=["claim_id", "indicator", "value_normalized", "unit", "kind", "period",
                                     "status"])
    rates = {k: _sample_rate(limit, n) for k, n in kinds.items()}
    src = w.src
    if src in ("claims", "claims_pos") and "sentence" not in w.sql:
        pool, pool_rates = sample_pool(db, sorted(totals), limit)
        if pool_rates and all(r <= pool_rate for (k, st), pool_rate in pool_rates.items()
                              if k in rates and (not statuses or st in statuses) for r in (rates[k],)):
            src = pool
    rate = "CASE kind " + " ".join("WHEN ? THEN ?" for _ in kinds) + " ELSE 0 END"
    params = list(w.params) + [list(kinds)] + [x for k, r in rates.items() for x in (k, r)]
    if w.lite is not None:  # the same rows, from the table of the found rows' light columns
        rows = db.df(f"""SELECT claim_id, coalesce(indicator, '') AS indicator, value_normalized, unit, kind,
                                coalesce(period, '') AS period, status
                         FROM {w.lite.src} WHERE ({w.lite.sql}) AND has_value AND list_contains(?::VARCHAR[], kind)
                                                AND {SAMPLE_KEY} < {rate}""",
                     list(w.lite.params) + params[len(w.params):])
    elif src in ("claims", "claims_pos") and "sentence" not in w.sql and db.index is not None and db.index.ready:
        # rows named by place; ids and values from the index (decoding them from the Parquet would read
        # their dictionaries whole in every row group the sample touches)
        rows = db.df(f"""SELECT file_index, file_row_number, coalesce(indicator, '') AS indicator, unit, kind,
                                coalesce(period, '') AS period, status
                         FROM claims_pos WHERE ({w.sql}) AND list_contains(?::VARCHAR[], kind)
                                               AND {SAMPLE_KEY} < {rate}""", params)
        ids, values = np.empty(len(rows), dtype=object), np.full(len(rows), np.nan)
        row_numbers = rows["file_row_number"].to_numpy()
        # each part's rows in file order (the index is read in order), then put back in place
        parts = {int(f): at[np.argsort(row_numbers[at], kind="stable")]
                 for f, at in rows.groupby("file_index").indices.items()}
        got = db.index.ids_and_values([(db.claim_files[f], row_numbers[at]) for f, at in parts.items()])
        for at, (part_ids, part_values) in zip(parts.values(), got):
            ids[at], values[at] = part_ids, part_values
        rows["claim_id"], rows["value_normalized"] = ids, values
        rows = rows[["claim_id", "indicator", "value_normalized", "unit", "kind", "period", "status"]]
    else:  # the value is read after sampling (materialised first), for the few rows kept
        rows = db.df(f"""WITH s AS MATERIALIZED (
                         SELECT claim_id, indicator, value_normalized, unit, kind, period, status FROM {src}
                         WHERE ({w.sql}) AND list_contains(?::VARCHAR[], kind) AND {SAMPLE_KEY} < {rate})
                     SELECT claim_id, coalesce(indicator, '') AS indicator,
                            TRY_CAST(value_normalized AS DOUBLE) AS value_normalized, unit, kind,
                            coalesce(period, '') AS period, status
                     FROM s WHERE {HAS_VALUE}""", params)
    rows = rows[rows["value_normalized"].notna()].sort_values("claim_id", ignore_index=True)
    return rows.groupby("kind", group_keys=False, sort=False).head(limit).reset_index(drop=True)


def claim_rows(db: CorpusDB, w: Where, limit: int) -> pd.DataFrame:
    """The first `limit` claims under `w` in corpus order (the table's page). Rows a search found by
    their sentence alone are picked in its light table; their columns are then read for those few,
    their sentences from the index (a null sentence reads as '')."""
    if w.lite is None or db.index is None:
        return db.df(f"SELECT * FROM {w.src} WHERE {w.sql} LIMIT {int(limit)}", list(w.params))
    page = db.df(f"""SELECT file_index, file_row_number FROM {w.lite.src} WHERE {w.lite.sql}
                     ORDER BY file_index, file_row_number LIMIT {int(limit)}""", list(w.lite.params))
    cur = db.con.cursor()
    try:
        cur.register("_page", pa.Table.from_pandas(page, preserve_index=False))
        rows = cur.execute(f"""SELECT * EXCLUDE (sentence) FROM claims_pos WHERE {named_rows("_page")}
                               ORDER BY file_index, file_row_number""").df()
    finally:
        cur.close()
    parts = rows.groupby("file_index", sort=True).indices  # rows already in part, then row, order
    sentences = db.index.sentences_at([(db.claim_files[int(f)], rows["file_row_number"].to_numpy()[at])
                                       for f, at in parts.items()])
    rows.insert(list(CLAIM_COLUMNS).index("sentence"), "sentence",
                [s for part in sentences for s in part] if len(rows) else pd.Series([], dtype=object))
    return rows


GROUP_ROWS = 20_000  # groups × kinds × statuses kept in one cached frame, at most


def group_counts(db: CorpusDB, w: Where, by: str, top: int = 20) -> pd.DataFrame:
    """Claims per `by` (article or doc_id) and kind, for the `top` groups."""
    if by not in ("article", "doc_id"):
        raise ValueError(f"cannot group by {by!r}")
    w = w.lite or w
    return db.df(f"""WITH g AS (SELECT coalesce(CAST({by} AS VARCHAR), '') AS grp, kind, count(*) AS n
                                FROM {w.src} WHERE {w.sql} GROUP BY 1, 2),
                          t AS (SELECT grp FROM g GROUP BY grp ORDER BY sum(n) DESC LIMIT {int(top)})
                     SELECT g.* FROM g JOIN t USING (grp)""", list(w.params))


def group_kind_status_counts(db: CorpusDB, w: Where, by: str, limit: int = GROUP_ROWS) -> pd.DataFrame | None:
    """Claims per `by`, kind and status under `w` (all groups: a kind or status filter then
    narrows them without a query, see top_groups); None when there are more than `limit` rows."""
    if by not in ("article", "doc_id"):
        raise ValueError(f"cannot group by {by!r}")
    w = w.lite or w
    rows = db.df(f"""SELECT coalesce(CAST({by} AS VARCHAR), '') AS grp, kind, coalesce(status, '') AS status,
                            count(*) AS n
                     FROM {w.src} WHERE {w.sql} GROUP BY 1, 2, 3 LIMIT {int(limit) + 1}""", list(w.params))
    return None if len(rows) > limit else rows


def top_groups(rows: pd.DataFrame, kinds: Sequence[str], statuses: Sequence[str], top: int = 20) -> pd.DataFrame:
    """group_counts' answer out of group_kind_status_counts' rows: the kinds and statuses kept
    (all when empty), claims per group and kind, the `top` groups with most claims."""
    if kinds:
        rows = rows[rows["kind"].isin(list(kinds))]
    if statuses:
        rows = rows[rows["status"].isin(list(statuses))]
    g = rows.groupby(["grp", "kind"], as_index=False, dropna=False)["n"].sum()
    best = g.groupby("grp")["n"].sum().sort_values(ascending=False, kind="stable").head(top).index
    return g[g["grp"].isin(best)].reset_index(drop=True)


INDICATOR_FILTERS = ("doc_id", "measure", "status", "unit", "period")  # claims filters the indicators table has


def units_of_kinds(db: CorpusDB, kinds: Sequence[str]) -> list[str] | None:
    """The units of claims of these kinds (% for percent, 元 and 美元 for money), when no
    such unit is also used by another kind (then a kind filter is a unit filter); else None."""
    pairs = db.memo("kind_units", lambda: db.df(
        "SELECT DISTINCT coalesce(kind, '') AS kind, coalesce(unit, '') AS unit FROM claims"))
    mine = set(pairs.loc[pairs["kind"].isin(list(kinds)), "unit"])
    others = set(pairs.loc[~pairs["kind"].isin(list(kinds)), "unit"])
    return None if mine & others else sorted(mine)


def target_actual_pairs(db: CorpusDB, selected: Mapping[str, Sequence[str]], query: str, w: Where,
                        limit: int = 8) -> pd.DataFrame:
    """Target and actual of the same catalogued indicator, measure, unit and period (the
    latest published of each) among the claims under `w` (made of `selected` and `query`),
    for the `limit` pairs with most claims. Read from the indicators table (a fraction of the
    claims): filters on its own columns apply there, the others through the claims."""
    selected = {c: list(v) for c, v in selected.items() if v}
    units = units_of_kinds(db, selected.get("kind", []))  # read once per corpus, on the first run
    if selected.get("status") and not {"target", "actual"} <= set(selected["status"]):
        return pd.DataFrame(columns=["claim_id", "indicator_id", "zh", "en", "measure", "unit", "period", "status",
                                     "value_normalized", "value_high", "bound", "sentence"])  # one side only: no pair
    if selected.get("kind"):  # the indicators table has no kind, but each unit belongs to one kind
        if units is not None:
            del selected["kind"]
            selected["unit"] = [u for u in selected.get("unit", units) if u in units] or ["\0none"]
    own = where({c: v for c, v in selected.items() if c in INDICATOR_FILTERS})
    rest = {c: v for c, v in selected.items() if c not in INDICATOR_FILTERS}
    mine = f"AND ({own.sql})"
    params = list(own.params)
    if rest or (query or "").strip():
        found = w.lite or w
        mine += f" AND claim_id IN (SELECT claim_id FROM {found.src} WHERE {found.sql})"
        params += list(found.params)
    base = f"FROM ind WHERE status IN ('target', 'actual') AND period <> '' {mine}"
    # keys and the chosen claims from light columns; their values and sentences for those few only
    return db.df(f"""
        WITH rows AS MATERIALIZED (SELECT claim_id, indicator_id, measure, unit, period, status, published {base}),
             k AS (SELECT indicator_id, measure, unit, period, count(*) AS n FROM rows GROUP BY ALL
                   HAVING count(DISTINCT status) = 2 ORDER BY n DESC, period DESC, indicator_id LIMIT {int(limit)}),
             best AS (SELECT r.* FROM rows r JOIN k USING (indicator_id, measure, unit, period)
                      QUALIFY row_number() OVER (PARTITION BY r.indicator_id, r.measure, r.unit, r.period, r.status
                                                 ORDER BY r.published DESC, r.claim_id) = 1)
        SELECT i.claim_id, i.indicator_id, i.zh, i.en, i.measure, i.unit, i.period, i.status,
               i.value_normalized, i.value_high, i.bound, i.sentence
        FROM (SELECT claim_id, indicator_id, indicator_zh AS zh, indicator_en AS en, coalesce(measure, '') AS measure,
                     coalesce(unit, '') AS unit, coalesce(CAST(period AS VARCHAR), '') AS period,
                     coalesce(status, '') AS status, coalesce(CAST(published AS VARCHAR), '') AS published,
                     TRY_CAST(value AS DOUBLE) AS value_normalized,
                     TRY_CAST(NULLIF(CAST(value_high AS VARCHAR), '') AS DOUBLE) AS value_high,
                     coalesce(bound, '') AS bound, left(sentence, 90) AS sentence
              FROM indicators WHERE claim_id IN (SELECT claim_id FROM best)) i
        JOIN best b USING (claim_id, indicator_id, measure, unit, period, status, published)
        QUALIFY row_number() OVER (PARTITION BY i.claim_id) = 1
        ORDER BY i.indicator_id, i.measure, i.period, i.status""", params)



def claim(db: CorpusDB, claim_id: str) -> dict | None:
    rows = db.df("SELECT * FROM claims WHERE claim_id = ? LIMIT 1", [claim_id])
    return None if rows.empty else rows.iloc[0].to_dict()


def document_spans(db: CorpusDB, doc_id: str, limit: int = 20_000) -> pd.DataFrame:
    return db.df(f"""SELECT start, "end", claim_id, TRY_CAST(value_normalized AS DOUBLE) AS v, unit, kind,
                            coalesce(indicator, '') AS indicator
                     FROM claims WHERE doc_id = ? AND start IS NOT NULL ORDER BY start LIMIT {int(limit)}""",
                 [doc_id])


# ------------------------------------------------------------ indicators ---

def indicator_catalogue(db: CorpusDB) -> pd.DataFrame:
    """indicator_id, its names and its number of claims, most claims first."""
    return db.df("""SELECT indicator_id, any_value(indicator_zh) AS zh, any_value(indicator_en) AS en,
                           count(*) AS n
                    FROM ind WHERE coalesce(indicator_id, '') <> '' GROUP BY 1 ORDER BY n DESC, 1""")


def measures(db: CorpusDB, indicator_id: str) -> list[str]:
    rows = db.df("SELECT measure, count(*) AS n FROM ind WHERE indicator_id = ? AND measure <> '' "
                 "GROUP BY 1 ORDER BY n DESC", [indicator_id])
    return rows["measure"].tolist()


def places(db: CorpusDB, indicator_id: str, measure: str) -> pd.DataFrame:
    """The places (or other subjects) the indicator has values for: key (the
    6-digit code where known, else the name), name, code, claims."""
    return db.df("""SELECT CASE WHEN subject_id <> '' THEN subject_id ELSE subject END AS key,
                           mode(subject) AS name, any_value(subject_id) AS code, count(*) AS n
                    FROM ind WHERE indicator_id = ? AND measure = ? GROUP BY 1 ORDER BY n DESC, 1""",
                 [indicator_id, measure])


def series(db: CorpusDB, indicator_id: str, measure: str, place_keys: Sequence[str],
           limit: int = SERIES_ROWS) -> pd.DataFrame:
    """One indicator's values for the places, with each document's title; the
    period as a time span (t_start, t_end, t the middle), latest publication first."""
    rows = db.df(f"""
        SELECT i.claim_id, i.doc_id, i.subject, i.subject_id,
               CASE WHEN i.subject_id <> '' THEN i.subject_id ELSE i.subject END AS place_key,
               i.period, i.status, i.bound, i.v AS value, i.vh AS value_high, i.unit, i.published,
               coalesce(NULLIF(d.title, ''), CAST(i.doc_id AS VARCHAR)) AS title, i.sentence
        FROM ind i LEFT JOIN documents d ON CAST(d.doc_id AS VARCHAR) = CAST(i.doc_id AS VARCHAR)
        WHERE i.indicator_id = ? AND i.measure = ? AND i.period <> ''
          AND list_contains(?::VARCHAR[], CASE WHEN i.subject_id <> '' THEN i.subject_id ELSE i.subject END)
        ORDER BY i.published DESC, i.claim_id LIMIT {int(limit)}""",
                 [indicator_id, measure, [str(k) for k in place_keys]])
    rows["title"] = [short_title(t) for t in rows["title"]]
    spans = [period_span(p) for p in rows["period"]]
    rows["t_start"] = pd.to_datetime([s[0] if s else None for s in spans])
    rows["t_end"] = pd.to_datetime([s[1] if s else None for s in spans])
    rows = rows[rows["t_start"].notna()].copy()
    rows["t"] = rows["t_start"] + (rows["t_end"] - rows["t_start"]) / 2
    return rows.reset_index(drop=True)


def indicator_rows(db: CorpusDB, doc_id: str) -> pd.DataFrame:
    """One document's indicator values (a document has at most a few thousand)."""
    return db.df("""SELECT indicator_id, indicator_zh AS zh, indicator_en AS en, measure, status, v AS value,
                           vh AS value_high, bound, unit, period, subject, subject_id, claim_id, sentence
                    FROM ind WHERE CAST(doc_id AS VARCHAR) = ? AND coalesce(indicator_id, '') <> ''""",
                 [doc_id])


def documents_with_indicators(db: CorpusDB) -> pd.DataFrame:
    docs = db.df("""SELECT CAST(i.doc_id AS VARCHAR) AS doc_id, any_value(coalesce(d.title, '')) AS title,
                           any_value(coalesce(CAST(d.published AS VARCHAR), i.published)) AS published,
                           count(*) AS n
                    FROM ind i LEFT JOIN documents d ON CAST(d.doc_id AS VARCHAR) = CAST(i.doc_id AS VARCHAR)
                    GROUP BY 1 ORDER BY published, doc_id""")
    docs["title"] = [short_title(t) for t in docs["title"]]
    return docs


# ----------------------------------------------------------- downloads -----

def claims_table(db: CorpusDB, w: Where | None = None) -> pd.DataFrame:
    """Claims (DESIGN.md columns) under `w`, for a download."""
    w = w or Where()
    cols = ", ".join(f'"{c}"' for c in CLAIM_COLUMNS)
    return db.df(f"SELECT {cols} FROM {w.src} WHERE {w.sql}", list(w.params))


def indicators_table(db: CorpusDB) -> pd.DataFrame:
    cols = ", ".join(f'"{c}"' for c in INDICATOR_COLUMNS)
    return db.df(f"SELECT {cols} FROM indicators")


def table(db: CorpusDB, name: str) -> pd.DataFrame:
    if name not in ("documents", "articles"):
        raise ValueError(f"unknown table {name!r}")
    return db.df(f"SELECT * FROM {name}")


# ------------------------------------------------------------- periods -----

PERIOD_RE = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def period_span(period: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day an ISO period covers: '2024' -> 1 Jan to 31 Dec,
    '2022-01/2022-05' -> 1 Jan to 31 May, '2022-06-10' -> that day.

    >>> period_span("2021/2025")
    (datetime.date(2021, 1, 1), datetime.date(2025, 12, 31))
    >>> period_span("2022-01/2022-05")[1]
    datetime.date(2022, 5, 31)
    """
    parts = str(period or "").split("/")
    if not 1 <= len(parts) <= 2:
        return None
    bounds = []
    for i, part in enumerate(parts):
        m = PERIOD_RE.fullmatch(part.strip())
        if not m:
            return None
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        try:
            if day:
                bounds.append((dt.date(year, int(month), int(day)),) * 2)
            elif month:
                first = dt.date(year, int(month), 1)
                nxt = dt.date(year + (first.month == 12), first.month % 12 + 1, 1)
                bounds.append((first, nxt - dt.timedelta(days=1)))
            else:
                bounds.append((dt.date(year, 1, 1), dt.date(year, 12, 31)))
        except ValueError:
            return None
    start, end = bounds[0][0], bounds[-1][1]
    return (start, end) if start <= end else None
