"""How long checking one 5,000-character message against every starter rule takes.

Run: `.venv/bin/python scripts/bench_checker.py`. No database is needed: the
rules come straight from checker/starter/signs.toml. The message mixes the four
languages and some links (the test corpus, repeated and cut at 5,000
characters), so every kind of rule does real work. Prints the median and the
slowest of the runs; the target is under 50 ms (issue 14). Not a test: timings
depend on the machine.
"""

import os
import statistics
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 50


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interpolinfo.settings")
    import django

    django.setup()
    from django.conf import settings

    from checker.matching import MAX_MESSAGE_CHARS, check_message, compile_rules
    from checker.starter import rules_from_file

    corpus = tomllib.loads((ROOT / "tests" / "checker" / "corpus.toml").read_text())["message"]
    text = "\n".join(message["text"] for message in corpus)
    message = (text * (MAX_MESSAGE_CHARS // len(text) + 1))[:MAX_MESSAGE_CHARS]
    rules = rules_from_file()

    started = time.perf_counter()
    compiled = compile_rules(rules)
    compile_ms = (time.perf_counter() - started) * 1000

    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        report = check_message(
            text=message, compiled=compiled, official_domains=settings.CONTACT_URL_ALLOWED_DOMAINS
        )
        timings.append((time.perf_counter() - started) * 1000)
    phrases = sum(len(rule.phrases) for rule in rules)
    print(f"rules: {len(rules)} ({phrases} phrases); message: {len(message)} characters")
    print(f"compile rules once: {compile_ms:.1f} ms")
    print(
        f"check one message ({RUNS} runs): median {statistics.median(timings):.1f} ms, "
        f"slowest {max(timings):.1f} ms; {len(report.findings)} signs, {len(report.links)} links"
    )


if __name__ == "__main__":
    main()
