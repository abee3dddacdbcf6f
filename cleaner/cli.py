"""The `cleaner` command: a thin adapter from arguments to Options and the library. The only module that prints.

Exit codes:
  0  success
  1  a page could not be cleaned (batch: at least one input failed)
  2  usage error (bad arguments)
  3  input error: missing file, a directory, unreadable
  4  not a web page (empty, binary), or it could not be decoded
  5  over a limit (size, time or nesting depth)
  130 interrupted (Ctrl-C)

Examples:
  cleaner clean page.html                       # one page → JSON on stdout
  cleaner clean scrape.txt --explain            # plain-text scrape, with every dropped block and why
  cleaner batch pages/ -o articles.jsonl        # a folder, all cores, resumable with --resume
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path
from typing import Any

from . import __version__
from .api import clean, clean_file
from .errors import (
    CleanerError,
    DecodeError,
    InputError,
    NotAPageError,
    OutputClosedError,
    TimeLimitError,
    TooLargeError,
    UsageError,
)
from .limits import read_bounded
from .markdown_out import document
from .options import Favor, Format, Options, PageType

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_NOT_A_PAGE = 4
EXIT_LIMIT = 5
EXIT_INTERRUPTED = 130

_EXIT_FOR = (
    (UsageError, EXIT_USAGE),
    (InputError, EXIT_INPUT),
    (NotAPageError, EXIT_NOT_A_PAGE),
    (DecodeError, EXIT_NOT_A_PAGE),
    (TooLargeError, EXIT_LIMIT),
    (TimeLimitError, EXIT_LIMIT),
)

CLEAN_EXAMPLES = """examples:
  cleaner clean page.html                      # HTML file → article JSON on stdout
  cleaner clean scrape.txt --explain           # text scrape; list every dropped block and why
  curl -s URL | cleaner clean - --url URL      # from stdin, with the page's URL
  cleaner clean page.md --format markdown -o article.json
  cleaner clean page.html --to markdown --url URL  # the article as Markdown, metadata as YAML front matter
  cleaner clean page.html --favor precision      # drop doubtful blocks (recall: keep them)
  cleaner clean thread.html --page-type forum    # force the page type (a forum crawl) instead of detecting it
"""


def exit_code_for(error: CleanerError) -> int:
    for kind, code in _EXIT_FOR:
        if isinstance(error, kind):
            return code
    return EXIT_FAILED


def positive_int(text: str) -> int:
    """An argparse type: a whole number >= 1."""
    value = _int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def non_negative_int(text: str) -> int:
    """An argparse type: a whole number >= 0."""
    value = _int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None


def seconds(text: str) -> float:
    """An argparse type: a finite number of seconds >= 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"must be a number of seconds >= 0 (0: no limit), not {text}")
    return value


#: what ``--to`` may ask for: the JSON record, the article as Markdown with its metadata as front matter, the body
TARGETS = ("json", "markdown", "text")


def add_shaping(p: argparse.ArgumentParser) -> None:
    """The options that shape the record, shared by ``clean`` and ``batch``."""
    p.add_argument("--favor", choices=[f.value for f in Favor], default=Favor.BALANCED.value,
                   help="lean to precision (drop doubtful blocks) or recall (keep them) (default: %(default)s)")
    p.add_argument("--page-type", choices=[t.value for t in PageType], metavar="TYPE",
                   help="force the page type instead of detecting it (one of: %(choices)s); the record's "
                        "sources.page_type then says 'forced'")
    p.add_argument("--no-links", action="store_true", help="Markdown: links as their text only")
    p.add_argument("--images", action="store_true", help="Markdown: keep the images inside the article's text")


def shaping(args: argparse.Namespace) -> dict[str, Any]:
    """Options' keyword arguments for the options :func:`add_shaping` adds."""
    return {"favor": args.favor, "page_type": args.page_type, "markdown_links": not args.no_links,
            "markdown_images": args.images}


