"""Extraction runs: one process, --jobs N worker processes on this machine, --dask on a cluster.

Worker processes take documents in order, one document per task.

ProcessPoolExecutor is not used: a worker that dies (kill -9, the OOM killer, a crash in a
C extension) breaks the whole pool and fails every pending future with BrokenProcessPool, so
one bad document lost the batch. Here each worker holds one document at a time, the parent
knows which, and a dead worker costs exactly that document: it is reported as a failure and
a fresh worker takes the rest. Workers ask the kernel to kill them when their parent dies
(prctl PR_SET_DEATHSIG on Linux), so a kill -9 of `add` leaves no process behind.

    >>> [o.value for o in imap_ordered(abs, [-2, 3, -5], jobs=1)]
    [2, 3, 5]
"""
from __future__ import annotations

import collections
import ctypes
import logging
import multiprocessing as mp
import os
import signal
import sys
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Callable, Iterable, Iterator

from .batch import (TABLE_COLUMNS, TablesOut, _expand, clear_parts, extract_item, is_text_table, item_name,
                    iter_items, iter_table_rows, one_line, render_csv)

logger = logging.getLogger(__name__)

PR_SET_DEATHSIG = 1  # linux/prctl.h
# Documents handed out ahead of the one being written: enough to keep every worker busy,
# few enough that a folder of 100,000 files streams in constant memory.
WINDOW_PER_JOB = 4


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one item: value, or error (one line) if func raised or its worker died."""
    index: int
    item: Any
    value: Any = None
    error: str = ""


def die_with_parent(parent_pid: int) -> None:
    """Ask the kernel to SIGKILL this process when its parent dies (Linux); elsewhere a no-op."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_DEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            logger.warning("prctl(PR_SET_DEATHSIG) failed: errno %d", ctypes.get_errno())
    if os.getppid() != parent_pid:  # the parent died before the prctl took effect
        os._exit(1)


def imap_ordered(func: Callable[[Any], Any], items: Iterable[Any], jobs: int = 1,
                 initializer: Callable[..., None] | None = None, initargs: tuple = ()) -> Iterator[Outcome]:
    """func(item) for each item, yielded in input order. jobs > 1 runs func in that many forked
    workers; an exception in func or the death of a worker becomes Outcome.error for that item
    alone. items is consumed lazily (a bounded window ahead of the output)."""
    if jobs <= 1:
        if initializer is not None:
            initializer(*initargs)
        for index, item in enumerate(items):
            yield _call(func, index, item)
        return
    yield from _Pool(func, jobs, initializer, initargs).run(items)


def _call(func, index: int, item) -> Outcome:
    try:
        return Outcome(index, item, value=func(item))
    except Exception as err:  # one document's failure is reported, never the batch's
        logger.debug("failed on item %d", index, exc_info=True)
        return Outcome(index, item, error=f"{type(err).__name__}: {err}")


def _worker_main(conn, func, initializer, initargs, parent_pid: int) -> None:
    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if initializer is not None:
        initializer(*initargs)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        index, item = task
        outcome = _call(func, index, item)
        try:
            conn.send((outcome.index, outcome.value, outcome.error))
        except Exception as err:  # e.g. a value that does not pickle
            conn.send((outcome.index, None, f"{type(err).__name__}: {err}"))


