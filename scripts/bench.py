"""Measure the site under gunicorn with production settings, using wrk on 127.0.0.1.

`make bench` runs this. For each stack (SQLite with the local-memory cache,
then PostgreSQL with Redis when both answer) it prepares a fresh database with
the starter content, starts gunicorn, and runs wrk against one URL of each page
type: the home page, an article, a crime area, a wizard step, a wizard result,
a search, and the home page rendered afresh (a cookie bypasses the page cache).
Each is compared with a static file served by whitenoise (the stack's own
ceiling) in paired rounds: static file, then the page, BENCH_ROUNDS times, so a
machine that gets busier or quieter during the run moves both sides of each
ratio alike. It prints the page's requests per second, p50 and p99 latency
(its median round), errors, the static file's mean rate in the same rounds,
the median of the rounds' ratios, and the SQL queries each page type makes
(rendered, then from the cache). The output is also written to bench-results/latest.txt.

Targets: every cached page at least 0.8 of the static file's rate, search at
least 0.3, no errors. The exit status is 1 when a target is missed.

Environment: BENCH_SECONDS (3 per measured run), BENCH_ROUNDS (5),
BENCH_WARMUP_SECONDS (2, unrecorded, before each page's first round),
BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_PORT (8090), PG_URL and REDIS
(the Makefile's), BENCH_SKIP_POSTGRES.
"""

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