def render(record: dict[str, Any], to: str, indent: int | None) -> str:
    """The record as ``--to`` asks: JSON, Markdown with YAML front matter, or the body's text."""
    if to == "markdown":
        return document(record)
    if to == "text":
        return f"{record['body']}\n" if record.get("body") else ""
    return json.dumps(record, ensure_ascii=False, indent=indent) + "\n"


def _add_clean(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "clean", help="clean one page and print its JSON record",
        description="Clean one page (HTML, plain text or Markdown) and print the article as JSON.",
        epilog=CLEAN_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", nargs="*", default=["-"], metavar="FILE",
                   help="the page; '-' or nothing reads standard input (one file: use 'cleaner batch' for more)")
    p.add_argument("--url", help="the page's URL (improves metadata and relative links)")
    p.add_argument("--format", choices=[f.value for f in Format], default="auto",
                   help="input format (default: auto-detect)")
    p.add_argument("--encoding", help="the charset, e.g. from an HTTP Content-Type header")
    p.add_argument("--explain", action="store_true", help="add 'removed': every dropped block with its label")
    p.add_argument("--time-limit", type=seconds, default=Options().time_limit, metavar="SECONDS",
                   help="give up on the page after this long (default: %(default)s; 0: no limit)")
    p.add_argument("--max-bytes", type=positive_int, default=Options().max_bytes, metavar="N",
                   help="refuse inputs larger than this (default: %(default)s)")
    p.add_argument("--indent", type=non_negative_int, default=2, help="JSON indentation (0: one line)")
    p.add_argument("--to", choices=TARGETS, default="json",
                   help="json: the record (default); markdown: the article as Markdown under a YAML front matter "
                        "of its metadata; text: the body")
    add_shaping(p)
    p.add_argument("-o", "--output", help="write the output here instead of standard output")
    p.set_defaults(run=_run_clean)


def _run_clean(args: argparse.Namespace) -> int:
    if len(args.file) > 1:
        raise UsageError(f"cleaner clean takes one file at a time, not {len(args.file)} (use 'cleaner batch' for "
                         "many pages)")
    args.file = args.file[0] if args.file else "-"
    options = Options(format=Format(args.format), explain=args.explain, encoding=args.encoding,
                      time_limit=args.time_limit or None, max_bytes=args.max_bytes, **shaping(args))
    if args.file == "-":
        data = read_bounded(sys.stdin.buffer, options.max_bytes, "standard input")
        article = clean(data, url=args.url, options=options, source="-")
    else:
        article = clean_file(args.file, url=args.url, options=options)
    text = render(article.to_dict(), args.to, args.indent or None)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{args.output}: cannot write ({exc.strerror or exc})") from exc
    else:
        # JSON is UTF-8 (RFC 8259) whatever the terminal's encoding
        try:
            sys.stdout.flush()
            sys.stdout.buffer.write(text.encode("utf-8"))
            sys.stdout.buffer.flush()
        except BrokenPipeError as exc:
            raise OutputClosedError("standard output closed") from exc
    return EXIT_OK


def _silence_stdout() -> None:
    """After the reader of stdout went away: point it at /dev/null so the exit-time flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleaner",
        description="Turn scraped web pages (HTML, plain text, Markdown) into clean article JSON.",
        epilog="run 'cleaner COMMAND --help' for a command's options and examples.\n\n" + (__doc__ or "").split(
            "\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_clean(sub)
    try:
        from .batch_cli import add_batch
    except ImportError:  # the batch job is not built yet
        pass
    else:
        add_batch(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except OutputClosedError:  # `cleaner clean page.html | head -1`: the reader has what it wanted
        _silence_stdout()
        return EXIT_OK
    except CleanerError as exc:
        print(f"cleaner: error: {exc}", file=sys.stderr)
        return exit_code_for(exc)
    except KeyboardInterrupt:
        print("cleaner: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug of ours: still one line and a documented code, never a traceback
        print(f"cleaner: internal error: {type(exc).__name__}: {exc} (please report it)", file=sys.stderr)
        return EXIT_FAILED
