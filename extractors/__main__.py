"""Command line: python -m extractors extract PATH... --out DIR [--published YYYY-MM-DD]
                      [--jobs N] [--dask local|ADDRESS] [--format csv|parquet]
                  python -m extractors add PATH... [--data DIR] [--published YYYY-MM-DD] [--jobs N]
                  python -m extractors export --out DIR [--data DIR]
                  python -m extractors compact [--data DIR]

Only argparse at import time: the engine, pandas and pyarrow are imported by the command that
needs them, so that --help answers at once."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

# The corpus module's DATA_DIR, without importing it (and pyarrow) for --help.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def iso_date(text: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return value


def _say(line: str) -> None:
    print(f"extractors: {line}", file=sys.stderr, flush=True)


def run_extract(args: argparse.Namespace) -> int:
    from . import parallel

    failed = []

    def on_error(line: str) -> None:
        failed.append(line)
        _say(line)

    if args.dask:
        totals = parallel.run_dask(args.paths, args.out, address=args.dask, published=args.published,
                                   fmt=args.format, on_error=on_error, workers=args.jobs or 2)
        documents, claims = totals["documents"], totals["claims"]
    else:
        out = parallel.run_local(args.paths, args.out, published=args.published, jobs=args.jobs or 1,
                                 fmt=args.format, on_error=on_error)
        documents, claims = out.documents, out.claims
    _say(f"{documents} documents, {claims} claims -> {args.out}"
         + (f" ({len(failed)} could not be read or extracted)" if failed else ""))
    return 1 if failed else 0


def run_add(args: argparse.Namespace) -> int:
    from . import corpus

    report = corpus.add_paths(args.paths, data_dir=args.data, published=args.published,
                              workers=args.jobs or min(2, os.cpu_count() or 1), progress=sys.stderr.isatty())
    for line in report.errors:
        _say(line)
    _say(f"{report.added} added, {report.skipped} already stored, "
         f"{len(report.errors)} unreadable or failed -> {args.data}")
    return 1 if report.errors else 0


def run_export(args: argparse.Namespace) -> int:
    from . import corpus

    corpus.export(args.out, data_dir=args.data)
    _say(f"claims.csv, indicators.csv, documents.csv, articles.csv -> {args.out}")
    return 0


def run_compact(args: argparse.Namespace) -> int:
    from . import corpus

    before, after = corpus.compact(data_dir=args.data)
    _say(f"{before} parts -> {after} in {args.data}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m extractors",
                                     description="Quantitative claims from Chinese documents.")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract claims from files, folders or tables of texts")
    ex.add_argument("paths", nargs="+", metavar="PATH",
                    help="file or folder (read recursively); a .parquet or .jsonl file is a table of "
                         "texts, one row per document (doc_id, text, optional published, title)")
    ex.add_argument("--out", required=True, metavar="DIR",
                    help="folder for claims, indicators, documents and articles tables")
    ex.add_argument("--published", type=iso_date, default=None, metavar="YYYY-MM-DD",
                    help="publication date for documents that state none")
    ex.add_argument("--jobs", type=positive, default=None, metavar="N",
                    help="worker processes on this machine (default 1; with --dask local, its workers)")
    ex.add_argument("--dask", default=None, metavar="local|ADDRESS",
                    help="run on a Dask cluster: 'local' starts one here, else a scheduler address "
                         "such as tcp://10.0.0.5:8786")
    ex.add_argument("--format", choices=("csv", "parquet"), default="csv",
                    help="csv: DIR/NAME.csv (UTF-8 with BOM); parquet: DIR/NAME/part-*.parquet")
    ex.set_defaults(func=run_extract)
    add = sub.add_parser("add", help="read files or folders into the stored corpus (data/)")
    add.add_argument("paths", nargs="+", metavar="PATH", help="file or folder (read recursively)")
    add.add_argument("--data", default=DATA_DIR, type=Path, metavar="DIR",
                     help="corpus folder (default: data/ of the project)")
    add.add_argument("--published", type=iso_date, default=None, metavar="YYYY-MM-DD",
                     help="publication date for documents that state none")
    add.add_argument("--jobs", type=positive, default=None, metavar="N", help="worker processes (default 2)")
    add.set_defaults(func=run_add)
    exp = sub.add_parser("export", help="write the stored corpus as CSV tables")
    exp.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder for the CSV files")
    exp.add_argument("--data", default=DATA_DIR, type=Path, metavar="DIR",
                     help="corpus folder (default: data/ of the project)")
    exp.set_defaults(func=run_export)
    com = sub.add_parser("compact", help="merge the corpus's small parts into few large ones")
    com.add_argument("--data", default=DATA_DIR, type=Path, metavar="DIR",
                     help="corpus folder (default: data/ of the project)")
    com.set_defaults(func=run_compact)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
