"""The batch job: one record per input whatever happens, in input order, resumable, on local workers or Dask.

The injected cleaners below (``hang_on_marker``, ``die_on_marker``, ``report_pid``) are module-level so that
worker processes can unpickle them: ``clean_folder(..., clean_fn=...)`` is the library's seam for slow or
failing pages, no environment variable or test-only hook in the package.
"""

from __future__ import annotations

import functools
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import cleaner
from cleaner import Article, Metadata, Options, clean
from cleaner.batch import JsonlSink, OutputExistsError, Task, plan
from cleaner.batch.pool import KILL_GRACE, run_local
from cleaner.batch.sinks import RUN_FILE
from cleaner.batch_cli import _progress
from cleaner.errors import InputError

PAGE = """<!doctype html><html lang="en"><head><title>Story {i} | Valley Post</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Story number {i} from the valley</h1>
<p>After forty years without a drop, the mill race at Hollow Creek is running again, thanks to a volunteer
crew that spent three summers clearing silt, roots and a surprising number of shopping trolleys ({i}).</p>
<p>The restored wheel turned for the first time on Saturday, watched by a crowd of about two hundred people
who had come with picnic baskets and folding chairs to see whether the thing would actually move.</p>
</article></body></html>"""
TEXT = """Story {i} from the valley

After forty years without a drop, the mill race at Hollow Creek is running again, thanks to a volunteer crew
that spent three summers clearing silt, roots and a surprising number of shopping trolleys ({i}).

The restored wheel turned for the first time on Saturday, watched by a crowd of about two hundred people.
"""
#: a page that makes the injected cleaners misbehave
MARKER = b"<!-- misbehave -->"


def hang_on_marker(content: bytes | str, **kwargs: Any) -> Article:
    if isinstance(content, bytes) and MARKER in content:
        time.sleep(600)
    return clean(content, **kwargs)


def die_on_marker(content: bytes | str, **kwargs: Any) -> Article:
    if isinstance(content, bytes) and MARKER in content:
        os._exit(3)
    return clean(content, **kwargs)


def report_pid(content: bytes | str, *, source: str = "-", **kwargs: Any) -> Article:
    return Article(body=str(os.getpid()), format="text", metadata=Metadata(), source=source)


def write_pages(root: Path, count: int, *, start: int = 0) -> list[str]:
    """``count`` small HTML pages under ``root`` (a few in a subfolder); their sources in walk order."""
    for i in range(start, start + count):
        folder = root / "sub" if i % 5 == 4 else root
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"p{i:05d}.html").write_text(PAGE.format(i=i), encoding="utf-8")
    return [task.source for task in plan([root])]