class _Pool:
    def __init__(self, func, jobs: int, initializer, initargs) -> None:
        self.func, self.jobs = func, jobs
        self.initializer, self.initargs = initializer, initargs
        self.context = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        self.workers: dict[Any, tuple[Any, Any]] = {}  # conn -> (process, (index, item) or None)

    def _start(self):
        parent_conn, child_conn = self.context.Pipe()
        process = self.context.Process(target=_worker_main, daemon=True,
                                       args=(child_conn, self.func, self.initializer, self.initargs,
                                             os.getpid()))
        process.start()
        child_conn.close()
        self.workers[parent_conn] = (process, None)
        return parent_conn

    def run(self, items: Iterable[Any]) -> Iterator[Outcome]:
        todo = enumerate(items)
        pending: collections.deque = collections.deque()  # (index, item) not yet handed out
        done: dict[int, Outcome] = {}
        next_out, exhausted = 0, False
        window = self.jobs * WINDOW_PER_JOB
        try:
            for _ in range(self.jobs):
                self._start()
            while True:
                while not exhausted and len(pending) + self._busy() + len(done) < window:
                    task = next(todo, None)
                    if task is None:
                        exhausted = True
                    else:
                        pending.append(task)
                for conn, (process, task) in list(self.workers.items()):
                    if task is None and pending:
                        task = pending.popleft()
                        self.workers[conn] = (process, task)
                        self._send(conn, task, done)
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
                if exhausted and not pending and not self._busy() and not done:
                    return
                if not self._busy():
                    continue
                self._collect(done)
        finally:
            self._shutdown()

    def _busy(self) -> int:
        return sum(task is not None for _, task in self.workers.values())

    def _send(self, conn, task, done: dict[int, Outcome]) -> None:
        try:
            conn.send(task)  # pickled whole before anything is written
        except (BrokenPipeError, EOFError, OSError):
            pass  # the worker is dead: _collect sees its sentinel and reports the item
        except Exception as err:  # an item that does not pickle costs only itself
            process, _ = self.workers[conn]
            self.workers[conn] = (process, None)
            done[task[0]] = Outcome(task[0], task[1], error=f"cannot be sent to a worker: {err}")

    def _collect(self, done: dict[int, Outcome]) -> None:
        by_sentinel = {process.sentinel: conn for conn, (process, _) in self.workers.items()}
        ready = wait([*self.workers, *by_sentinel])
        seen = set()
        for obj in ready:  # results first: a worker may answer and then exit
            if obj in self.workers:
                seen.add(obj)
                self._receive(obj, done)
        for obj in ready:
            conn = by_sentinel.get(obj)
            if conn is not None and conn not in seen and conn in self.workers:
                self._receive(conn, done)

    def _receive(self, conn, done: dict[int, Outcome]) -> None:
        process, task = self.workers[conn]
        try:
            index, value, error = conn.recv()
        except (EOFError, OSError):
            process.join(timeout=5)
            del self.workers[conn]
            conn.close()
            if task is not None:
                done[task[0]] = Outcome(task[0], task[1], error=_death(process.exitcode))
            self._start()
            return
        done[index] = Outcome(index, task[1] if task else None, value=value, error=error)
        self.workers[conn] = (process, None)

    def _shutdown(self) -> None:
        for conn, (process, _) in self.workers.items():
            try:
                conn.send(None)
            except (OSError, ValueError):
                pass
        for conn, (process, _) in self.workers.items():
            process.join(timeout=2)
            if process.is_alive():
                process.kill()
                process.join(timeout=2)
            conn.close()
        self.workers.clear()


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"worker process died ({name})"
    return f"worker process died (exit code {exitcode})"


# --- runs: one process, --jobs N on this machine, --dask on a cluster ------------------------

def warm_up() -> None:
    """Load the rules and jieba's dictionary once in the parent, so that forked workers share
    them instead of each loading its own copy."""
    from . import pipeline

    pipeline.extract("全年实现营业收入110.06亿元，同比增长24%。", "warm-up")


def run_local(paths, out_dir, published: str | None = None, jobs: int = 1, fmt: str = "csv",
              on_error: Callable[[str], None] = print) -> TablesOut:
    """Extract every document under paths into out_dir, streaming; each unreadable or failed
    document is passed to on_error as one line. Returns the closed writer (its counts)."""
    errors: list[str] = []
    items = iter_items(paths, errors)
    if fmt == "parquet":
        clear_parts(out_dir)
    out = TablesOut(out_dir, fmt)
    try:
        if jobs > 1:
            warm_up()
        render = fmt == "csv" and jobs > 1     # the workers format the CSV rows, the parent writes
        for outcome in imap_ordered(_extract_one, ((item, published, render) for item in items), jobs=jobs):
            while errors:
                on_error(errors.pop(0))
            result = outcome.value
            if outcome.error:
                result = {"error": one_line(f"{item_name(outcome.item[0])}: {outcome.error}")}
            if "error" in result:
                on_error(result["error"])
            else:
                out.write(result)
        for line in errors:
            on_error(line)
        out.close()
    except BaseException:
        out.abort()
        raise
    return out


def _extract_one(job: tuple) -> dict:
    item, published, render = job
    result = extract_item(item, published)
    return render_csv(result) if render and "error" not in result else result


