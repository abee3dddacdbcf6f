#!/usr/bin/env python3
"""Turn a saved page into a new golden sample: samples/<slug>/page.<ext> (+ url.txt) and a draft expected.json.

The draft is the cleaner's *current* output, so it is only a starting point: read the page, correct every value
that is wrong (title, authors, published, body, …), fill in "body_without" with the boilerplate strings that must
not leak into the body, and delete keys you do not want the sample to pin. tests/test_samples.py compares only the
keys present in expected.json.

    .venv/bin/python scripts/make_sample.py ~/Downloads/story.html --slug en-news-paywall \\
        --url https://example.com/news/story
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from cleaner import CleanerError, Options, clean_file

#: samples/ next to this script's folder: the repository's golden cases
DEFAULT_SAMPLES = Path(__file__).resolve().parent.parent / "samples"
#: the record fields a sample usually pins; the rest (word_count, sources, …) change too often to be worth it
PINNED = ("title", "authors", "published", "modified", "site_name", "language", "body")
#: page file extension for each detected format, when the saved file's own extension is not one of these
EXT_FOR_FORMAT = {"html": "html", "text": "txt", "markdown": "md"}
KNOWN_EXTS = {".html": "html", ".htm": "html", ".xhtml": "html", ".txt": "txt", ".md": "md", ".markdown": "md"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

REMINDER = """\
REVIEW {expected} BY HAND before committing: it is the cleaner's current output, not the truth.
  - correct every pinned value (title, authors, published, modified, site_name, language, body);
  - body: one paragraph per block, blocks separated by exactly one blank line;
  - add the boilerplate strings that must not leak to "body_without" and caption fragments to "captions_contain";
  - delete any key the sample should not pin. Then run: .venv/bin/pytest tests/test_samples.py -k {slug}"""


def slug_from(path: Path) -> str:
    """A lowercase, hyphenated slug from a file name: 'My Story (1).html' → 'my-story-1'."""
    return re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "sample"


def page_ext(path: Path, detected_format: str) -> str:
    """The extension to store the page under: the file's own if it names a format, else the detected format's."""
    return KNOWN_EXTS.get(path.suffix.lower(), EXT_FOR_FORMAT.get(detected_format, "html"))


def draft_expected(record: dict[str, Any]) -> dict[str, Any]:
    """The draft expected.json: the pinned fields from the record, the captions found, an empty body_without."""
    expected: dict[str, Any] = {key: record[key] for key in PINNED}
    captions = [c["text"] for c in record.get("captions", []) if c.get("text")]
    if captions:
        expected["captions_contain"] = captions
    expected["body_without"] = []
    return expected


def make_sample(
    page: Path, *, slug: str, samples: Path = DEFAULT_SAMPLES, url: str | None = None, force: bool = False
) -> Path:
    """Create samples/<slug>/ from ``page`` and return the folder. Raises ValueError or FileExistsError."""
    if not SLUG.match(slug):
        raise ValueError(f"bad slug {slug!r}: use lowercase letters, digits and single hyphens, e.g. 'en-news-paywall'")
    folder = samples / slug
    if folder.exists() and not force:
        raise FileExistsError(f"{folder} already exists (use --force to replace its page and draft)")
    record = clean_file(page, url=url, options=Options()).to_dict()
    data = page.read_bytes()  # read before clearing the folder: the page may be an old page.* of this very sample
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("page.*"):  # with --force: exactly one page.* must remain
        old.unlink()
    (folder / f"page.{page_ext(page, record['format'])}").write_bytes(data)
    url_file = folder / "url.txt"
    if url:
        url_file.write_text(url + "\n", encoding="utf-8")
    elif url_file.exists():
        url_file.unlink()
    expected = json.dumps(draft_expected(record), ensure_ascii=False, indent=2) + "\n"
    (folder / "expected.json").write_text(expected, encoding="utf-8")
    return folder


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Turn a saved page into a new golden sample with a draft expected.json to review.",
        epilog=__doc__.split("\n\n")[-1] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("page", type=Path, help="the saved page (HTML, plain text or Markdown)")
    parser.add_argument("--slug", help="the sample's folder name (default: from the file name)")
    parser.add_argument("--url", help="the page's URL; stored in url.txt and passed to the cleaner")
    parser.add_argument(
        "--samples", type=Path, default=DEFAULT_SAMPLES, help=f"the samples folder (default: {DEFAULT_SAMPLES})"
    )
    parser.add_argument("--force", action="store_true", help="replace an existing sample's page and draft")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    page: Path = args.page
    if not page.is_file():
        print(f"make_sample: error: {page}: no such file", file=sys.stderr)
        return 2
    slug = args.slug or slug_from(page)
    try:
        folder = make_sample(page, slug=slug, samples=args.samples, url=args.url, force=args.force)
    except (ValueError, FileExistsError, CleanerError) as exc:
        print(f"make_sample: error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {folder}/")
    print(REMINDER.format(expected=folder / "expected.json", slug=slug))
    return 0


if __name__ == "__main__":
    sys.exit(main())