def run_cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cleaner", "batch", *args], capture_output=True, text=True,
                          timeout=timeout, check=False)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    data = path.read_bytes()
    assert data.endswith(b"\n"), "the last line is torn"
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def test_every_input_yields_exactly_one_record_under_errors(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    (inputs / "good.html").write_text(PAGE.format(i=1), encoding="utf-8")
    (inputs / "sub" / "scrape.txt").write_text(TEXT.format(i=2), encoding="utf-8")
    (inputs / "empty.html").write_bytes(b"")
    (inputs / "blank.txt").write_text(" \n\t\n", encoding="utf-8")
    (inputs / "binary.bin").write_bytes(bytes(range(256)) * 40)
    (inputs / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 500)
    (inputs / "dangling.html").symlink_to(tmp_path / "gone.html")
    locked = inputs / "locked.html"
    locked.write_text(PAGE.format(i=3), encoding="utf-8")
    locked.chmod(0)
    (inputs / ".hidden.html").write_text(PAGE.format(i=4), encoding="utf-8")
    out = tmp_path / "out.jsonl"

    result = run_cli(str(inputs), "-o", str(out))

    records = {r["source"]: r for r in read_jsonl(out)}
    assert sorted(records) == sorted(["good.html", "sub/scrape.txt", "empty.html", "blank.txt", "binary.bin",
                                      "photo.png", "dangling.html", "locked.html"])  # hidden files skipped
    assert len(read_jsonl(out)) == len(records)
    assert "forty years" in records["good.html"]["body"]
    assert records["sub/scrape.txt"]["format"] == "text"
    for bad in ("empty.html", "blank.txt", "binary.bin", "photo.png"):
        assert records[bad]["error"]["type"] == "not-a-page", bad
        assert set(records[bad]) == {"source", "error"}
    assert records["dangling.html"]["error"] == {"type": "input", "message": records["dangling.html"]["error"][
        "message"]}
    if os.geteuid() != 0:  # root reads a mode-000 file anyway
        assert records["locked.html"]["error"]["type"] == "input"
    assert result.returncode == 1, result.stderr  # documented: 1 when any input failed
    assert result.stdout == ""
    summary = result.stderr.strip().splitlines()
    assert len(summary) == 1, result.stderr  # piped stderr: no progress bar, just the summary line
    assert "8 pages" in summary[0] and "not-a-page 4" in summary[0] and "input" in summary[0]
    assert "\r" not in result.stderr


def test_output_order_does_not_depend_on_the_number_of_workers(tmp_path: Path) -> None:
    sources = write_pages(tmp_path, 30)
    one = list(cleaner.clean_folder(tmp_path, workers=1))
    two = list(cleaner.clean_folder(tmp_path, workers=2))
    assert [r["source"] for r in one] == sources
    assert one == two


def test_a_page_that_hangs_becomes_a_timeout_record_and_the_run_goes_on(tmp_path: Path) -> None:
    write_pages(tmp_path, 6)
    hung = tmp_path / "p00001.html"
    hung.write_bytes(MARKER + hung.read_bytes())
    time_limit = 2.0  # generous: a fresh worker's first page also loads the rules
    started = time.monotonic()
    records = list(cleaner.clean_folder(tmp_path, workers=2, options=Options(time_limit=time_limit),
                                        clean_fn=hang_on_marker))
    elapsed = time.monotonic() - started
    assert [r["source"] for r in records] == [t.source for t in plan([tmp_path])]
    by_source = {r["source"]: r for r in records}
    assert by_source["p00001.html"]["error"]["type"] == "timeout"
    assert all("error" not in r for s, r in by_source.items() if s != "p00001.html")
    assert elapsed < time_limit + KILL_GRACE + 20  # the hung worker was killed, not waited for (600 s)


def test_a_worker_that_dies_becomes_a_crash_record_and_is_replaced(tmp_path: Path) -> None:
    write_pages(tmp_path, 5)
    dying = tmp_path / "p00000.html"
    dying.write_bytes(MARKER + dying.read_bytes())
    records = list(cleaner.clean_folder(tmp_path, workers=1, clean_fn=die_on_marker))
    assert records[0]["source"] == "p00000.html"
    assert records[0]["error"]["type"] == "crash"
    assert [r.get("error") for r in records[1:]] == [None] * 4


def test_workers_are_recycled_after_max_tasks(tmp_path: Path) -> None:
    write_pages(tmp_path, 6)
    tasks = plan([tmp_path])
    records = list(run_local(tasks, options=Options(), clean_fn=report_pid, workers=1, max_tasks_per_worker=2))
    pids = [r["body"] for r in records]
    assert len(set(pids)) == 3 and pids[0] == pids[1] != pids[2] == pids[3] != pids[4] == pids[5]


def test_resume_after_kill_9_gives_exactly_one_whole_record_per_input(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    sources = write_pages(inputs, 400)
    out = tmp_path / "out.jsonl"
    args = [str(inputs), "-o", str(out), "--workers", "1"]
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "batch", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 40):
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    written = out.read_bytes().count(b"\n")
    assert 40 <= written < len(sources), "the run was not killed mid-way"
    with out.open("ab") as f:  # what a write torn by the kill leaves behind
        f.write(b'{"source": "p0')

    refused = run_cli(*args)
    assert refused.returncode == 3 and "already exists" in refused.stderr  # no --resume: the output is kept
    result = run_cli(*args, "--resume")

    assert result.returncode == 0, result.stderr
    assert f"{written} already done" in result.stderr
    records = read_jsonl(out)
    assert [r["source"] for r in records] == sources  # each once, in input order
    assert all(r["body"] for r in records)


def test_a_torn_last_line_is_cut_and_a_bad_middle_line_refused(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"source": "a"}\n{"source": "b"}\n{"source": "c", "bo')
    sink = JsonlSink(out, resume=True)
    sink.close()
    assert sink.done == {"a", "b"}
    assert out.read_bytes() == b'{"source": "a"}\n{"source": "b"}\n'
    with pytest.raises(OutputExistsError):
        JsonlSink(out)
    out.write_bytes(b'{"source": "a"}\nnot json\n{"source": "c"}\n')
    with pytest.raises(InputError, match="line 2"):
        JsonlSink(out, resume=True)


def test_per_file_output_mirrors_the_input_tree_and_resumes(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    sources = write_pages(inputs, 5)
    (inputs / "notes.txt").write_text(TEXT.format(i=9), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(str(inputs), "-o", str(out), "--exclude", "*.txt")
    assert result.returncode == 0, result.stderr
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != RUN_FILE)
    assert (out / RUN_FILE).is_file()  # the options of the run, for --resume
    assert files == sorted(f"{s}.json" for s in sources)
    assert "sub/p00004.html.json" in files
    record = json.loads((out / "sub/p00004.html.json").read_text(encoding="utf-8"))
    assert record["source"] == "sub/p00004.html" and "forty years" in record["body"]

    (out / "p00000.html.json").unlink()
    kept = (out / "p00001.html.json").stat().st_mtime_ns
    result = run_cli(str(inputs), "-o", str(out), "--exclude", "*.txt", "--resume")
    assert result.returncode == 0, result.stderr
    assert "1 page in" in result.stderr and "4 already done" in result.stderr
    assert (out / "p00000.html.json").is_file()
    assert (out / "p00001.html.json").stat().st_mtime_ns == kept


def _write_warc(path: Path) -> dict[str, str]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    ids: dict[str, str] = {}
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        responses = [
            ("https://example.org/a", "text/html; charset=utf-8", PAGE.format(i=1).encode("utf-8")),
            ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100),
            ("https://example.org/b", "text/html; charset=windows-1251",
             PAGE.format(i=2).replace("forty years", "сорок лет").encode("cp1251")),
        ]
        for uri, content_type, body in responses:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), length=len(body),
                                               http_headers=headers)  # a length: warcio buffers nothing
            writer.write_record(record)
            ids[uri] = record.rec_headers.get_header("WARC-Record-ID")
        request = writer.create_warc_record("https://example.org/a", "request", payload=io.BytesIO(b"GET /a\r\n"),
                                            length=8)
        writer.write_record(request)
    return ids


