"""The `cleaner batch` command: many pages → one record each, with progress, a summary and an exit code.

Exit codes (those of cleaner/cli.py):
  0  every input was cleaned (records with an empty body count as cleaned)
  1  at least one input failed: its record is an error record; the others are all written
  2  usage error (bad arguments)
  3  an INPUT does not exist, two inputs would share a source, the output cannot be written, or it already
     exists and neither --resume nor --overwrite was given
  130 interrupted (Ctrl-C, SIGTERM): every record written is whole; run again with --resume to finish
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .batch import Record, Summary, Task, open_sink, plan, run
from .batch.jsonl import DEFAULT_FIELDS, Fields
from .cli import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, _silence_stdout, add_shaping, positive_int, seconds, shaping
from .errors import OutputClosedError
from .options import Format, Options

BATCH_EXAMPLES = """examples:
  cleaner batch pages/ -o articles.jsonl                  # every file under pages/, one JSON line each
  cleaner batch pages/ -o articles.jsonl --resume         # after an interruption: only what is not done
  cleaner batch site/ --include '*.html' --exclude 'tags/*' -o out/   # one out/<path>.json per page
  cleaner batch crawl.warc.gz -o articles.jsonl           # HTML responses in a web archive (cleaner[warc])
  cleaner batch pages/ -o - --quiet | jq .title           # JSON Lines on standard output
  cleaner batch pages/ -o articles.jsonl --dask tcp://scheduler:8786   # on a Dask cluster (cleaner[dask])
  cleaner batch crawl.jsonl.gz --html-field html --url-field url -o articles.jsonl.gz   # a JSON Lines crawl
  cleaner batch pages/ -o md/ --to markdown                # one .md per page (YAML front matter + article)
"""

#: the default --timeout: Options' own default per-document limit, so the batch bounds pages as clean() does
DEFAULT_TIMEOUT = Options().time_limit


def add_batch(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "batch", help="clean many pages (folders, files, WARC archives) into JSON Lines or a folder",
        description="Clean every page under the INPUTs, in parallel, into one record per page. "
                    "A record is the article JSON, or {source, error: {type, message}} for a page that failed.",
        epilog=BATCH_EXAMPLES + "\n" + (__doc__ or "").split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="a folder (walked recursively, hidden files skipped), a file, a .warc/.warc.gz archive, or "
                        "a .jsonl/.jsonl.gz crawl (one page per line)")
    p.add_argument("-o", "--output", required=True,
                   help="a .jsonl or .jsonl.gz file (one line per page; '-' for standard output), or else a folder "
                        "that gets one <path>.json (--to markdown: .md) per page, mirroring the input tree")
    p.add_argument("--to", choices=("json", "markdown"), default="json",
                   help="folder OUTPUT: one JSON record (default) or one Markdown article with YAML front matter "
                        "per page")
    p.add_argument("--html-field", default=DEFAULT_FIELDS.html, metavar="NAME",
                   help="JSON Lines input: the field holding the page (default: %(default)s)")
    p.add_argument("--url-field", default=DEFAULT_FIELDS.url, metavar="NAME",
                   help="JSON Lines input: the field holding its URL (default: %(default)s; may be absent)")
    p.add_argument("--id-field", metavar="NAME",
                   help="JSON Lines input: the field whose value becomes the record's source (default: FILE:LINE)")
    p.add_argument("--include", action="append", default=[], metavar="GLOB",
                   help="only paths (relative to their INPUT folder) matching GLOB; '*' also matches '/'; repeatable")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB", help="skip paths matching GLOB")
    p.add_argument("--workers", type=positive_int, metavar="N",
                   help="worker processes (default: all cores); with --dask local, the local cluster's workers")
    p.add_argument("--timeout", type=seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"time limit per page; a page over it becomes an error record (default: {DEFAULT_TIMEOUT:g}; "
                        "0: none)")
    p.add_argument("--max-bytes", type=positive_int, default=Options().max_bytes, metavar="N",
                   help="a page larger than this (after gzip decompression) becomes a too-large error record; "
                        "reading stops there (default: %(default)s)")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="run on the Dask scheduler at ADDRESS (e.g. tcp://host:8786), or 'local' for a cluster on "
                        "this machine")
    p.add_argument("--dask-timeout", type=seconds, default=None, metavar="SECONDS",
                   help="with --dask ADDRESS: how long to wait for the scheduler to answer (default: 10)")
    again = p.add_mutually_exclusive_group()
    again.add_argument("--resume", action="store_true", help="keep the records already in OUTPUT; do the rest")
    again.add_argument("--overwrite", action="store_true", help="start OUTPUT afresh")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no progress bar (it is also off when standard error is not a terminal)")
    p.add_argument("--all-responses", action="store_true",
                   help="WARC: also clean responses whose HTTP status is not 2xx (404 pages, redirects); by default "
                        "they are skipped and counted in the summary")
    p.add_argument("--format", choices=[f.value for f in Format], default="auto", help="input format (default: auto)")
    p.add_argument("--encoding", help="charset of every input (default: each page's own, then detection)")
    p.add_argument("--explain", action="store_true", help="add 'removed' to each record: every dropped block")
    add_shaping(p)
    p.set_defaults(run=_run_batch)


def options_from(args: argparse.Namespace) -> Options:
    return Options(format=Format(args.format), explain=args.explain, encoding=args.encoding,
                   time_limit=args.timeout if args.timeout and args.timeout > 0 else None,
                   max_bytes=args.max_bytes, **shaping(args))


def settings_of(args: argparse.Namespace, options: Options) -> dict[str, Any]:
    """The settings that shape records, saved with OUTPUT (those added since issue 13 only when not the default,
    so that an output started before them still resumes)."""
    settings: dict[str, Any] = {"format": options.format.value, "encoding": options.encoding,
                                "explain": options.explain, "all_responses": args.all_responses}
    page_type = options.page_type.value if options.page_type is not None else None
    extra = {"favor": (options.favor.value, "balanced"), "page_type": (page_type, None),
             "markdown_links": (options.markdown_links, True), "markdown_images": (options.markdown_images, False),
             "to": (args.to, "json"),
             "fields": ([args.html_field, args.url_field, args.id_field],
                        [DEFAULT_FIELDS.html, DEFAULT_FIELDS.url, None])}
    settings.update({key: value for key, (value, default) in extra.items() if value != default})
    return settings


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM stops the run as Ctrl-C does: records written stay whole, the summary is printed."""

    def _raise(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, _raise)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _progress(total: int, quiet: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit="page", file=sys.stderr, dynamic_ncols=True,
                disable=quiet or not sys.stderr.isatty())


