"""Scan the shipped nginx configuration with the MDN HTTP Observatory, on this machine.

Serves a throwaway site (a SQLite file, no content needed: the scan reads
headers, redirects and cookies) with two gunicorn instances behind nginx
rendered from deploy/nginx/interpolinfo.conf.template, exactly as the proxy
tests do (tests/proxy/stack.py), then runs the Observatory's command-line
scanner on "localhost" and prints its grade, score and every test it failed.

    .venv/bin/python scripts/observatory.py --scanner DIR [--json PATH] [--min-score N]

DIR holds `npm install --ignore-scripts @mdn/mdn-http-observatory` (`make
observatory` does this in a temporary folder; it is too large to be a project
dependency). The scanner only knows ports 80 and 443, so nginx listens there on
127.0.0.1: run as root or with CAP_NET_BIND_SERVICE. The certificate comes from
an authority made for this run, which the scanner is told to trust through
NODE_EXTRA_CA_CERTS.

The scanner's install scripts download Chromium's HSTS preload list, a
top-level-domain list and a CA bundle from outside the npm registry; with
--ignore-scripts they are skipped and an empty preload list is written, so the
scan never awards the "preloaded" bonus (the public host may earn it).
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interpolinfo.settings")

from tests.perf import live  # noqa: E402
from tests.proxy import stack  # noqa: E402


def can_listen(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def scanner_script(folder: Path) -> Path:
    package = folder / "node_modules" / "@mdn" / "mdn-http-observatory"
    script = package / "src" / "scan.js"
    if not script.exists():
        raise SystemExit(f"No scanner in {folder}: run `make observatory` (npm install there).")
    preload = package / "conf" / "hsts-preload.json"
    if not preload.exists():
        preload.write_text("{}")
    return script


def serve_and_scan(scanner: Path, folder: Path) -> dict:
    authority = stack.make_test_authority(folder / "tls")
    env = live.site_env(f"sqlite:///{folder / 'site.sqlite3'}")
    del env["PAGE_CACHE_DIAGNOSTIC_HEADER"]  # production's default: no diagnostic header
    env |= {
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "SITE_URL": "https://localhost",
        "TRUSTED_PROXIES": "127.0.0.1",
        "FORWARDED_ALLOW_IPS": "127.0.0.1",
        "STATIC_ROOT": str(folder / "static"),
    }
    live.prepare_site(env, starter_content=False)
    with ExitStack() as running:
        upstreams = [
            running.enter_context(live.gunicorn(env, log_path=folder / name, workers=1))
            for name in ("a.log", "b.log")
        ]
        running.enter_context(
            stack.nginx(
                folder=folder / "nginx",
                authority=authority,
                upstreams=[url.removeprefix("http://") for url in upstreams],
                http_port=80,
                https_port=443,
            )
        )
        scanned = subprocess.run(
            ["node", str(scanner), "localhost"],
            env={**os.environ, "NODE_EXTRA_CA_CERTS": str(authority.ca_certificate)},
            capture_output=True,
            text=True,
            timeout=120,
        )
    try:
        return json.loads(scanned.stdout)
    except json.JSONDecodeError:
        raise SystemExit(f"The scanner said:\n{scanned.stdout}\n{scanned.stderr}") from None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scanner", type=Path, required=True, help="npm folder of the scanner")
    parser.add_argument("--json", type=Path, help="write the scanner's whole answer here")
    parser.add_argument("--min-score", type=int, default=0, help="exit 1 below this score")
    args = parser.parse_args()
    script = scanner_script(args.scanner)
    if not (can_listen(80) and can_listen(443)):
        raise SystemExit("Ports 80 and 443 on 127.0.0.1 must be free and bindable (root).")
    with tempfile.TemporaryDirectory(prefix="interpolinfo-observatory-") as folder:
        result = serve_and_scan(script, Path(folder))
    if "error" in result:
        raise SystemExit(f"The scan failed: {result['error']}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    scan = result["scan"]
    print(
        f"MDN HTTP Observatory (algorithm {scan['algorithmVersion']}): grade {scan['grade']}, "
        f"score {scan['score']}, {scan['testsPassed']}/{scan['testsQuantity']} tests passed"
    )
    for name, test in sorted(result["tests"].items()):
        mark = "pass" if test["pass"] else "FAIL"
        print(f"  {mark}  {name}: {test['result']} ({test['scoreModifier']:+d})")
    return 0 if scan["score"] >= args.min_score else 1


if __name__ == "__main__":
    sys.exit(main())
