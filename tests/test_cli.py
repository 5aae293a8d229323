"""The command line at scale: --jobs, --format parquet, --dask, tables of texts, workers that
crash or lose their parent, a kill -9 of `add`. Whichever way it runs, the same documents give
the same rows and claim ids."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest

from extractors import corpus, parallel

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_8a114bd477087453.txt"
DEV = ROOT.parent.parent / "shared" / "dev" / "corpus"
if not DEV.is_dir():
    DEV = Path("/work/shared/dev/corpus")


def _cli(*args, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractors", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def _varied(text: str, seed: int) -> str:
    """The same prose with every digit changed: real Chinese, new numbers (and claim values)."""
    rng = random.Random(seed)
    return "".join(str(rng.randrange(10)) if ch.isdigit() else ch for ch in text)


@pytest.fixture(scope="module")
def real_docs(tmp_path_factory) -> Path:
    """The seed, its sidecar, and the real documents of the dev set and genre fixtures."""
    folder = tmp_path_factory.mktemp("real")
    for path in [SEED, SEED.with_suffix(".meta.json"), *sorted(DEV.glob("*.txt")),
                 *sorted((ROOT / "tests" / "fixtures").glob("*.txt"))]:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


@pytest.fixture(scope="module")
def plain_run(real_docs, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("plain")
    result = _cli("extract", real_docs, "--out", out)
    assert result.returncode == 0, result.stderr
    return out


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)


def _parquet(folder: Path) -> pd.DataFrame:
    parts = sorted(folder.glob("part-*.parquet"))
    frame = pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
    return frame.astype(str).replace({"<NA>": ""})


def test_help_is_fast():
    start = time.perf_counter()
    result = _cli("--help")
    assert result.returncode == 0 and "extract" in result.stdout
    assert time.perf_counter() - start < 2.0  # 0.05 s here; generous for a loaded CI machine
    probe = subprocess.run([sys.executable, "-c", "import sys, extractors.__main__ as m; m.build_parser();"
                            "print(sorted(k for k in ('jieba', 'pandas', 'pyarrow', 'extractors.pipeline')"
                            " if k in sys.modules))"], cwd=ROOT, capture_output=True, text=True)
    assert probe.stdout.strip() == "[]", probe.stderr


def test_jobs_give_the_same_files(real_docs, plain_run, tmp_path):
    result = _cli("extract", real_docs, "--out", tmp_path, "--jobs", "2")
    assert result.returncode == 0, result.stderr
    claims = _csv(plain_run / "claims.csv")
    assert len(claims) > 500 and claims["doc_id"].nunique() >= 4
    for name in ("claims", "indicators", "documents", "articles"):
        assert (tmp_path / f"{name}.csv").read_bytes() == (plain_run / f"{name}.csv").read_bytes(), name


def test_parquet_gives_the_same_rows(real_docs, plain_run, tmp_path):
    result = _cli("extract", real_docs, "--out", tmp_path, "--format", "parquet", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    for name in ("claims", "documents", "articles"):
        pd.testing.assert_frame_equal(_parquet(tmp_path / name), _csv(plain_run / f"{name}.csv"),
                                      check_dtype=False)
    assert not (tmp_path / "claims.csv").exists()


def test_dask_local_cluster_gives_the_same_rows(real_docs, plain_run, tmp_path):
    lines = []
    totals = parallel.run_dask([real_docs], tmp_path, address="local", fmt="parquet", workers=2,
                               processes=False, docs_per_partition=2, on_error=lines.append)
    assert lines == []
    expected = _csv(plain_run / "claims.csv")
    got = _parquet(tmp_path / "claims")
    assert len(list((tmp_path / "claims").glob("part-*.parquet"))) >= 3  # several partitions
    assert totals == {"documents": len(_csv(plain_run / "documents.csv")), "claims": len(expected)}
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    pd.testing.assert_frame_equal(_parquet(tmp_path / "documents"), _csv(plain_run / "documents.csv"),
                                  check_dtype=False)


def test_dask_reports_a_bad_document_and_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("全年实现营业收入110.06亿元，同比增长24%。", encoding="utf-8")
    (folder / "bad.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    lines = []
    totals = parallel.run_dask([folder, tmp_path / "missing.txt"], tmp_path / "out", fmt="csv", workers=2,
                               processes=False, on_error=lines.append)
    assert totals == {"documents": 1, "claims": 2}
    assert len(lines) == 2 and any("bad.pdf" in line for line in lines) and any("missing.txt" in line for line in lines)
    assert set(_csv(tmp_path / "out" / "claims.csv")["text"]) == {"110.06亿元", "24%"}


@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_table_of_texts_gives_the_claims_of_the_files(real_docs, plain_run, tmp_path, kind):
    documents = _csv(plain_run / "documents.csv")
    rows = [{"doc_id": Path(p).stem, "text": (real_docs / Path(p).name).read_text(encoding="utf-8"),
             "published": published}
            for p, published in zip(documents["path"], documents["published"])]
    table = tmp_path / f"texts.{kind}"
    if kind == "jsonl":
        table.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    else:
        pd.DataFrame(rows).to_parquet(table, row_group_size=2)
    result = _cli("extract", table, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    got = _csv(tmp_path / "out" / "claims.csv")
    expected = _csv(plain_run / "claims.csv")
    pd.testing.assert_frame_equal(got, expected)
    lines = []
    parallel.run_dask([table], tmp_path / "dask", fmt="parquet", workers=2, processes=False,
                      docs_per_partition=1, on_error=lines.append)
    assert lines == []
    pd.testing.assert_frame_equal(_parquet(tmp_path / "dask" / "claims"), expected, check_dtype=False)


def test_bad_rows_of_a_table_are_named(tmp_path):
    table = tmp_path / "texts.jsonl"
    table.write_text(json.dumps({"doc_id": "a", "text": "增长24%。"}, ensure_ascii=False) + "\n{oops\n",
                     encoding="utf-8")
    result = _cli("extract", table, "--out", tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{table}: line 2: not JSON" in result.stderr
    assert list(_csv(tmp_path / "out" / "claims.csv")["doc_id"]) == ["a"]


# --- workers that crash -------------------------------------------------------------------

def _kill_on(marker: str, real):
    def extract(item, *args):
        text = Path(item).read_text(encoding="utf-8") if isinstance(item, str) else ""
        if marker in text:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(item, *args)
    return extract


@pytest.fixture
def batch(tmp_path) -> Path:
    """16 documents; doc07 is the one whose worker dies."""
    folder = tmp_path / "batch"
    folder.mkdir()
    base = SEED.read_text(encoding="utf-8")[:1500]
    for i in range(16):
        text = ("致命标记\n" if i == 7 else "") + _varied(base, i)
        (folder / f"doc{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def test_worker_killed_mid_batch_costs_its_document_only_extract(batch, tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "extract_item", _kill_on("致命标记", parallel.extract_item))
    lines = []
    out = parallel.run_local([batch], tmp_path / "out", jobs=2, on_error=lines.append)
    assert out.documents == 15
    assert len(lines) == 1 and "doc07.txt" in lines[0] and "SIGKILL" in lines[0]
    docs = _csv(tmp_path / "out" / "documents.csv")
    assert list(docs["doc_id"]) == [f"doc{i:02d}" for i in range(16) if i != 7]  # in order


def test_worker_killed_mid_batch_costs_its_document_only_add(batch, tmp_path, monkeypatch):
    monkeypatch.setattr(corpus, "_ingest_item", _kill_on("致命标记", corpus._ingest_item))
    report = corpus.add_paths([batch], data_dir=tmp_path / "data", workers=2)
    assert report.added == 15 and len(report.errors) == 1
    assert "doc07.txt" in report.errors[0] and "worker process died" in report.errors[0]
    stored = set(corpus.load(tmp_path / "data").documents["doc_id"])
    assert stored == {f"doc{i:02d}" for i in range(16) if i != 7}


def test_exception_in_a_worker_is_one_line():
    outcomes = list(parallel.imap_ordered(lambda x: 1 / x, [1, 0, 2], jobs=2))
    assert [o.value for o in outcomes] == [1.0, None, 0.5]
    assert outcomes[1].error == "ZeroDivisionError: division by zero"


# --- kill -9 of an add ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def two_batches(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("batches")
    base = SEED.read_text(encoding="utf-8")
    folders = (root / "a", root / "b")
    for n, folder in enumerate(folders):
        folder.mkdir()
        # ~2.7 M characters a batch: even on two free cores an add outlasts the latest kill
        for i in range(80):  # ~33,000 characters each
            text = "\n".join(_varied(base, 1000 * n + 10 * i + k) for k in range(5))
            (folder / f"{folder.name}{i:02d}.txt").write_text(text, encoding="utf-8")
    return folders


def _wait_gone(pids: list[int], timeout: float) -> list[int]:
    deadline = time.monotonic() + timeout
    alive = pids
    while alive and time.monotonic() < deadline:
        alive = [p for p in alive if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]
        time.sleep(0.05)
    return alive


# When to kill: seconds after start, or after the first worker appeared (None: not waited for).
MOMENTS = {"importing": (0.3, None), "forking": (None, 0.0), "extracting": (None, 0.4),
           "late": (None, 0.9)}


@pytest.mark.parametrize("moment", MOMENTS, ids=list(MOMENTS))
def test_kill_9_of_add_leaves_nothing_behind(two_batches, tmp_path, moment):
    after_start, after_workers = MOMENTS[moment]
    batch_a, batch_b = two_batches
    data = tmp_path / "data"
    add = subprocess.Popen([sys.executable, "-m", "extractors", "add", str(batch_a), "--data", str(data),
                            "--jobs", "2"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(add.pid)
    start = time.monotonic()
    deadline = start + after_start if after_start is not None else start + 60
    children: set[int] = set()
    while time.monotonic() < deadline and add.poll() is None:
        try:
            found = {c.pid for c in parent.children(recursive=True)}
        except psutil.NoSuchProcess:
            break
        if found and not children and after_workers is not None:
            deadline = time.monotonic() + after_workers
        children |= found
        time.sleep(0.01)
    assert add.poll() is None, "the add ended before the kill: give it more documents"
    if after_workers is not None:
        assert children, "killed before any worker started"
    add.send_signal(signal.SIGKILL)
    add.wait(timeout=10)
    assert _wait_gone(sorted(children), timeout=5) == []  # no orphan worker
    start = time.monotonic()
    result = _cli("add", batch_b, batch_a, "--data", data, "--jobs", "2", timeout=120)
    took = time.monotonic() - start
    assert result.returncode == 0, result.stderr
    assert took < 60  # waits for no lock: the time of its own documents
    stored = set(corpus.load(data).documents["doc_id"])
    assert stored == {p.stem for folder in two_batches for p in folder.glob("*.txt")}
    named = {Path(p) for files in corpus.current_files(data).values() for p in files}
    assert set((data / "parts").rglob("*.parquet")) == named  # the killed write left nothing


def test_formula_cells_are_neutralised_in_every_csv(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = '=HYPERLINK("http://example.com","点击")全年营业收入增长24%。\n-2+3家企业利润下降-28.7%。\n'
    (folder / "=cmd|calc.txt").write_text(text, encoding="utf-8")
    result = _cli("extract", folder, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    data = tmp_path / "data"
    assert _cli("add", folder, "--data", data).returncode == 0
    assert _cli("export", "--out", tmp_path / "export", "--data", data).returncode == 0
    for out in (tmp_path / "out", tmp_path / "export"):
        for name in ("claims", "documents", "articles", "indicators"):
            frame = _csv(out / f"{name}.csv")
            live = [v for v in frame.to_numpy().ravel()
                    if v[:1] in ("=", "+", "@", "\t", "\r") or (v[:1] == "-" and not v[1:].replace(".", "").isdigit())]
            assert live == [], (out.name, name, live)
        claims = _csv(out / "claims.csv")
        assert set(claims["doc_id"]) == {"'=cmd|calc"}
        assert any(s.startswith("'=HYPERLINK") for s in claims["sentence"])