def test_warc_input_gives_one_record_per_html_response(tmp_path: Path) -> None:
    pytest.importorskip("warcio", reason="WARC input needs the 'warc' extra")
    ids = _write_warc(tmp_path / "crawl.warc.gz")
    records = list(cleaner.clean_folder(tmp_path / "crawl.warc.gz", workers=1))
    assert [r["url"] for r in records] == ["https://example.org/a", "https://example.org/b"]
    assert [r["source"] for r in records] == [f"{uri} {ids[uri]}" for uri in ("https://example.org/a",
                                                                               "https://example.org/b")]
    assert "forty years" in records[0]["body"]
    assert "сорок лет" in records[1]["body"]  # the charset from the HTTP header was used

    out = tmp_path / "tree"
    result = run_cli(str(tmp_path), "-o", str(out))  # a WARC found in a folder is read as one too
    assert result.returncode == 0, result.stderr
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert len(names) == 2 and all(n.startswith("crawl.warc.gz/urn_uuid_") for n in names)


def test_a_broken_warc_becomes_one_error_record(tmp_path: Path) -> None:
    (tmp_path / "broken.warc.gz").write_bytes(b"this is not a web archive\n" * 10)
    records = list(cleaner.clean_folder(tmp_path, workers=1))
    assert len(records) == 1 and records[0]["source"] == "broken.warc.gz"
    assert records[0]["error"]["type"] == "input"


