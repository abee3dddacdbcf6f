"""Transparent gzip input (issue 10) and reading bounded by max_bytes (issue 12, item 2).

Pages here are plain text so that these tests exercise reading, not the HTML front-end.
"""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

import cleaner
from cleaner import DecodeError, Options, TooLargeError
from cleaner.limits import read_bounded, unwrap

PAGE = b"""A headline about the river

After forty years without a drop, the mill race at Hollow Creek is running again, thanks to a volunteer crew
that spent three summers clearing silt, roots and a surprising number of shopping trolleys.

The restored wheel turned for the first time on Saturday, watched by a crowd of about two hundred people.
"""


def _cli(*args: str | Path, stdin: bytes | None = None, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "cleaner", *map(str, args)], input=stdin, capture_output=True,
                          timeout=timeout, check=False)


def _bomb(size: int) -> bytes:
    return gzip.compress(b"\0" * size, compresslevel=9)


def test_clean_reads_gzip_bytes() -> None:
    assert cleaner.clean(gzip.compress(PAGE)).body == cleaner.clean(PAGE).body
    assert "forty years" in (cleaner.clean(gzip.compress(PAGE)).body or "")


def test_clean_reads_every_member_of_a_multi_member_gzip() -> None:
    article = cleaner.clean(gzip.compress(PAGE[:100]) + gzip.compress(PAGE[100:]))
    assert article.body == cleaner.clean(PAGE).body


def test_clean_file_reads_a_gzip_file(tmp_path: Path) -> None:
    saved = tmp_path / "page.txt.gz"
    saved.write_bytes(gzip.compress(PAGE))
    article = cleaner.clean_file(saved)
    assert "forty years" in (article.body or "") and article.source == str(saved)


def test_gzip_is_removed_once_whatever_the_way_in(tmp_path: Path) -> None:
    twice = gzip.compress(gzip.compress(PAGE))
    saved = tmp_path / "twice.gz"
    saved.write_bytes(twice)
    with pytest.raises(cleaner.NotAPageError, match="gzip"):
        cleaner.clean(twice)
    with pytest.raises(cleaner.NotAPageError, match="gzip"):
        cleaner.clean_file(saved)


def test_the_limit_applies_to_the_decompressed_bytes() -> None:
    small = gzip.compress(b"x" * 2000 + PAGE)
    assert len(small) < 1000
    with pytest.raises(TooLargeError, match="decompresses to over the limit of 1,000 bytes"):
        cleaner.clean(small, options=Options(max_bytes=1000))


def test_a_gzip_bomb_is_refused_without_decompressing_it() -> None:
    bomb = _bomb(200 * 1024 * 1024)  # 200 MB of zeros in ~200 KB
    tracemalloc.start()
    try:
        with pytest.raises(TooLargeError):
            unwrap(bomb, 1000)
        with pytest.raises(TooLargeError):
            read_bounded(io.BytesIO(bomb), 1000)
        with pytest.raises(TooLargeError):
            cleaner.clean(bomb, options=Options(max_bytes=1_000_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, peak  # never near the 200 MB it would decompress to


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (gzip.compress(PAGE)[:40], "truncated gzip"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(256)) * 4, "corrupt gzip"),
        (gzip.compress(PAGE) + b"not gzip", "corrupt gzip"),
    ],
    ids=["truncated", "corrupt", "garbage-after"],
)
def test_a_corrupt_gzip_is_a_decode_error(content: bytes, message: str, tmp_path: Path) -> None:
    with pytest.raises(DecodeError, match=message):
        cleaner.clean(content)
    saved = tmp_path / "page.html.gz"
    saved.write_bytes(content)
    with pytest.raises(DecodeError, match=message):
        cleaner.clean_file(saved)
    result = _cli("clean", saved)
    assert result.returncode == 4 and result.stdout == b""
    assert message in result.stderr.decode() and b"Traceback" not in result.stderr