from site_env import prepare_site, production_over_http

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"
SECONDS = int(os.environ.get("BENCH_SECONDS", "3"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
WARMUP_SECONDS = int(os.environ.get("BENCH_WARMUP_SECONDS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
PORT = int(os.environ.get("BENCH_PORT", "8090"))
PG_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("REDIS", "redis://127.0.0.1:6379/0")
BYPASS_COOKIE = "bench=uncached"

# Page types the page cache serves. A search is served from it too, but each one
# also writes its count to the database.
CACHED = ["home", "article", "crime area", "wizard step", "wizard result"]
TARGETS = {"search": 0.3}
CACHED_TARGET = 0.8


# --- Finding one URL of each page type (runs inside Django, in a subprocess) ---


class _Forms(HTMLParser):
    """GET forms on a page: their action, hidden fields and radio choices."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {name: value or "" for name, value in attrs}
        if tag == "form" and attr.get("method", "get").lower() == "get":
            self.forms.append({"action": attr.get("action", ""), "fields": [], "radios": {}})
        elif tag == "input" and self.forms and attr.get("name"):
            form = self.forms[-1]
            if attr.get("type") == "radio":
                form["radios"].setdefault(attr["name"], []).append(attr.get("value", ""))
            elif attr.get("type") == "hidden":
                form["fields"].append((attr["name"], attr.get("value", "")))


def _wizard_answers(client, url: str) -> list[str]:
    """Where each option on a wizard page leads, in the page's order."""
    parser = _Forms()
    parser.feed(client.get(url).content.decode())
    found = []
    for form in parser.forms:
        for name, values in form["radios"].items():
            action = urlsplit(urljoin(url, form["action"] or url)).path
            for value in values:
                answer = client.get(f"{action}?{urlencode([*form['fields'], (name, value)])}")
                if answer.status_code in (302, 303):
                    found.append(answer["Location"])
    return found


def _published_url(app_label: str, model_name: str) -> str | None:
    from django.apps import apps

    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    manager = model._default_manager
    rows = manager.published() if hasattr(manager, "published") else manager.all()
    first = rows.first()
    return first.get_absolute_url() if first is not None else None


def find_pages() -> dict[str, str]:
    from django.templatetags.static import static
    from django.test import Client
    from django.urls import reverse

    client = Client()
    pages = {
        "static file": static("css/site.css"),
        "home": reverse("faq:home"),
        "article": _published_url("faq", "Article"),
        "crime area": _published_url("faq", "CrimeArea"),
    }
    # A step: the first answer that leads to another question (some lead straight to a result).
    step = next(
        (
            url
            for url in _wizard_answers(client, reverse("contact:question"))
            if "result" not in url
        ),
        None,
    )
    pages["wizard step"] = step
    result, seen = step, 0
    while result is not None and "result" not in result and seen < 20:
        result, seen = next(iter(_wizard_answers(client, result)), None), seen + 1
    pages["wizard result"] = result
    pages["search"] = reverse("faq:search") + "?q=red+notice"
    pages["home, uncached"] = reverse("faq:home")
    return {label: url for label, url in pages.items() if url}


def count_queries(pages: dict[str, str]) -> dict[str, list[int]]:
    """Queries for each page: rendered (cache cold), then again (from the cache)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from interpolinfo.content_version import bump_content_version

    counts = {}
    for label, url in pages.items():
        client = Client()
        if label == "home, uncached":
            client.cookies.load(BYPASS_COOKIE)
        bump_content_version()  # so the first request renders the page
        runs = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                status = client.get(url).status_code
            if status != 200:
                raise SystemExit(f"{label} ({url}) answered {status}")
            runs.append(len(queries))
        counts[label] = runs
    return counts


def probe() -> None:
    import django

    django.setup()
    # The cache starts empty: each run has its own CACHE_KEY_PREFIX.
    pages = find_pages()
    print(json.dumps({"pages": pages, "queries": count_queries(pages)}))


# --- Running the site and wrk ---


@dataclass
class Measure:
    label: str
    url: str
    rps: float
    p50: str
    p99: str
    errors: int


@dataclass
class Paired:
    """One page's rounds, each right after a run on the static file."""

    page: list[Measure]
    static: list[Measure]

    @property
    def label(self) -> str:
        return self.page[0].label

    @property
    def ratio(self) -> float:
        """The median round's page rate over its static rate: one disturbed round
        (another process waking up) moves it less than it moves a sum."""
        return statistics.median(p.rps / s.rps for p, s in zip(self.page, self.static, strict=True))

    @property
    def median(self) -> Measure:
        return sorted(self.page, key=lambda m: m.rps)[len(self.page) // 2]

    @property
    def errors(self) -> int:
        return sum(m.errors for m in self.page)


def run(args: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=env, cwd=ROOT, check=True, text=True, **kwargs)


def ensure_wrk() -> str:
    if shutil.which("wrk") is None:
        print("wrk is missing: installing Debian's package with apt-get", flush=True)
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        install = [*sudo, "apt-get", "install", "-y", "-q", "wrk"]
        if subprocess.run(install, check=False).returncode != 0:
            subprocess.run([*sudo, "apt-get", "update", "-q"], check=True)
            subprocess.run(install, check=True)
    return shutil.which("wrk") or "wrk"


def site_env(database_url: str, redis_url: str) -> dict[str, str]:
    return production_over_http(
        database_url=database_url, redis_url=redis_url, PORT=str(PORT), HOST="127.0.0.1"
    )


def fresh_postgres_database(server_url: str) -> str:
    import psycopg

    parts = urlsplit(server_url)
    name = "interpolinfo_bench"
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def prepare(env: dict[str, str]) -> dict:
    prepare_site(env)
    found = run([sys.executable, __file__, "--probe"], env, capture_output=True)
    return json.loads(found.stdout.strip().splitlines()[-1])


def wait_until_up(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn exited while starting; see bench-results/*.log")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:  # not listening yet, or still starting its workers
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /healthz within 60 seconds")


def wrk(wrk_bin: str, label: str, url: str, *, seconds: int = SECONDS) -> Measure:
    headers = ["-H", f"Cookie: {BYPASS_COOKIE}"] if label == "home, uncached" else []
    args = [wrk_bin, f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency"]
    out = subprocess.run([*args, *headers, url], check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE).group(1)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE).group(1)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = int(non_2xx.group(1)) if non_2xx else 0
    errors += sum(int(n) for n in socket.groups()) if socket else 0
    return Measure(label, url, rps, p50, p99, errors)


def bench_stack(name: str, env: dict[str, str], wrk_bin: str) -> tuple[list[Paired], dict]:
    print(f"\n== {name}: preparing a fresh database with the starter content", flush=True)
    found = prepare(env)
    base = f"http://127.0.0.1:{PORT}"
    log = (RESULTS / f"{name.split()[0].lower()}.log").open("w")
    gunicorn = [
        str(Path(sys.executable).parent / "gunicorn"),
        "-c",
        "interpolinfo/gunicorn.conf.py",
    ]
    process = subprocess.Popen(
        [*gunicorn, "interpolinfo.wsgi"], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    measures = []
    try:
        wait_until_up(base, process)
        static = found["pages"]["static file"]
        # Unrecorded first: every gunicorn worker serves the static file (and renders and
        # caches each page) once, so a worker's first render is not counted as cached.
        wrk(wrk_bin, "static file", base + static, seconds=WARMUP_SECONDS)
        for label, path in found["pages"].items():
            if label == "static file":
                continue
            print(f"   wrk {ROUNDS} x {SECONDS}s on {label}: {path}", flush=True)
            wrk(wrk_bin, label, base + path, seconds=WARMUP_SECONDS)
            rounds = []
            for _ in range(ROUNDS):
                pair = wrk(wrk_bin, "static file", base + static), wrk(wrk_bin, label, base + path)
                print(f"     static {pair[0].rps:6.0f}  page {pair[1].rps:6.0f}", flush=True)
                rounds.append(pair)
            measures.append(
                Paired(page=[page for _, page in rounds], static=[s for s, _ in rounds])
            )
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
    return measures, found["queries"]


def report(name: str, measures: list[Paired], queries: dict) -> tuple[str, list[str]]:
    lines = [
        f"{name}: wrk -t{THREADS} -c{CONNECTIONS}, {ROUNDS} rounds of {SECONDS}s each "
        f"paired with the static file, gunicorn {os.environ.get('WEB_CONCURRENCY', 'default')} "
        "workers",
        f"{'page':<16} {'req/s':>8} {'p50':>9} {'p99':>9} {'errors':>6} {'static':>8} "
        f"{'ratio':>6}  SQL (render / cached)",
    ]
    missed = []
    for paired in measures:
        median, label = paired.median, paired.label
        static_rps = sum(m.rps for m in paired.static) / len(paired.static)
        cold, warm = queries.get(label, ["-", "-"])
        lines.append(
            f"{label:<16} {median.rps:>8.0f} {median.p50:>9} {median.p99:>9} "
            f"{paired.errors:>6} {static_rps:>8.0f} {paired.ratio:>6.2f}  {cold} / {warm}"
        )
        target = CACHED_TARGET if label in CACHED else TARGETS.get(label)
        if target is not None and paired.ratio < target:
            missed.append(f"{name}: {label} at {paired.ratio:.2f} of static, target {target}")
        static_errors = sum(m.errors for m in paired.static)
        if paired.errors or static_errors:
            missed.append(f"{name}: {label} had {paired.errors + static_errors} errors")
    return "\n".join(lines), missed


def main() -> int:
    RESULTS.mkdir(exist_ok=True)
    wrk_bin = ensure_wrk()
    stacks = [
        (
            "SQLite + local-memory cache",
            site_env(f"sqlite:///{RESULTS / 'bench.sqlite3'}", redis_url=""),
        )
    ]
    for suffix in ("", "-wal", "-shm"):
        (RESULTS / f"bench.sqlite3{suffix}").unlink(missing_ok=True)
    services = subprocess.run(
        [sys.executable, "scripts/services_up.py", PG_URL, REDIS_URL], cwd=ROOT, check=False
    )
    if os.environ.get("BENCH_SKIP_POSTGRES"):
        print("PostgreSQL + Redis: skipped (BENCH_SKIP_POSTGRES is set)")
    elif services.returncode == 0:
        stacks.append(("PostgreSQL + Redis", site_env(fresh_postgres_database(PG_URL), REDIS_URL)))
    else:
        print(f"PostgreSQL + Redis: skipped, not answering at {PG_URL} / {REDIS_URL}")

    tables, missed = [], []
    for name, env in stacks:
        measures, queries = bench_stack(name, env, wrk_bin)
        table, stack_missed = report(name, measures, queries)
        tables.append(table)
        missed += stack_missed
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    header = f"Machine: {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"
    output = "\n\n".join([header, *tables])
    output += "\n\nTargets: " + ("all met" if not missed else "MISSED: " + "; ".join(missed))
    print("\n" + output)
    (RESULTS / "latest.txt").write_text(output + "\n")
    return 1 if missed else 0


if __name__ == "__main__":
    if "--probe" in sys.argv:
        sys.path.insert(0, str(ROOT))
        probe()
    else:
        sys.exit(main())