def test_inputs_sharing_a_source_or_missing_are_refused_before_any_work(tmp_path: Path) -> None:
    for name in ("one", "two"):
        write_pages(tmp_path / name, 1)
    result = run_cli(str(tmp_path / "one"), str(tmp_path / "two"), "-o", str(tmp_path / "out.jsonl"))
    assert result.returncode == 3 and "share the source" in result.stderr
    result = run_cli(str(tmp_path / "nowhere"), "-o", str(tmp_path / "out.jsonl"))
    assert result.returncode == 3 and "no such file or folder" in result.stderr
    assert not (tmp_path / "out.jsonl").exists()
    result = run_cli(str(tmp_path / "one"), "-o", str(tmp_path / "out.json"))  # neither .jsonl nor a folder
    assert result.returncode == 3 and "OUTPUT must be" in result.stderr
    assert not (tmp_path / "out.json").exists()


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for stream, quiet, shown in ((Terminal(), False, True), (Terminal(), True, False), (io.StringIO(), False,
                                                                                         False)):
        monkeypatch.setattr(sys, "stderr", stream)
        bar = _progress(10, quiet)
        bar.update(10)
        bar.close()
        assert ("page/s" in stream.getvalue() or "10/10" in stream.getvalue()) is shown


def test_stdout_output_with_options_passed_through(tmp_path: Path) -> None:
    sources = write_pages(tmp_path / "in", 3)
    result = run_cli(str(tmp_path / "in"), "-o", "-", "--workers", "2", "--explain", "--format", "html")
    assert result.returncode == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"] for r in records] == sources
    assert all(r["format"] == "html" and isinstance(r["removed"], list) for r in records)


def test_ctrl_c_stops_the_run_with_whole_records_and_resume_finishes_it(tmp_path: Path) -> None:
    sources = write_pages(tmp_path / "in", 1000)  # a run of seconds: the interrupt lands in it on a busy machine
    out = tmp_path / "out.jsonl"
    args = [str(tmp_path / "in"), "-o", str(out), "--workers", "2"]
    # SIGINT as a terminal gives it: a runner that started the tests in the background passes it on ignored
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "batch", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=functools.partial(signal.signal, signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 40):
        time.sleep(0.01)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole foreground process group gets it
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130, stderr
    assert "interrupted: run again with --resume" in stderr and "Traceback" not in stderr
    done = len(read_jsonl(out))
    assert 40 <= done < len(sources)

    result = run_cli(*args, "--resume")
    assert result.returncode == 0, result.stderr
    assert [r["source"] for r in read_jsonl(out)] == sources


def test_task_read_errors_are_the_librarys_own() -> None:
    with pytest.raises(InputError, match="no such file"):
        Task(source="x", out_name="x.json", path="/nonexistent/x.html").read()


def test_plan_walks_in_sorted_order_with_globs_and_skips_hidden(tmp_path: Path) -> None:
    for rel in ("b.html", "a.html", "notes.txt", "tag/x.html", "news/2020/z.html", ".git/HEAD", "news/.draft.html"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    assert [t.source for t in plan([tmp_path])] == ["a.html", "b.html", "notes.txt", "news/2020/z.html",
                                                    "tag/x.html"]
    chosen = plan([tmp_path], include=["*.html"], exclude=["tag/*"])
    assert [t.source for t in chosen] == ["a.html", "b.html", "news/2020/z.html"]
    assert [t.out_name for t in chosen][-1] == "news/2020/z.html.json"
    given = plan([tmp_path / "notes.txt"])
    assert [t.source for t in given] == [str(tmp_path / "notes.txt")] and given[0].out_name == "notes.txt.json"
