"""The command line on bad input: a one-line message on stderr, nothing on stdout, the documented exit code
(cleaner/cli.py: 4 not a web page or undecodable, 5 over a limit); broken-but-real pages still give JSON (0)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

NASTY = Path(__file__).resolve().parent / "nasty"
EXIT_USAGE = 2
EXIT_NOT_A_PAGE = 4
EXIT_LIMIT = 5


def _run(*args: str | Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "cleaner", "clean", *map(str, args)], input=stdin,
                          capture_output=True, timeout=120, check=False)  # fmt: skip


def _error(result: subprocess.CompletedProcess[bytes], code: int) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == code, err
    assert result.stdout == b""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("cleaner: error: ")
    return lines[0]


@pytest.mark.parametrize(
    ("name", "what"),
    [("document.pdf", "a PDF document"), ("report.docx", "a Word document"), ("random.bin", "binary data")],
)
def test_binary_files_are_named_in_one_line(name: str, what: str) -> None:
    line = _error(_run(NASTY / name), EXIT_NOT_A_PAGE)
    assert f"not a web page: looks like {what}" in line


def test_binary_on_stdin() -> None:
    line = _error(_run("-", stdin=(NASTY / "image.png").read_bytes()), EXIT_NOT_A_PAGE)
    assert "PNG image" in line


def test_an_input_over_the_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.html"
    with big.open("wb") as out:
        out.write(b"<html><body><p>")
        out.write(b"a" * (50 * 1024 * 1024))
    line = _error(_run(big), EXIT_LIMIT)
    assert "over the limit" in line and "max_bytes" in line


def test_an_unknown_charset_name() -> None:
    # issue 12, item 4: a usage error (exit 2, as the README's table says), before any work
    line = _error(_run(NASTY / "nul-bytes.html", "--encoding", "klingon-8"), EXIT_USAGE)
    assert "klingon-8" in line and "unknown charset" in line


@pytest.mark.parametrize(
    ("name", "phrase"),
    [("nul-bytes.html", "harbour authority"), ("mislabelled-cp1252.html", "keeper’s logbooks")],
)
def test_broken_but_real_pages_still_give_json(name: str, phrase: str) -> None:
    result = _run(NASTY / name, "--encoding", "utf-8")
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert phrase in json.loads(result.stdout.decode("utf-8"))["body"]


def test_every_bad_input_error_has_its_documented_exit_code() -> None:
    from cleaner.cli import exit_code_for
    from cleaner.errors import DecodeError, NotAPageError, TimeLimitError, TooDeepError, TooLargeError

    assert exit_code_for(NotAPageError("x")) == EXIT_NOT_A_PAGE
    assert exit_code_for(DecodeError("x")) == EXIT_NOT_A_PAGE
    assert exit_code_for(TooLargeError("x")) == EXIT_LIMIT
    assert exit_code_for(TooDeepError("x")) == EXIT_LIMIT
    assert exit_code_for(TimeLimitError("x")) == EXIT_LIMIT
