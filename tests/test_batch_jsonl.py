"""Issue 13 item 2: JSON Lines crawls in (``.jsonl``, ``.jsonl.gz``), one record per line, bad lines as error
records; ``.jsonl.gz`` out, resumable."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import zlib
from pathlib import Path

from cleaner.batch import plan
from cleaner.batch.jsonl import Fields
from cleaner.batch.sinks import encode

PAGE = ("<html><body><article><h1>Water returns to the old mill</h1><p>After forty years without a drop, the mill "
        "race at Hollow Creek is running again, thanks to a volunteer crew that spent three summers clearing silt, "
        "roots and a surprising number of shopping trolleys from the <a href='/river'>channel</a>.</p><p>The "
        "restored wheel turned for the first time on Saturday, watched by a crowd of about two hundred people who "
        "had come with picnic baskets and folding chairs.</p></article></body></html>")
GOOD = {"url": "https://mill.example/news/wheel", "html": PAGE, "id": "mill-1"}
LINES = [
    json.dumps(GOOD),
    "{not json",
    json.dumps({"url": "https://mill.example/x", "content": PAGE}),  # no "html" field
    json.dumps({"html": ["<p>a list</p>"]}),  # not a string
    "",  # blank lines are no records
    json.dumps({"html": PAGE, "url": "https://mill.example/two"}),  # no id: FILE:LINE
]


def _crawl(folder: Path, gz: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = "\n".join(LINES) + "\n"
    if gz:
        path = folder / "crawl.jsonl.gz"
        path.write_bytes(gzip.compress(text.encode("utf-8")))
    else:
        path = folder / "crawl.jsonl"
        path.write_text(text, encoding="utf-8")
    return path


def _batch(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cleaner", "batch", *map(str, args), "--workers", "1", "-q"],
                          capture_output=True, text=True, timeout=120, check=False)


def _read(out: Path) -> list[dict]:
    data = gzip.decompress(out.read_bytes()) if out.suffix == ".gz" else out.read_bytes()
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def _check(records: list[dict], name: str) -> None:
    assert [r["source"] for r in records] == ["mill-1", f"{name}:2", f"{name}:3", f"{name}:4", f"{name}:6"]
    good, two = records[0], records[4]
    assert good["url"] == GOOD["url"] and "forty years without a drop" in good["body"]
    assert "[channel](https://mill.example/river)" in good["markdown"]
    assert two["url"] == "https://mill.example/two" and two["body"] == good["body"]
    messages = [r["error"]["message"] for r in records[1:4]]
    assert [r["error"]["type"] for r in records[1:4]] == ["input"] * 3
    assert f"{name}:2: not JSON" in messages[0]
    assert messages[1] == f"{name}:3: no field 'html'"
    assert messages[2] == f"{name}:4: field 'html' is a list, not a string"


def test_jsonl_crawl_one_record_per_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = _batch(_crawl(tmp_path / "in"), "-o", out, "--id-field", "id")
    assert result.returncode == 1, result.stderr  # bad lines are errors: the run says so
    assert "2 ok, 0 empty, 3 errors" in result.stderr
    _check(_read(out), str(tmp_path / "in" / "crawl.jsonl"))


def test_gzip_crawl_in_and_gzip_records_out(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl.gz"
    crawl = _crawl(tmp_path / "in", gz=True)
    result = _batch(crawl, "-o", out, "--id-field", "id", "--html-field", "html", "--url-field", "url")
    assert result.returncode == 1, result.stderr
    assert out.read_bytes()[:2] == b"\x1f\x8b"
    _check(_read(out), str(crawl))


def test_other_field_names(tmp_path: Path) -> None:
    crawl = tmp_path / "c.jsonl"
    crawl.write_text(json.dumps({"body_html": PAGE, "link": "https://mill.example/n", "key": 7}) + "\n",
                     encoding="utf-8")
    out = tmp_path / "o.jsonl"
    result = _batch(crawl, "-o", out, "--html-field", "body_html", "--url-field", "link", "--id-field", "key")
    assert result.returncode == 0, result.stderr
    [record] = _read(out)
    assert record["source"] == "7" and record["url"] == "https://mill.example/n" and record["body"]


def test_gzip_output_resumes_after_a_torn_write(tmp_path: Path) -> None:
    crawl = _crawl(tmp_path / "in")
    out = tmp_path / "out.jsonl.gz"
    assert _batch(crawl, "-o", out).returncode == 1
    full = _read(out)
    # a run killed after two records, mid-way through the third: two whole lines, then a torn one, no gzip trailer
    stream = zlib.compressobj(wbits=31)  # a gzip stream, flushed as the sink flushes each record, never closed
    lines = b"".join(encode(record) for record in full[:2]) + b'{"source": "torn'
    killed = tmp_path / "killed.jsonl.gz"
    killed.write_bytes(stream.compress(lines) + stream.flush(zlib.Z_SYNC_FLUSH))
    result = _batch(crawl, "-o", killed, "--resume")
    assert result.returncode == 1, result.stderr
    assert "2 already done" in result.stderr
    assert _read(killed) == full


def test_plan_lists_lines_with_their_ids_and_problems(tmp_path: Path) -> None:
    crawl = _crawl(tmp_path)
    tasks = plan([crawl], fields=Fields(id="id"))
    assert tasks[0].source == "mill-1"
    assert [t.problem is None for t in tasks] == [True, False, False, False, True]
    assert tasks[0].read() == PAGE  # a str: the page's text as the crawl holds it


def test_duplicate_ids_are_error_records_not_a_failed_run(tmp_path: Path) -> None:
    crawl = tmp_path / "dup.jsonl"
    crawl.write_text("\n".join(json.dumps({"html": PAGE, "id": "same"}) for _ in range(2)) + "\n", encoding="utf-8")
    tasks = plan([crawl], fields=Fields(id="id"))
    assert [t.source for t in tasks] == ["same", f"{crawl}:2"]
    assert tasks[1].problem is not None and "already on line 1" in tasks[1].problem
