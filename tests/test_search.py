"""The text search's index (dashboard/search.py) against a plain DuckDB contains() scan of the
Parquet, on a small corpus composed for the index's edges: sentences stored one after the
other, multi-byte characters, Latin letters in any case, phrases only an indicator or a subject holds."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dashboard import data, search
from extractors.model import CLAIM_COLUMNS

# (indicator, subject, sentence), in this order in the part: the distinct sentences are stored in
# order of first appearance, so neighbours here are neighbours in text.npy
PARTS = [
    [("营业收入", "北京市", "北京市营业收入增长8%。"),   # the very start of the text
     ("增速", "北京市", "北京市营业收入增长8%。"),       # the same sentence, another claim
     ("利润", "上海市", "利润增长"),
     ("利润", "上海市", "长期向好。"),                   # after 利润增长: 增长长期 only across the two
     ("增长", "", "增长长长期"),                         # every bigram of 增长长期, not the phrase
     ("GDP", "全国", "全国GDP增长5%。"),
     ("地区生产总值", "广东省", "Gdp总量居首。"),
     ("地区生产总值", "广东省", "ＧＤＰ总量居首。"),       # full-width: lower() folds it, a query without Latin letters does not
     ("人口", "", "丫国中圆𠀀"),                         # characters sharing all but a last byte with 中国; a 4-byte one
     ("人口", "", "𠀀中国"),                             # after 丫国中圆𠀀: 𠀀𠀀 only across the two
     ("专精特新企业", "聊城市", "新增企业12家。"),        # 专精特新 in the indicator alone
     ("就业", "阳谷县", "全县新增就业3000人。"),           # 阳谷 in the subject alone
     (None, None, None),
     ("出口", "江苏省", "外贸保持增长，末尾短语")],        # the very end of the text
    [("外资", "聊城市", "外资企业出口增长9%。"),
     ("营业收入", "上海市", "上海市营业收入增长6%。"),
     ("营业收入", "成都市", "成都市营业收入同比增长，北京市营业收入增长4%。")],
]

# query, claims the scan finds (what the case is about: a miscount means the corpus above changed)
CASES = [
    ("增长长期", 0),          # held only by two neighbouring sentences together
    ("𠀀𠀀", 0),              # the same, with a 4-byte character either side of the seam
    ("北京市营业收入", 3),     # at the start of the text; a sentence two claims share; in another part
    ("末尾短语", 1),          # at the end of the text
    ("gdp", 2),               # Latin: lower() on both sides finds GDP and Gdp
    ("GDP增长", 1),
    ("Gdp总量", 1),           # not ＧＤＰ: lower() folds it to ｇｄｐ, not gdp
    ("ｇｄｐ", 0),             # no ASCII letter: matched as it is, though ＧＤＰ folds to it
    ("中国", 1),              # not 丫国 nor 中圆 (UTF-8 differs only in their last byte)
    ("国中", 1),
    ("𠀀中", 1),
    ("专精特新", 1),          # the indicator alone
    ("阳谷", 1),              # the subject alone
    ("营业收入", 4),          # indicators and sentences
    ("增长", 9),
    ("长长", 1),
    ("不存在的词", 0),
]


def claims_frame(rows: list[tuple], part: int) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["indicator", "subject", "sentence"])
    frame["claim_id"] = [f"p{part}r{i:03d}" for i in range(len(frame))]
    frame["doc_id"] = f"doc{part}"
    frame["start"], frame["end"] = 0, 1
    frame["value_normalized"], frame["unit"], frame["kind"] = "1", "%", "percent"
    frame["status"], frame["measure"] = "actual", "change"
    for column in CLAIM_COLUMNS:
        if column not in frame:
            frame[column] = ""
    return frame[list(CLAIM_COLUMNS)]


@pytest.fixture()
def corpus(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("ZHIBIAO_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "data"
    for name in ("claims", "documents", "articles"):
        (folder / name).mkdir(parents=True)
    for i, rows in enumerate(PARTS):
        pq.write_table(pa.Table.from_pandas(claims_frame(rows, i), preserve_index=False),
                       folder / "claims" / f"part-{i}.parquet")
    pq.write_table(pa.table({"doc_id": ["doc0", "doc1"], "title": ["甲", "乙"]}), folder / "documents" / "part-0.parquet")
    pq.write_table(pa.table({"doc_id": ["doc0"], "article": [""]}), folder / "articles" / "part-0.parquet")
    return folder


def scan(folder: Path, query: str, with_row: bool = False) -> list:
    """The definition, by DuckDB over the Parquet: indicator, subject or sentence contains the
    query; lower() on both sides when the query has Latin letters."""
    latin = re.search(r"[A-Za-z]", query) is not None
    test = " OR ".join(f"contains({'lower' if latin else ''}(coalesce({c}, '')), ?)"
                       for c in ("indicator", "subject", "sentence"))
    param = query.lower() if latin else query
    return sorted(duckdb.execute(f"SELECT claim_id FROM read_parquet(?) WHERE {test}",
                                 [str(folder / "claims" / "*.parquet"), param, param, param]).fetchall())


@pytest.mark.parametrize("query, n", CASES, ids=[c[0] for c in CASES])
def test_index_finds_what_a_scan_finds(corpus, query, n):
    expected = [claim_id for (claim_id,) in scan(corpus, query)]
    assert len(expected) == n
    db = data.CorpusDB(corpus)
    assert db.index is not None and db.index.ready and db.search_filter(query) is not None  # the index answers
    found = data.claims_table(db, data.where({}, query, db=db))
    assert sorted(found["claim_id"]) == expected


@pytest.mark.parametrize("query", ["北京市营业收入", "增长长期"], ids=["sentences-only", "none"])
def test_table_page_holds_the_claims_found(corpus, query):
    """The table's page (claim_rows) of a search the index names by rows: the claims found, in
    two parts. Their order is not tested: DuckDB's join with the named rows does not keep the
    files' order (the same holds for the pair of columns it replaced)."""
    db = data.CorpusDB(corpus)
    assert db.search_filter(query) is not None
    assert sorted(data.claim_rows(db, data.where({}, query, db=db), 10)["claim_id"]) == \
        [claim_id for (claim_id,) in scan(corpus, query)]


