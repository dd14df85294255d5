"""Run Lighthouse 12 on one page of each main type, served as in production.

Builds a throwaway site in a temporary folder (SQLite database, starter
content, collected static files), serves it with gunicorn under PRODUCTION
settings on 127.0.0.1 (plain http, so SECURE_SSL_REDIRECT is off), finds one
page of each type with the browser tests' page table, and runs the npm
Lighthouse from node_modules with Debian's chromium on each: three batches at
once (`--processes`), each batch one node process and one chromium that audit
its pages one after another (scripts/lighthouse_batch.mjs). A run spends most
of its time in Lighthouse's own waits for the page to settle. A page whose
performance score falls below the minimum there is measured again alone, so
that the score is the page's, not the load of the runs beside it; so is a
page with any other failure (on two cores, Lighthouse's 2-second fetch of
robots.txt can time out beside two other runs). The table says so. Prints a
table and writes every score to a JSON file.

    .venv/bin/python scripts/lighthouse.py [--json PATH] [--check]

With --check it exits 1 unless: performance >= 95, accessibility 100, best
practices 100 and SEO 100 (for a page that asks not to be indexed, every SEO
audit but "is-crawlable" must pass).
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from scripts.site_env import prepare_site, production_over_http  # noqa: E402

PAGE_TYPES = [
    "home",
    "article",
    "crime-area",
    "wizard-question",
    "wizard-result",
    "search-results",
    # The same four page types in each other language (Arabic is right to left).
    *(
        f"{name}-{code}"
        for code in ("fr", "es", "ar")
        for name in ("home", "article", "wizard-question", "wizard-result-country")
    ),
]
PORTS = range(8306, 8310)
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
MINIMUM = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}


def free_port(ports: range = PORTS) -> int:
    """The first port in `ports` that nothing on 127.0.0.1 is listening on."""
    for port in ports:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"No free port in {ports} on 127.0.0.1.")


def site_environment(folder: Path, port: int) -> dict[str, str]:
    return production_over_http(
        database_url=f"sqlite:///{folder / 'db.sqlite3'}",
        SITE_URL=f"http://127.0.0.1:{port}",
        STATIC_ROOT=str(folder / "static"),
        LOG_LEVEL="WARNING",
        PORT=str(port),
        WEB_CONCURRENCY="2",
    )


def wait_until_up(url: str, server: subprocess.Popen) -> None:
    for _ in range(100):
        if server.poll() is not None:
            raise SystemExit("gunicorn exited before serving a page.")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (local URL)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer {url}.")


def locate_pages(base_url: str) -> dict[str, str]:
    """One URL per page type, or the reason there is none (by the browser tests' table)."""
    import django

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    django.setup()
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
    from tests.browser.pages import BY_NAME, PageTypeMissing

    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for name in PAGE_TYPES:
            try:
                found[name] = BY_NAME[name].locate(page, base_url)
            except PageTypeMissing as missing:
                found[name] = f"skipped: {missing}"
        browser.close()
    return found


def run_batch(pages: list[tuple[str, str]], folder: Path) -> list[dict]:
    """Lighthouse on each (name, url), one after another in one chromium
    (scripts/lighthouse_batch.mjs); one result per page: its scores, or the error."""
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    command = ["node", str(BASE_DIR / "scripts" / "lighthouse_batch.mjs"), str(folder)]
    for name, url in pages:
        (folder / f"{name}.json").unlink(missing_ok=True)
        (folder / f"{name}.error").unlink(missing_ok=True)
        command += [name, url]
    env = {**os.environ, "CHROME_PATH": CHROMIUM, "CHROME_FLAGS": " ".join(CHROMIUM_ARGS)}
    run = subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True)
    results = []
    for name, url in pages:
        report, error = folder / f"{name}.json", folder / f"{name}.error"
        if report.exists():
            results.append(summarise(name, url, json.loads(report.read_text())))
        elif error.exists():
            results.append({"page_type": name, "url": url, "error": error.read_text()})
        else:
            said = (run.stderr or run.stdout).strip().splitlines()
            reason = said[-1] if said else f"exit status {run.returncode}"
            results.append({"page_type": name, "url": url, "error": f"no report: {reason}"})
    return results


