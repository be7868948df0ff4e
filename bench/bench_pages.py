"""Public pages served by `make serve`-style gunicorn: page weight and throughput.

Budgets (DESIGN.md §6): home page under 150 KB transferred in total, no third-party requests;
cached home and article pages at >= 15 % of the requests per second nginx reaches serving the
same HTML as a static file, p99 under 25 ms at 32 concurrent clients.
Uses `wrk` and `nginx` when installed (apt-get install wrk nginx-light); says so when not.
"""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.serving import free_port, running_server

ASSET = re.compile(r'(?:src|href)="(/(?:static|media)/[^"]+)"')


def fetch(url: str) -> tuple[bytes, int]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        raw = response.read()
        body = gzip.decompress(raw) if response.headers.get("Content-Encoding") == "gzip" else raw
        return body, len(raw)


def page_weight(base: str, path: str) -> tuple[int, int, list[str]]:
    html, transferred = fetch(base + path)
    text = html.decode()
    assets = sorted(set(ASSET.findall(text)))
    third_party = re.findall(r'(?:src|href)="(https?://[^"]+)"', text)
    third_party = [u for u in third_party if not u.startswith(base)]
    total = transferred
    for asset in assets:
        total += fetch(base + asset)[1]
    return total, len(assets), [u for u in third_party if "schema.org" not in u]


def wrk(url: str, connections: int = 32, seconds: int = 8) -> tuple[float, str]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+(\S+)", out).group(1)  # type: ignore[union-attr]
    return rps, p99


def nginx_rps(html: bytes) -> float | None:
    nginx = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if not nginx or not shutil.which("wrk"):
        return None
    root = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
    (root / "index.html").write_bytes(html)
    port = free_port()
    conf = root / "nginx.conf"
    conf.write_text(
        f"worker_processes 2; pid {root}/nginx.pid; error_log {root}/error.log;\n"
        f"events {{ worker_connections 1024; }}\n"
        f"http {{ access_log off; server {{ listen 127.0.0.1:{port}; root {root}; }} }}\n"
    )
    subprocess.run([nginx, "-c", str(conf)], check=True)
    try:
        return wrk(f"http://127.0.0.1:{port}/index.html")[0]
    finally:
        subprocess.run([nginx, "-c", str(conf), "-s", "stop"], check=False)
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    with running_server() as base:
        total, count, third_party = page_weight(base, "/")
        print(f"home page: {total / 1024:.1f} KB transferred in {count + 1} requests "
              f"(budget 150 KB); third-party requests: {len(third_party)}")  # fmt: skip
        html, _ = fetch(base + "/")
        articles, _ = fetch(base + "/articles/")
        first_article = re.search(r'href="(/articles/(?!tag/|feed/)[^"]+/)"', articles.decode())
        if not shutil.which("wrk"):
            print("throughput: wrk is not installed (apt-get install wrk nginx-light); skipped")
            return
        reference = nginx_rps(html)
        paths = ["/"] + ([first_article.group(1)] if first_article else [])
        for path in paths:
            fetch(base + path)  # warm the page cache
            rps, p99 = wrk(base + path)
            share = (
                f", {rps / reference * 100:.0f} % of nginx ({reference:.0f} req/s)"
                if reference
                else ""
            )
            print(f"{path}: {rps:.0f} req/s, p99 {p99} at 32 connections{share}")


if __name__ == "__main__":
    main()
