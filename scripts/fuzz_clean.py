"""Coverage-guided fuzzing of decode() and clean() with atheris (not run in CI).

    pip install atheris
    python scripts/fuzz_clean.py -max_total_time=600 -rss_limit_mb=2048 [corpus_dir ...]

tests/nasty/ makes a good seed corpus. A finding is any exception that is not a CleanerError, a hang (libFuzzer's
-timeout, default 20 s here via the time limit) or a crash; rerun one with ``python scripts/fuzz_clean.py CRASH_FILE``.
"""

from __future__ import annotations

import contextlib
import json
import sys

try:
    import atheris
except ImportError:  # pragma: no cover - optional tool
    sys.exit("atheris is not installed: pip install atheris")

with atheris.instrument_imports():
    import cleaner
    from cleaner import CleanerError, Format, Options
    from cleaner.decode import decode

FORMATS = list(Format)
#: per-input time limit: well under libFuzzer's own -timeout, so a slow input shows up as TimeLimitError first
TIME_LIMIT = 10.0


def one_input(data: bytes) -> None:
    if not data:
        return
    fdp = atheris.FuzzedDataProvider(data)
    fmt = FORMATS[fdp.ConsumeIntInRange(0, len(FORMATS) - 1)]
    as_text = fdp.ConsumeBool()
    payload = fdp.ConsumeBytes(fdp.remaining_bytes())
    content: bytes | str = payload.decode("utf-8", "surrogateescape") if as_text else payload
    with contextlib.suppress(CleanerError):
        decode(content)
    try:
        article = cleaner.clean(content, options=Options(format=fmt, explain=True, time_limit=TIME_LIMIT))
    except CleanerError:
        return
    json.loads(article.to_json()).keys()
    article.to_json().encode("utf-8")


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
