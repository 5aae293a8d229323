"""Command line: python -m extractors extract PATH... --out DIR [--published YYYY-MM-DD]
                  python -m extractors add PATH... [--data DIR] [--published YYYY-MM-DD]
                  python -m extractors export --out DIR [--data DIR]"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from . import corpus, pipeline
from .ingest import ReadError, iter_paths, read_document
from .table import articles_frame, claims_frame, documents_frame, write_csv


def iso_date(text: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def run_extract(args: argparse.Namespace) -> int:
    failed = 0
    claims, documents, articles = [], [], []
    paths = iter_paths(args.paths)
    for missing in (p for p in map(Path, args.paths) if not p.exists()):
        print(f"extractors: {missing}: no such file or folder", file=sys.stderr)
        failed += 1
    for path in paths:
        if not path.exists() and not path.is_symlink():   # reliab: a dangling link or loop gets its own line
            continue
        try:
            doc = read_document(path)
        except ReadError as err:
            print(f"extractors: {err}", file=sys.stderr)
            failed += 1
            continue
        result = pipeline.extract_document(doc, published=args.published)
        claims.extend(result.claims)
        documents.append(result.document_row)
        articles.extend(result.article_rows)
    out = Path(args.out)
    write_csv(claims_frame(claims), out / "claims.csv")
    write_csv(documents_frame(documents), out / "documents.csv")
    write_csv(articles_frame(articles), out / "articles.csv")
    print(f"extractors: {len(documents)} documents, {len(claims)} claims -> {out}", file=sys.stderr)
    return 1 if failed else 0


def run_add(args: argparse.Namespace) -> int:
    report = corpus.add_paths(args.paths, data_dir=args.data, published=args.published,
                              progress=sys.stderr.isatty())
    for line in report.errors:
        print(f"extractors: {line}", file=sys.stderr)
    print(f"extractors: {report.added} added, {report.skipped} already stored, "
          f"{len(report.errors)} unreadable -> {args.data}", file=sys.stderr)
    return 1 if report.errors else 0


def run_export(args: argparse.Namespace) -> int:
    corpus.export(args.out, data_dir=args.data)
    print(f"extractors: claims.csv, documents.csv, articles.csv -> {args.out}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m extractors",
                                     description="Quantitative claims from Chinese documents.")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract claims from files or folders into CSV tables")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="file or folder (read recursively)")
    ex.add_argument("--out", required=True, metavar="DIR", help="folder for claims.csv, documents.csv, articles.csv")
    ex.add_argument("--published", type=iso_date, default=None, metavar="YYYY-MM-DD",
                    help="publication date for documents that state none")
    ex.set_defaults(func=run_extract)
    add = sub.add_parser("add", help="read files or folders into the stored corpus (data/)")
    add.add_argument("paths", nargs="+", metavar="PATH", help="file or folder (read recursively)")
    add.add_argument("--data", default=corpus.DATA_DIR, type=Path, metavar="DIR",
                     help="corpus folder (default: data/ of the project)")
    add.add_argument("--published", type=iso_date, default=None, metavar="YYYY-MM-DD",
                     help="publication date for documents that state none")
    add.set_defaults(func=run_add)
    exp = sub.add_parser("export", help="write the stored corpus as CSV tables")
    exp.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder for the CSV files")
    exp.add_argument("--data", default=corpus.DATA_DIR, type=Path, metavar="DIR",
                     help="corpus folder (default: data/ of the project)")
    exp.set_defaults(func=run_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
