"""Size and time limits in the library itself: Options.max_bytes and Options.time_limit, in any thread."""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import cleaner
from cleaner import Options, limits
from cleaner.errors import DecodeError, NotAPageError, TimeLimitError, TooDeepError, TooLargeError
from cleaner.frontend import Page
from cleaner.model import Block

PAGE = "<!doctype html><html><body><article><p>" + "A sentence of an article. " * 30 + "</p></article></body></html>"


def _spin(seconds: float) -> None:
    """Busy Python code that swallows every ``Exception``, as careless library code does."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        with contextlib.suppress(Exception):  # the point: a TimeLimitError must get through this
            sum(range(100))


# --- size ------------------------------------------------------------------------------------------------------


def test_defaults_are_documented_values() -> None:
    assert Options().max_bytes == 50 * 1024 * 1024
    assert Options().time_limit == 30.0


@pytest.mark.parametrize("content", [PAGE.encode(), PAGE])
def test_input_over_max_bytes_is_refused(content: bytes | str) -> None:
    with pytest.raises(TooLargeError, match="over the limit of 500"):
        cleaner.clean(content, options=Options(max_bytes=500))


def test_str_size_is_counted_in_utf8_bytes() -> None:
    text = "<p>" + "я" * 600 + "</p>"  # 607 characters, 1207 bytes
    with pytest.raises(TooLargeError):
        limits.check_input(text, Options(max_bytes=1000))
    limits.check_input(text, Options(max_bytes=1300))


def test_input_at_the_limit_is_accepted() -> None:
    data = PAGE.encode()
    assert cleaner.clean(data, options=Options(max_bytes=len(data))).body


@pytest.mark.parametrize("content", [b"", "", b"  \r\n\t", "\n\n \u3000 \n"])
def test_empty_input(content: bytes | str) -> None:
    with pytest.raises(NotAPageError, match="empty"):
        cleaner.clean(content)


def test_binary_input_is_refused_before_decoding() -> None:
    with pytest.raises(NotAPageError, match="looks like a PDF document"):
        limits.check_input(b"%PDF-1.5\n" + bytes(range(256)), Options())


def test_undecodable_text_is_a_decode_error() -> None:
    with pytest.raises(DecodeError, match="undecodable"):
        limits.check_text("\ufffd" * 50 + "abc")
    limits.check_text("a few \ufffd in a long text " * 20)


# --- time ------------------------------------------------------------------------------------------------------


def test_deadline_interrupts_python_code_on_the_main_thread() -> None:
    assert threading.current_thread() is threading.main_thread()
    started = time.monotonic()
    with pytest.raises(TimeLimitError, match=r"longer than 0.2 s \(Options.time_limit\)"), limits.deadline(0.2):
        _spin(10)
    assert time.monotonic() - started < 2


def test_deadline_works_off_the_main_thread() -> None:
    def work() -> str:
        try:
            with limits.deadline(0.2):
                _spin(10)
        except TimeLimitError as exc:
            return str(exc)
        return "not interrupted"

    started = time.monotonic()
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: work(), range(4)))
    assert all("longer than 0.2 s" in r for r in results), results
    assert time.monotonic() - started < 3


def test_each_thread_gets_its_own_deadline() -> None:
    outcomes: dict[float, str] = {}

    def work(limit: float) -> None:
        try:
            with limits.deadline(limit):
                _spin(0.6)
            outcomes[limit] = "done"
        except TimeLimitError:
            outcomes[limit] = "timeout"

    threads = [threading.Thread(target=work, args=(limit,)) for limit in (0.2, 5.0)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert outcomes == {0.2: "timeout", 5.0: "done"}


def test_a_late_result_is_refused_even_when_the_interrupt_was_swallowed() -> None:
    def swallow_everything() -> None:
        end = time.monotonic() + 0.5
        while time.monotonic() < end:
            with contextlib.suppress(BaseException):  # worst case: even our BaseException is eaten
                _spin(1)

    with pytest.raises(TimeLimitError), limits.deadline(0.1):
        swallow_everything()


def test_an_interrupt_swallowed_once_comes_again() -> None:
    # the first interrupt lands where Python swallows it (a gc callback, a __del__): the work must still stop
    swallowed = []

    def work() -> str:
        end = time.monotonic() + 10
        while time.monotonic() < end:
            try:
                _spin(1)
            except BaseException:  # the first interrupt is eaten, as such a callback eats it
                if swallowed:
                    raise
                swallowed.append(time.monotonic())
        return "ran to the end"

    started = time.monotonic()
    with pytest.raises(TimeLimitError):
        limits.bounded(0.1, work)
    assert swallowed and time.monotonic() - started < 3


def test_bounded_is_race_free_when_the_time_is_up_just_as_the_work_ends() -> None:
    """Limits about as long as the work, so the interrupt often lands on the way out: it must never escape as
    anything but TimeLimitError, never surface later, and never leave the deadline set."""
    timeouts = 0
    for i in range(1500):  # work from a few µs to a few ms against limits of 0.2-1 ms: both sides, and the edge
        try:
            assert limits.bounded(0.0002 * (i % 5 + 1), sum, range(500 * 3 ** (i % 7))) >= 0
        except TimeLimitError:
            timeouts += 1
        assert limits.remaining() is None
    _spin(0.3)  # a pending interrupt would surface here, outside any deadline, and fail the test
    assert 0 < timeouts < 1500


def test_bounded_passes_arguments_and_results() -> None:
    assert limits.bounded(5, divmod, 7, 2) == (3, 1)
    assert limits.bounded(None, sorted, [3, 1, 2], reverse=True) == [3, 2, 1]
    with pytest.raises(ZeroDivisionError):
        limits.bounded(5, divmod, 1, 0)
    with pytest.raises(TimeLimitError):
        limits.bounded(0.1, _spin, 10)


@pytest.mark.parametrize("seconds", [None, 0, -1])
def test_no_limit(seconds: float | None) -> None:
    with limits.deadline(seconds):
        _spin(0.05)
        assert limits.remaining() is None
        limits.checkpoint()


def test_checkpoint_and_remaining() -> None:
    with pytest.raises(TimeLimitError), limits.deadline(0.5):
        left = limits.remaining()
        assert left is not None and 0 < left <= 0.5
        limits.checkpoint()  # in time: nothing happens
        time.sleep(0.6)  # sleeping is not interruptible; the checkpoint catches it
        limits.checkpoint()
        pytest.fail("checkpoint did not raise")  # pragma: no cover
    assert limits.remaining() is None


def test_a_deadline_due_after_an_earlier_disarmed_one_still_fires() -> None:
    """arm() wakes the watchdog only for a new earliest alarm: a later one is found when the watchdog wakes for the
    earlier alarm (here disarmed, but still in the heap)."""
    with limits.deadline(0.3):
        pass
    started = time.monotonic()
    with pytest.raises(TimeLimitError), limits.deadline(0.6):
        _spin(10)
    assert 0.5 < time.monotonic() - started < 3


def test_nested_deadlines_keep_the_earlier_end() -> None:
    with pytest.raises(TimeLimitError), limits.deadline(0.2), limits.deadline(30):
        left = limits.remaining()
        assert left is not None and left <= 0.2
        _spin(10)


def test_the_callers_signal_handlers_are_left_alone() -> None:
    if not hasattr(signal, "SIGALRM"):
        pytest.skip("no SIGALRM on this platform")
    before = signal.getsignal(signal.SIGALRM)
    with limits.deadline(5):
        assert signal.getsignal(signal.SIGALRM) is before
    cleaner.clean(PAGE, options=Options(time_limit=5))
    assert signal.getsignal(signal.SIGALRM) is before


class _SlowFrontend:
    """A front-end stuck in Python code (a runaway tree walk)."""

    def segment(self, text: str, *, url: str | None, options: Options) -> Page:
        _spin(30)
        return Page(blocks=[Block(text="never")])

    def metadata(self, page: Page, decisions: list[object]) -> object:  # pragma: no cover
        return page.metadata


def test_clean_honours_time_limit_in_worker_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cleaner.api._frontend", lambda fmt: _SlowFrontend())
    started = time.monotonic()
    with ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(cleaner.clean, PAGE, options=Options(time_limit=0.3)) for _ in range(2)]
        for future in futures:
            with pytest.raises(TimeLimitError):
                future.result(timeout=10)
    assert time.monotonic() - started < 5


def test_clean_within_the_limit_is_unaffected() -> None:
    a = cleaner.clean(PAGE, options=Options(time_limit=None)).to_json()
    b = cleaner.clean(PAGE, options=Options(time_limit=30)).to_json()
    assert a == b


# --- nesting deeper than Python can follow -----------------------------------------------------------------------


@pytest.mark.parametrize("seconds", [None, 5.0])
def test_a_recursion_error_becomes_too_deep(seconds: float | None) -> None:
    def recurse(n: int) -> int:
        return recurse(n + 1) + 1

    with pytest.raises(TooDeepError, match="nested too deeply") as caught, limits.deadline(seconds):
        recurse(0)
    assert isinstance(caught.value, TooLargeError)  # a size limit: the CLI's exit code 5
    assert isinstance(caught.value.__cause__, RecursionError)


class _RecursiveFrontend(_SlowFrontend):
    def segment(self, text: str, *, url: str | None, options: Options) -> Page:
        def walk(depth: int) -> Page:
            return walk(depth + 1)

        return walk(0)


def test_clean_turns_a_blown_stack_into_a_cleaner_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cleaner.api._frontend", lambda fmt: _RecursiveFrontend())
    with pytest.raises(TooDeepError):
        cleaner.clean(PAGE)
    with pytest.raises(TooDeepError):
        cleaner.clean(PAGE, options=Options(time_limit=None))


_FORK_SCRIPT = """
import multiprocessing, time
from cleaner import limits
from cleaner.errors import TimeLimitError

def spin():
    while True:
        sum(range(100))

def child():
    try:
        limits.bounded(0.2, spin)
    except TimeLimitError:
        return "timeout"
    return "not interrupted"

if __name__ == "__main__":
    limits.bounded(5, sum, range(10))  # the parent's watchdog thread is running now
    with multiprocessing.get_context("fork").Pool(1) as pool:
        print(pool.apply(child))
"""


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs fork")
def test_deadlines_work_in_a_forked_child_after_use_in_the_parent(tmp_path: Path) -> None:
    """In a fresh interpreter: forking this test process (with other tests' threads about) could itself hang."""
    script = tmp_path / "fork_check.py"
    script.write_text(_FORK_SCRIPT, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-1000:]
    assert result.stdout.decode().strip() == "timeout"