@pytest.mark.parametrize("query", [q for q, _ in CASES], ids=[c[0] for c in CASES])
def test_residual_rows_are_the_sentence_only_matches(corpus, query):
    """Per part, the rows whose sentence contains the query and neither indicator nor subject does."""
    parts = sorted(str(p) for p in (corpus / "claims").glob("*.parquet"))
    found = search.CorpusIndex(parts, background=False).residual_rows(duckdb.connect(), query)
    latin = re.search(r"[A-Za-z]", query) is not None
    fold = (lambda v: (v or "").lower()) if latin else (lambda v: v or "")
    q = fold(query)
    for i, part in enumerate(parts):
        expected = [r for r, (ind, subj, sent) in enumerate(PARTS[i])
                    if q in fold(sent) and q not in fold(ind) and q not in fold(subj)]
        assert found.get(part, np.zeros(0, dtype=np.int64)).tolist() == expected


@pytest.mark.parametrize("query, where", [
    ("增长长期", "利润增长长期向好"),    # the seam between two neighbouring sentences
    ("𠀀𠀀", "圆𠀀𠀀中"),
    ("北京市营业收入", None),            # at offset 0
    ("末尾短语", None),                  # the last bytes
], ids=["seam", "seam-4-byte", "start", "end"])
def test_the_edge_cases_are_where_the_table_says(corpus, query, where):
    """The corpus puts these phrases where the cases above claim (so those cases test something)."""
    data.CorpusDB(corpus)  # builds the indexes
    text = np.load(search.index_dir(corpus / "claims" / "part-0.parquet") / "text.npy").tobytes()
    needle = query.encode("utf-8")
    if query == "北京市营业收入":
        assert text.startswith(needle)
    elif query == "末尾短语":
        assert text.endswith(needle)
    else:
        assert where.encode("utf-8") in text and needle in text