def test_cli_reads_gzip_from_a_file_and_from_stdin(tmp_path: Path) -> None:
    saved = tmp_path / "page.txt.gz"
    saved.write_bytes(gzip.compress(PAGE))
    for result in (_cli("clean", saved), _cli("clean", "-", stdin=gzip.compress(PAGE))):
        assert result.returncode == 0, result.stderr
        assert "forty years" in json.loads(result.stdout)["body"]


def test_cli_refuses_a_gzip_bomb_with_the_limit_exit_code(tmp_path: Path) -> None:
    saved = tmp_path / "bomb.html.gz"
    saved.write_bytes(_bomb(20 * 1024 * 1024))
    for result in (_cli("clean", saved, "--max-bytes", "1000"),
                   _cli("clean", "-", "--max-bytes", "1000", stdin=saved.read_bytes())):
        assert result.returncode == 5, result.stderr
        assert b"decompresses to over the limit of 1,000 bytes" in result.stderr


def test_batch_reads_gzip_files(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt.gz").write_bytes(gzip.compress(PAGE))
    (inputs / "bomb.txt.gz").write_bytes(_bomb(60 * 1024 * 1024))  # over the default 50 MiB once decompressed
    (inputs / "cut.txt.gz").write_bytes(gzip.compress(PAGE)[:40])
    records = {r["source"]: r for r in cleaner.clean_folder(inputs, workers=1)}
    assert "forty years" in records["a.txt.gz"]["body"]
    assert records["bomb.txt.gz"]["error"]["type"] == "too-large"
    assert records["cut.txt.gz"]["error"]["type"] == "decode"


# --- issue 12, item 2: reading stops at max_bytes + 1 ------------------------------------------------------------


class _Counting(io.RawIOBase):
    """An endless stream of text that counts what was read from it."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = len(buffer)
        buffer[:n] = b"a" * n
        self.given += n
        return n


def test_read_bounded_reads_max_bytes_plus_one_and_no_more() -> None:
    stream = _Counting()
    with pytest.raises(TooLargeError, match="over the limit of 1,000 bytes"):
        read_bounded(stream, 1000)  # type: ignore[arg-type]
    assert stream.given == 1001


def test_cli_refuses_an_endless_file_and_an_endless_stdin_at_once() -> None:
    for result in (_cli("clean", "/dev/zero", "--max-bytes", "1000", timeout=30),):
        assert result.returncode == 5, result.stderr
        assert b"/dev/zero is over the limit of 1,000 bytes" in result.stderr
    with open("/dev/zero", "rb") as zero:
        result = subprocess.run([sys.executable, "-m", "cleaner", "clean", "-", "--max-bytes", "1000"], stdin=zero,
                                capture_output=True, timeout=30, check=False)
    assert result.returncode == 5 and b"standard input is over the limit" in result.stderr


def test_batch_has_max_bytes(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "big.txt").write_bytes(PAGE * 20)
    (inputs / "small.txt").write_bytes(PAGE)
    out = tmp_path / "out.jsonl"
    result = _cli("batch", inputs, "-o", out, "--max-bytes", str(len(PAGE) * 2), "--workers", "1")
    assert result.returncode == 1, result.stderr
    records = {r["source"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert records["big.txt"]["error"]["type"] == "too-large"
    assert "forty years" in records["small.txt"]["body"]
    assert _cli("batch", inputs, "-o", out, "--overwrite", "--max-bytes", "-1").returncode == 2


def test_warc_payloads_are_read_bounded(tmp_path: Path) -> None:
    pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    archive = tmp_path / "crawl.warc.gz"
    with archive.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for uri, body in (("https://example.org/big", b"<p>big</p>" + b" " * 100_000), ("https://example.org/s",
                                                                                        PAGE)):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          length=len(body), http_headers=headers))
    records = list(cleaner.clean_folder(archive, options=Options(max_bytes=10_000), workers=1))
    assert records[0]["error"]["type"] == "too-large"
    assert "error" not in records[1]