def run_dask(paths, out_dir, address: str = "local", published: str | None = None, fmt: str = "parquet",
             on_error: Callable[[str], None] = print, workers: int = 2, processes: bool = True,
             docs_per_partition: int | None = None) -> dict:
    """The same extraction as run_local, as a dask.bag over documents on a Dask cluster: "local"
    starts a LocalCluster of `workers` single-threaded workers here, else a scheduler address
    (tcp://host:8786). Workers read the files and write OUT/NAME/part-*.parquet themselves
    (out_dir must be a folder they can reach); with fmt "csv" they send rows back instead."""
    import dask.bag as db
    from distributed import Client

    errors: list[str] = []
    sources = list(enumerate(_dask_sources(paths, errors)))
    for line in errors:
        on_error(line)
    if docs_per_partition is None:  # ~16 partitions per worker (documents differ in length), <= 32 docs
        docs_per_partition = max(1, min(32, len(sources) // (16 * workers)))
    cluster = None
    if address == "local":
        cluster = local_cluster(workers, processes)
        client = Client(cluster)
    else:
        client = Client(address)
    out_dir = os.path.abspath(out_dir)
    if fmt == "parquet":
        clear_parts(out_dir)
        out = None
    else:
        out = TablesOut(out_dir, fmt)
    totals = {"documents": 0, "claims": 0}
    try:
        bag = db.from_sequence(sources, partition_size=docs_per_partition) if sources else None
        parts = [] if bag is None else client.compute(
            bag.map_partitions(_dask_partition, out_dir, published, fmt == "parquet").to_delayed())
        for number, future in enumerate(parts):
            try:
                (summary,) = future.result()
            except Exception as err:  # a worker lost for good: only its partition is lost
                first = sources[min(number * docs_per_partition, len(sources) - 1)][1]
                on_error(one_line(f"{_source_name(first)}…: partition {number} failed on the cluster: "
                                  f"{type(err).__name__}: {err}"))
                continue
            finally:
                future.release()
            for line in summary["errors"]:
                on_error(line)
            totals["documents"] += summary["documents"]
            totals["claims"] += summary["claims"]
            for rows in summary.get("rows", ()):
                out.write(rows)
        if out is not None:
            out.close()
    except BaseException:
        if out is not None:
            out.abort()
        raise
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return totals


# The statistical profiler samples every worker thread's stack each 10 ms: on this pure-Python
# extractor that cost 10-20 % of the workers' CPU, for a profile nobody reads here. The event
# loop's tick check (20 ms), the memory monitor (100 ms) and the system monitor (500 ms) wake
# the worker's loop thread, which then takes the GIL from the extracting thread: at 1 s, 1 s and
# 5 s a worker spends ~3 % less CPU on the same documents (10.25 -> 9.92 s on 960 documents).
WORKER_CONFIG = {"distributed.worker.profile.enabled": False,
                 "distributed.admin.tick.interval": "1s",
                 "distributed.worker.memory.monitor-interval": "1s",
                 "distributed.admin.system-monitor.interval": "5s"}


def local_cluster(workers: int = 2, processes: bool = True):
    """A LocalCluster of single-threaded workers (the extractor holds the GIL: threads share a core)."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(WORKER_CONFIG):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                            dashboard_address=None)


def _dask_sources(paths, errors: list[str]) -> Iterator[tuple]:
    """What the workers read: ("file", path) per document, ("table", path, row_group) per row
    group of a Parquet table of texts, ("table", path, None) per JSONL table."""
    from pathlib import Path

    paths = [Path(p) for p in paths]
    for missing in (p for p in paths if not p.exists() and not p.is_symlink()):
        errors.append(f"{missing}: no such file or folder")
    for found in _expand(paths):
        path = os.path.abspath(found)
        if found not in paths or not is_text_table(path):
            yield ("file", path)
        elif path.lower().endswith(".parquet"):
            import pyarrow.parquet as pq

            try:
                groups = pq.ParquetFile(path).metadata.num_row_groups
            except Exception as err:  # not a Parquet file: pyarrow's own exception types
                errors.append(one_line(f"{path}: cannot read the table: {type(err).__name__}: {err}"))
                continue
            yield from (("table", path, group) for group in range(groups))
        else:
            yield ("table", path, None)


def _source_name(source: tuple) -> str:
    return source[1] if source[2:3] in ((), (None,)) else f"{source[1]} (row group {source[2]})"


def _source_items(source: tuple, errors: list[str]) -> Iterator[str | dict]:
    if source[0] == "file":
        yield source[1]
        return
    _, path, group = source
    try:
        if group is None:
            yield from iter_table_rows(path)
        else:
            import pyarrow.parquet as pq

            table = pq.ParquetFile(path)
            columns = [c for c in TABLE_COLUMNS if c in table.schema_arrow.names]
            offset = sum(table.metadata.row_group(g).num_rows for g in range(group))
            rows = table.read_row_group(group, columns=columns).to_pylist()
            for number, row in enumerate(rows, offset + 1):
                if not row.get("doc_id") or not isinstance(row.get("text"), str):
                    raise ValueError(f"{path}: row {number}: needs doc_id and text")
                yield {"doc_id": str(row["doc_id"]), "text": row["text"], "path": f"{path}#{number}",
                       "published": str(row.get("published") or ""), "title": str(row.get("title") or "")}
    except Exception as err:  # a bad table costs its own rows only
        errors.append(one_line(str(err) if path in str(err) else f"{path}: {type(err).__name__}: {err}"))


def _dask_partition(sources: list[tuple], out_dir: str, published: str | None, write: bool) -> list[dict]:
    """On a worker: extract one partition's documents, write its part files (or return rows)."""
    errors: list[str] = []
    summary = {"documents": 0, "claims": 0, "errors": errors}
    rows_out: list[dict] = []
    if not sources:
        return [summary]
    for _, source in sources:
        for item in _source_items(source, errors):
            result = extract_item(item, published)
            if "error" in result:
                errors.append(result["error"])
                continue
            summary["documents"] += 1
            summary["claims"] += len(result["claims"])
            rows_out.append(result)
    if write:
        out = TablesOut(out_dir, "parquet", part_docs=len(rows_out) + 1, first_part=sources[0][0])
        for rows in rows_out:
            out.write(rows)
        out.close()
    else:
        summary["rows"] = rows_out
    return [summary]