def score_all(pages: dict[str, str], folder: Path, processes: int) -> list[dict]:
    """Every page's result in PAGE_TYPES order: `processes` batches run at once."""
    skipped = {
        name: {"page_type": name, "skipped": url.removeprefix("skipped: ")}
        for name, url in pages.items()
        if url.startswith("skipped: ")
    }
    to_run = [(name, url) for name, url in pages.items() if name not in skipped]
    batches = [batch for start in range(processes) if (batch := to_run[start::processes])]
    with ThreadPoolExecutor(max_workers=processes) as pool:
        done = [
            result
            for batch in pool.map(lambda b: run_batch(b, folder), batches)
            for result in batch
        ]
    by_name = {**skipped, **{result["page_type"]: result for result in done}}
    return [by_name[name] for name in pages]


def summarise(name: str, url: str, lighthouse: dict) -> dict:
    scores = {key: lighthouse["categories"][key]["score"] for key in CATEGORIES}
    seo_refs = {ref["id"] for ref in lighthouse["categories"]["seo"]["auditRefs"]}
    failing = {
        category: [
            ref["id"]
            for ref in lighthouse["categories"][category]["auditRefs"]
            if ref["weight"] and (lighthouse["audits"][ref["id"]]["score"] or 0) < 1
        ]
        for category in CATEGORIES
    }
    noindex = "is-crawlable" in failing["seo"]
    problems = [
        f"{category} {scores[category]:.2f} < {minimum:.2f} ({', '.join(failing[category])})"
        for category, minimum in MINIMUM.items()
        if scores[category] < minimum and not (category == "seo" and noindex)
    ]
    if noindex and set(failing["seo"]) - {"is-crawlable"}:
        problems.append(f"seo audits failing besides noindex: {failing['seo']}")
    return {
        "page_type": name,
        "url": url,
        "scores": scores,
        "noindex": noindex and "is-crawlable" in seo_refs,
        "failing_audits": failing,
        "problems": problems,
    }


def failed_beside_others(result: dict) -> bool:
    return bool(result.get("problems") or result.get("error"))


def remeasured_alone(result: dict, folder: Path) -> dict:
    """The page measured again with nothing else running; what failed the first time
    is kept too. Beside two other runs on two cores, a page can score below the
    performance minimum, or Lighthouse's 2-second fetch of robots.txt can time out;
    a real fault fails alone as well."""
    (again,) = run_batch([(result["page_type"], result["url"])], folder)
    again["beside_others"] = result.get("problems") or [result.get("error")]
    return again


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the scores here")
    parser.add_argument("--check", action="store_true", help="exit 1 below the thresholds")
    parser.add_argument(
        "--processes",
        type=int,
        default=int(os.environ.get("LIGHTHOUSE_PROCESSES", "3")),
        help="Lighthouse runs at once, each batch in its own chromium (default 3)",
    )
    arguments = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="interpolinfo-lighthouse-"))
    port = free_port()
    env = site_environment(folder, port)
    base_url = f"http://127.0.0.1:{port}"
    server = None
    results = []
    try:
        prepare_site(env)
        gunicorn = [
            str(BASE_DIR / ".venv" / "bin" / "gunicorn"),
            *("-c", "interpolinfo/gunicorn.conf.py", "--log-level", "warning"),
            *("--access-logfile", "/dev/null", "--no-control-socket", "interpolinfo.wsgi"),
        ]
        server = subprocess.Popen(gunicorn, cwd=BASE_DIR, env=env)
        wait_until_up(base_url + "/healthz", server)
        os.environ.update(env)
        pages = locate_pages(base_url)
        results = score_all(pages, folder, arguments.processes)
        results = [
            remeasured_alone(result, folder) if failed_beside_others(result) else result
            for result in results
        ]
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)

    for result in results:
        if "skipped" in result or "error" in result:
            print(
                f"{result['page_type']:18} {result.get('error') or 'skipped: ' + result['skipped']}"
            )
            continue
        scores = "  ".join(f"{k} {round(v * 100):3d}" for k, v in result["scores"].items())
        noindex = " (noindex)" if result["noindex"] else ""
        first = result.get("beside_others")
        alone = "" if first is None else f" (measured alone; beside others: {'; '.join(first)})"
        print(f"{result['page_type']:18} {scores}{noindex}{alone}")
        for problem in result["problems"]:
            print(f"{'':18} FAIL {problem}")
    if arguments.json:
        arguments.json.write_text(json.dumps(results, indent=2))
    failed = any(result.get("problems") or result.get("error") for result in results)
    return 1 if arguments.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
