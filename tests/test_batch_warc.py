"""Issue 12, item 6: WARC input: truncated archives, HTTP status and date, non-2xx responses, revisit records."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import cleaner

pytest.importorskip("warcio", reason="WARC input needs the 'warc' extra")

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

TEXT = ("A story from the valley {i}\n\nAfter forty years without a drop, the mill race at Hollow Creek is running "
        "again, thanks to a volunteer crew that spent three summers clearing silt ({i}).\n")
DATE = "2024-05-06T07:08:09Z"


def _warc(path: Path, responses: list[tuple[str, str]], *, gz: bool, revisit_of: int | None = None) -> list[str]:
    """Write responses (uri, status line) as text/html records; a revisit of one of them; their record ids."""
    ids = []
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=gz)
        records = []
        for i, (uri, status) in enumerate(responses):
            body = TEXT.format(i=i).encode()
            headers = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), length=len(body),
                                               http_headers=headers, warc_headers_dict={"WARC-Date": DATE})
            writer.write_record(record)
            records.append(record)
            ids.append(record.rec_headers.get_header("WARC-Record-ID"))
        if revisit_of is not None:
            original = records[revisit_of]
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            revisit = writer.create_revisit_record(
                "https://example.org/again", digest=original.rec_headers.get_header("WARC-Payload-Digest"),
                refers_to_uri=original.rec_headers.get_header("WARC-Target-URI"), refers_to_date=DATE,
                http_headers=headers)
            writer.write_record(revisit)
            ids.append(revisit.rec_headers.get_header("WARC-Record-ID"))
    return ids


def _batch(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cleaner", "batch", *map(str, args), "--workers", "1"],
                          capture_output=True, text=True, timeout=120, check=False)


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
@pytest.mark.parametrize("cut", [0.75, 0.4, 0.1])
def test_a_truncated_archive_gives_an_error_record_and_a_failing_exit(tmp_path: Path, gz: bool, cut: float) -> None:
    archive = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _warc(archive, [(f"https://example.org/{i}", "200 OK") for i in range(2)], gz=gz)
    data = archive.read_bytes()
    archive.write_bytes(data[: int(len(data) * cut)])
    out = tmp_path / "out.jsonl"
    result = _batch(archive, "-o", out)
    assert result.returncode == 1, result.stderr
    records = _jsonl(out)
    errors = [r for r in records if "error" in r]
    assert len(errors) == 1, records
    assert errors[0]["error"]["type"] == "input"
    assert "truncated" in errors[0]["error"]["message"] or "not a readable WARC" in errors[0]["error"]["message"]
    assert all("forty years" in r["body"] for r in records if "error" not in r)  # no empty article for the cut one
    assert "1 error" in result.stderr


def test_records_carry_the_http_status_and_the_warc_date(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc.gz"
    _warc(archive, [("https://example.org/a", "200 OK")], gz=True)
    (tmp_path / "page.txt").write_text(TEXT.format(i=9), encoding="utf-8")
    records = list(cleaner.clean_folder(tmp_path, workers=1))
    by_source = {r["source"].split()[0]: r for r in records}
    warc_record = by_source["https://example.org/a"]
    assert warc_record["http_status"] == 200 and warc_record["fetched"] == DATE
    assert "http_status" not in by_source["page.txt"] and "fetched" not in by_source["page.txt"]


def test_non_2xx_responses_are_skipped_and_counted_unless_asked_for(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc.gz"
    _warc(archive, [("https://example.org/a", "200 OK"), ("https://example.org/gone", "404 Not Found"),
                    ("https://example.org/moved", "301 Moved Permanently")], gz=True)
    out = tmp_path / "out.jsonl"
    result = _batch(archive, "-o", out)
    assert result.returncode == 0, result.stderr
    assert [r["url"] for r in _jsonl(out)] == ["https://example.org/a"]
    assert "2 WARC responses not cleaned (HTTP 301 1, HTTP 404 1)" in result.stderr
    result = _batch(archive, "-o", out, "--overwrite", "--all-responses")
    assert result.returncode == 0, result.stderr
    assert [(r["url"], r["http_status"]) for r in _jsonl(out)] == [
        ("https://example.org/a", 200), ("https://example.org/gone", 404), ("https://example.org/moved", 301)]
    records = list(cleaner.clean_folder(archive, workers=1))
    assert [r["http_status"] for r in records] == [200]


def test_a_revisit_record_is_cleaned_from_the_response_it_repeats(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc.gz"
    ids = _warc(archive, [("https://example.org/a", "200 OK")], gz=True, revisit_of=0)
    records = list(cleaner.clean_folder(archive, workers=1))
    assert [r["source"] for r in records] == [f"https://example.org/a {ids[0]}", f"https://example.org/again {ids[1]}"]
    assert records[1]["body"] == records[0]["body"] and records[1]["url"] == "https://example.org/again"
    assert records[1]["http_status"] == 200


def test_a_revisit_of_a_response_elsewhere_is_counted_not_lost(tmp_path: Path) -> None:
    first, second = tmp_path / "one.warc.gz", tmp_path / "two.warc.gz"
    _warc(first, [("https://example.org/a", "200 OK")], gz=True, revisit_of=0)
    # the same revisit record alone in its own archive: its response is not there
    data = first.read_bytes()
    from warcio.archiveiterator import ArchiveIterator

    with first.open("rb") as f:
        it = ArchiveIterator(f)
        offsets = []
        for _ in it:
            offsets.append(it.get_record_offset())
    second.write_bytes(data[offsets[1]:])
    first.unlink()
    out = tmp_path / "out.jsonl"
    result = _batch(second, "-o", out)
    assert result.returncode == 0, result.stderr
    assert _jsonl(out) == []
    assert "revisit of a response not in this archive 1" in result.stderr