def test_values_contain_says_whether_an_indicator_or_subject_holds_the_query(corpus):
    parts = sorted(str(p) for p in (corpus / "claims").glob("*.parquet"))
    index, con = search.CorpusIndex(parts, background=False), duckdb.connect()
    for query, expected in [("营业", True), ("阳谷", True), ("gdp", True), ("北京市营业收入", False),
                            ("不存在的词", False)]:
        assert index.values_contain(con, query) is expected, query


# ------------------------------------------------------------------ read-ahead --

@pytest.mark.parametrize("ranges, merged", [
    ([(0, 10)], [(0, 10)]),
    ([(0, 10), (100, 200)], [(0, 200)]),                                   # closer than PREFETCH_GAP: one
    ([(0, 10), (search.PREFETCH_GAP + 20, search.PREFETCH_GAP + 30)],
     [(0, 10), (search.PREFETCH_GAP + 20, search.PREFETCH_GAP + 30)]),     # further apart: two
    ([(0, 3 * search.PREFETCH_PIECE + 5)], [(0, 3 * search.PREFETCH_PIECE + 5)]),  # one long run
    ([(5, 5)], [(5, 6)]),                                                  # an empty sentence: one byte
], ids=["one", "merged", "apart", "long", "empty"])
def test_prefetch_asks_for_every_byte_in_readahead_sized_pieces(tmp_path, monkeypatch, ranges, merged):
    path = tmp_path / "a.npy"
    np.save(path, np.zeros(4 * search.PREFETCH_PIECE, dtype=np.uint8))
    array = np.load(path, mmap_mode="r")
    asked = []
    monkeypatch.setattr(search.os, "posix_fadvise", lambda fd, start, length, advice: asked.append((start, length)))
    lo, hi = (np.array([r[i] for r in ranges], dtype=np.int64) for i in (0, 1))
    search._prefetch(array, lo, hi)
    assert all(0 < length <= search.PREFETCH_PIECE for _, length in asked)
    pieces = sorted((start - array.offset, start - array.offset + length) for start, length in asked)
    runs = []  # the pieces joined back where they touch
    for start, end in pieces:
        if runs and start == runs[-1][1]:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    assert runs == merged


# value_normalized as stored -> what the chart gets (DuckDB's TRY_CAST; no point where it gives none)
VALUES = ["1.5", "", None, "abc", "1e9", "-0.25", "12", "３", "nan", "110.06"]


@pytest.fixture()
def varied(tmp_path, monkeypatch) -> Path:
    """Two parts of 400 claims: values that cast and values that do not, ids of several widths
    (one with a multi-byte character), two kinds, two statuses, one searchable phrase."""
    monkeypatch.setenv("ZHIBIAO_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "data"
    (folder / "claims").mkdir(parents=True)
    for part in range(2):
        rows = [("营业收入" if i % 3 else "利润", "北京市", f"第{i}句，上海市增速{'较快' if i % 5 == 0 else '平稳'}。")
                for i in range(400)]
        frame = claims_frame(rows, part)
        frame["claim_id"] = [f"{part}-{i}" if i % 7 else f"长id-{part}-{i:05d}" for i in range(400)]
        frame["start"], frame["end"] = range(400), range(1, 401)
        frame["value_normalized"] = [VALUES[i % len(VALUES)] for i in range(400)]
        frame["kind"] = ["percent" if i % 2 else "money" for i in range(400)]
        frame["status"] = ["target" if i % 4 == 0 else "actual" for i in range(400)]
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), folder / "claims" / f"part-{part}.parquet")
    return folder