def format_summary(summary: Summary, seconds: float, *, interrupted: bool = False) -> str:
    rate = summary.done / seconds if seconds > 0 else 0.0
    errors = ", ".join(f"{kind} {n}" for kind, n in sorted(summary.errors.items()))
    pages = "1 page" if summary.done == 1 else f"{summary.done} pages"
    line = (f"cleaner: {pages} in {seconds:.1f} s ({rate:.1f} pages/s): {summary.ok} ok, "
            f"{summary.empty} empty, {summary.failed} error{'' if summary.failed == 1 else 's'}"
            + (f" ({errors})" if errors else ""))
    if summary.skipped:
        line += f"; {summary.skipped} already done (skipped)"
    if summary.not_cleaned:
        reasons = ", ".join(f"{why} {n}" for why, n in sorted(summary.not_cleaned.items()))
        line += f"; {sum(summary.not_cleaned.values())} WARC responses not cleaned ({reasons})"
    if interrupted:
        line += "; interrupted: run again with --resume to finish"
    return line


def _run_batch(args: argparse.Namespace) -> int:
    started = time.monotonic()
    options = options_from(args)  # bad values (an unknown charset) are a usage error before any work
    if args.dask is not None:
        from .batch.dask_runner import check_address

        check_address(args.dask)
    not_pages: list[Task] = []
    matched: set[str] = set()
    fields = Fields(html=args.html_field, url=args.url_field, id=args.id_field)
    tasks = plan(args.inputs, include=args.include, exclude=args.exclude, all_statuses=args.all_responses,
                 skipped=not_pages, matched=matched, fields=fields)
    for pattern in args.include:
        if pattern not in matched:
            print(f"cleaner: warning: --include {pattern!r} matched no file (it is matched against paths relative "
                  "to each INPUT folder)", file=sys.stderr)
    sink = open_sink(args.output, resume=args.resume, overwrite=args.overwrite, settings=settings_of(args, options),
                     to=args.to)
    summary = Summary()
    summary.not_cleaned.update(task.skip for task in not_pages if task.skip)
    todo = [task for task in tasks if not sink.is_done(task)]
    summary.skipped = len(tasks) - len(todo)
    interrupted = False
    closed: str | None = None  # the message, not the exception: its traceback would keep the runner alive
    records: Iterator[Record] = iter(())
    bar = _progress(len(todo), args.quiet)
    try:
        with _sigterm_interrupts():
            records = run(todo, options=options, workers=args.workers, dask=args.dask,
                          dask_timeout=args.dask_timeout)
            for task, record in zip(todo, records, strict=True):
                sink.write(task, record)
                summary.add(record)
                if summary.failed and not bar.disable:
                    bar.set_postfix_str(f"{summary.failed} errors", refresh=False)
                bar.update()
    except KeyboardInterrupt:
        interrupted = True
    except OutputClosedError as exc:  # `-o - | head`: the records not written are lost, so never exit 0
        closed = str(exc)
    finally:
        close = getattr(records, "close", None)
        if close is not None:
            close()  # stop the workers now, not whenever the generator is collected
        bar.close()
        sink.close()
    print(format_summary(summary, time.monotonic() - started, interrupted=interrupted), file=sys.stderr)
    if closed is not None:
        print(f"cleaner: error: {closed}; {len(todo) - summary.done} records not written", file=sys.stderr)
        _silence_stdout()
        return EXIT_FAILED
    if interrupted:
        return EXIT_INTERRUPTED
    return EXIT_FAILED if summary.failed else EXIT_OK
