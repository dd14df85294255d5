"""Production's shape on one machine: nginx terminating TLS in front of two gunicorn instances.

nginx runs as the current user, in the foreground, from a temporary folder that
holds everything it writes (pid, logs, buffers). Its site configuration is the
shipped template deploy/nginx/interpolinfo.conf.template, filled in here the
way envsubst fills it in production, with a certificate signed by a
certificate authority made for this run only.
"""

import getpass
import os
import re
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.perf import live

TEMPLATE = live.ROOT / "deploy" / "nginx" / "interpolinfo.conf.template"
PLACEHOLDERS = {
    "SERVER_NAME",
    "HTTP_LISTEN",
    "HTTPS_LISTEN",
    "CANONICAL_ORIGIN",
    "TLS_CERTIFICATE",
    "TLS_CERTIFICATE_KEY",
    "UPSTREAM_SERVERS",
}


def render_template(values: dict[str, str]) -> str:
    """The shipped template with its ${NAME} placeholders filled in, as envsubst would;
    nginx's own $variables are left alone."""
    if set(values) != PLACEHOLDERS:
        raise ValueError(f"placeholders are {sorted(PLACEHOLDERS)}, got {sorted(values)}")
    placeholder = re.compile(r"\$\{([A-Z_]+)\}")
    lines = TEMPLATE.read_text().splitlines()
    # Comments mention placeholders too (the envsubst example); only directives count.
    found = {name for line in lines if not _comment(line) for name in placeholder.findall(line)}
    if found != PLACEHOLDERS:
        raise ValueError(f"the template's placeholders changed: {sorted(found)}")
    return "\n".join(
        line if _comment(line) else placeholder.sub(lambda match: values[match[1]], line)
        for line in lines
    )


def _comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def nginx_binary() -> str:
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if not found:
        raise RuntimeError("nginx is not installed: run `make proxy-deps`.")
    return found


@dataclass(frozen=True)
class TestAuthority:
    """A certificate authority made for one test run, and a certificate from it
    for localhost and 127.0.0.1. Nothing of it outlives the run."""

    ca_certificate: Path
    certificate: Path
    key: Path


def make_test_authority(folder: Path) -> TestAuthority:
    folder.mkdir(parents=True, exist_ok=True)
    ca_key, ca_cert = folder / "ca.key", folder / "ca.pem"
    key, request, cert = folder / "server.key", folder / "server.csr", folder / "server.pem"
    extensions = folder / "server.ext"
    extensions.write_text(
        "basicConstraints = critical, CA:FALSE\n"
        "keyUsage = critical, digitalSignature\n"
        "extendedKeyUsage = serverAuth\n"
        "subjectAltName = DNS:localhost, IP:127.0.0.1\n"
        "subjectKeyIdentifier = hash\n"
        "authorityKeyIdentifier = keyid, issuer\n"
    )
    ec_key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-noenc"]
    for command in (
        [
            "req", "-x509", *ec_key, "-keyout", ca_key, "-out", ca_cert, "-days", "2",
            "-subj", "/CN=interpolinfo test CA (throw-away)",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ],
        ["req", *ec_key, "-keyout", key, "-out", request, "-subj", "/CN=localhost"],
        [
            "x509", "-req", "-in", request, "-CA", ca_cert, "-CAkey", ca_key,
            "-CAcreateserial", "-days", "2", "-extfile", extensions, "-out", cert,
        ],
    ):  # fmt: skip
        subprocess.run(["openssl", *map(str, command)], check=True, capture_output=True)
    return TestAuthority(ca_certificate=ca_cert, certificate=cert, key=key)


@dataclass(frozen=True)
class Proxy:
    http_port: int
    https_port: int
    folder: Path

    @property
    def origin(self) -> str:
        port = "" if self.https_port == 443 else f":{self.https_port}"
        return f"https://localhost{port}"

    def error_log(self) -> str:
        return (self.folder / "error.log").read_text(errors="replace")


def main_config(*, folder: Path, site_config: Path) -> str:
    """nginx's main file, which Debian keeps in /etc/nginx/nginx.conf: here every path
    points into `folder`, and the process stays in the foreground."""
    # Running as root, nginx would hand its workers to "nobody", who cannot read the
    # temporary folder; name the current user instead (the line is ignored otherwise).
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    return f"""{user}
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log {folder}/access.log;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {site_config};
}}
"""


@contextmanager
def nginx(
    *,
    folder: Path,
    authority: TestAuthority,
    upstreams: list[str],
    http_port: int = 0,
    https_port: int = 0,
) -> Iterator[Proxy]:
    """nginx on loopback ports (free ones unless given) in front of `upstreams` (host:port each)."""
    folder.mkdir(parents=True, exist_ok=True)
    proxy = Proxy(
        http_port=http_port or live.free_port(),
        https_port=https_port or live.free_port(),
        folder=folder,
    )
    site_config = folder / "interpolinfo.conf"
    site_config.write_text(
        render_template(
            {
                "SERVER_NAME": "localhost",
                "HTTP_LISTEN": f"127.0.0.1:{proxy.http_port}",
                "HTTPS_LISTEN": f"127.0.0.1:{proxy.https_port}",
                "CANONICAL_ORIGIN": proxy.origin,
                "TLS_CERTIFICATE": str(authority.certificate),
                "TLS_CERTIFICATE_KEY": str(authority.key),
                "UPSTREAM_SERVERS": " ".join(f"server {address};" for address in upstreams),
            }
        )
    )
    config = folder / "nginx.conf"
    config.write_text(main_config(folder=folder, site_config=site_config))
    command = [
        nginx_binary(),
        "-p",
        str(folder),
        "-c",
        str(config),
        "-e",
        str(folder / "error.log"),
    ]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    if checked.returncode != 0:
        raise RuntimeError(f"nginx rejected the rendered template:\n{checked.stderr}")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_listening(process, [proxy.http_port, proxy.https_port], proxy)
        yield proxy
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_listening(process: subprocess.Popen, ports: list[int], proxy: Proxy) -> None:
    deadline = time.monotonic() + 20
    waiting = list(ports)
    while waiting and time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited with {process.returncode}:\n{proxy.error_log()}")
        try:
            with socket.create_connection(("127.0.0.1", waiting[0]), timeout=1):
                waiting.pop(0)
        except OSError:
            time.sleep(0.1)
    if waiting:
        raise RuntimeError(f"nginx did not listen on {waiting} in 20 seconds")


def client_context(authority: TestAuthority) -> ssl.SSLContext:
    """What a browser would check, trusting only this run's authority."""
    return ssl.create_default_context(cafile=str(authority.ca_certificate))