@pytest.mark.parametrize("selected, query", [
    ({}, ""),                                    # the whole corpus
    ({"status": ["target"]}, ""),                # a filter
    ({}, "上海市增速较快"),                        # rows the index names by their sentence
    ({"kind": ["money"]}, "上海市增速较快"),
], ids=["all", "status", "sentences-only", "kind+sentences-only"])
@pytest.mark.parametrize("limit", [5, 2000], ids=["sampled", "all-kept"])
def test_a_sample_read_by_row_number_is_the_sample_read_from_the_parquet(varied, selected, query, limit):
    """claim_samples with the index's ids and values by row number gives the rows, ids and values
    the DuckDB query over the Parquet gives."""
    db = data.CorpusDB(varied)
    assert db.index is not None and db.index.ready
    w = data.where(selected, query, db=db)
    counts = data.kind_status_counts(db, w)
    totals = counts.groupby("kind")["drawable"].sum().to_dict()
    by_row = data.claim_samples(db, w, totals, limit=limit)
    db.index = None  # the same sample, read from the Parquet
    from_parquet = data.claim_samples(db, w, totals, limit=limit)
    assert len(by_row) > 0
    pd.testing.assert_frame_equal(by_row, from_parquet, check_dtype=False)
    assert by_row["value_normalized"].notna().all()
    if limit > 400:  # every drawable row kept: the multi-byte ids among them
        assert by_row["claim_id"].str.startswith("长id").any()


@pytest.mark.parametrize("selected, query", [
    ({}, "上海市增速较快"),                               # rows the index names by their sentence alone
    ({"kind": ["money"]}, "上海市增速较快"),
    ({"status": ["target"], "kind": ["money"]}, "上海市增速较快"),
    ({}, "上海市增速平稳"),                               # among them claims without a value
], ids=["sentences-only", "kind", "status+kind", "valueless"])
def test_a_search_read_from_its_light_table_answers_as_the_parquet_does(varied, monkeypatch, selected, query):
    """Counts, samples, groups and the table page of a search found by sentences alone, read from
    the table of the found rows' light columns (ids and values from the index), equal the same
    queries over the Parquet; the table page keeps the corpus order and the sentences."""
    db = data.CorpusDB(varied)
    w = data.where(selected, query, db=db)
    assert w.lite is not None  # the light table answers
    monkeypatch.setattr(data, "LITE_ROWS", 0)
    plain_db = data.CorpusDB(varied)
    plain = data.where(selected, query, db=plain_db)
    assert plain.lite is None and plain.src == "claims_pos"
    order = ["kind", "status"]
    pd.testing.assert_frame_equal(
        data.kind_status_counts(db, w).sort_values(order, ignore_index=True),
        data.kind_status_counts(plain_db, plain).sort_values(order, ignore_index=True), check_dtype=False)
    totals = data.kind_status_counts(db, w).groupby("kind")["drawable"].sum().to_dict()
    for limit in (5, 2000):
        pd.testing.assert_frame_equal(data.claim_samples(db, w, totals, limit=limit),
                                      data.claim_samples(plain_db, plain, totals, limit=limit), check_dtype=False)
    groups = ["grp", "kind", "status"]
    pd.testing.assert_frame_equal(
        data.group_kind_status_counts(db, w, "doc_id").sort_values(groups, ignore_index=True),
        data.group_kind_status_counts(plain_db, plain, "doc_id").sort_values(groups, ignore_index=True),
        check_dtype=False)
    page, whole = data.claim_rows(db, w, 30), data.claim_rows(plain_db, plain, 1000)
    whole = whole.sort_values(["file_index", "file_row_number"], ignore_index=True).head(30)
    assert len(page) == min(30, len(whole)) > 0
    pd.testing.assert_frame_equal(page[list(CLAIM_COLUMNS)], whole[list(CLAIM_COLUMNS)], check_dtype=False)
    assert page["sentence"].str.contains(query).all()


def test_the_index_is_warmed_only_when_it_fits_in_memory(corpus, monkeypatch):
    parts = sorted(str(p) for p in (corpus / "claims").glob("*.parquet"))
    index = search.CorpusIndex(parts, background=False)
    size = sum((search.index_dir(p) / name).stat().st_size for p in parts for name in search.WARM_FILES)
    asked = []
    monkeypatch.setattr(search.os, "posix_fadvise", lambda fd, start, length, advice: asked.append(length))
    assert index.warm() == size and sum(asked) >= size
    asked.clear()
    monkeypatch.setattr(search, "WARM_SHARE", 10 ** 15)  # no machine has that much free memory
    assert index.warm() == 0 and not asked
