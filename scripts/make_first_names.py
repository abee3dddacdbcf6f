#!/usr/bin/env python3
"""Write cleaner/rules/first_names.txt: the given names of Faker's person providers (every locale), one per line.

A bare line of two capitalised words is a person ("Thomas Hanke") as often as a section ("Digital Life"); a known
first name tells them apart. Faker (MIT licence, https://github.com/joke2k/faker) keeps per-locale lists of common
given names; only this script needs it, not the package at run time:

    .venv/bin/pip install faker && .venv/bin/python scripts/make_first_names.py
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "cleaner" / "rules" / "first_names.txt"
#: words Faker lists as names that name sections, places, times or articles far more often on a web page (place
#: names that are as often given names, "Georgia", "Victoria", "Austin", stay)
EXCLUDE = frozenset({
    "author", "forum", "media", "press", "page", "general", "major", "early", "made", "north", "south", "art", "news",
    "video", "blog", "home", "sport", "service", "era", "vida", "prima", "segundo", "terra", "nova", "zona",
    "york", "france", "paris", "santa", "washington", "dallas", "houston", "boston", "denver", "china", "india",
    "israel", "berlin", "london", "sydney", "alabama", "jersey", "brooklyn", "easter", "le", "el", "la",
})
ATTRS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")


def given_names() -> tuple[str, set[str]]:
    import faker
    import faker.providers.person as person

    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = getattr(importlib.import_module(f"{person.__name__}.{module.name}"), "Provider", None)
        for attr in ATTRS:
            value = getattr(provider, attr, None)
            if value is None or isinstance(value, property):
                continue
            for name in value.keys() if isinstance(value, dict) else value:
                # one word of letters (a hyphen or apostrophe inside: "Jean-Luc", "D'Arcy"), at least two of them
                word = name.strip() if isinstance(name, str) else ""
                if len(word) >= 2 and word.replace("-", "").replace("'", "").isalpha() \
                        and word.casefold() not in EXCLUDE:
                    names.add(word)
    return faker.VERSION, names


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    version, names = given_names()
    header = [
        f"# Given names from the person providers of Faker {version} (MIT licence, https://github.com/joke2k/faker),",
        "# every locale; written by scripts/make_first_names.py. Read casefolded by cleaner/rules/__init__.py: a bare",
        "# name line in a text scrape is a person only when its first word is one of these.",
        "#",
    ]
    args.out.write_text("\n".join(header + sorted(names, key=str.casefold)) + "\n", encoding="utf-8")
    print(f"{len(names)} names written to {args.out}")


if __name__ == "__main__":
    main()
