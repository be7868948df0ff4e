"""Public pages served by `make serve`: page weight and throughput.

Budgets (DESIGN.md §6): home page under 150 KB transferred in total, no third-party requests;
cached home and article pages at >= 15 % of the requests per second nginx reaches serving the
same HTML as a static file, p99 under 25 ms at 32 concurrent clients (wrk -t2 -c32).
Uses `wrk` and `nginx` when installed (apt-get install wrk nginx-light); says so when not.
Figures only: nothing here passes or fails.
"""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.serving import free_port, running_server

# <link rel=...> values a browser fetches as the page loads (not "canonical", "alternate"...).
FETCHED_LINK_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload",
                     "modulepreload", "manifest", "mask-icon"}  # fmt: skip
FETCHED_SRC_TAGS = {"img", "script", "iframe", "audio", "video", "source", "embed", "track"}


class FetchedResources(HTMLParser):
    """URLs a browser would fetch to show the page: img/script/... src, <link> assets.

    Ordinary `<a href>` links and `<meta property="og:image">` are not fetched by a browser.
    """

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in FETCHED_SRC_TAGS and values.get("src"):
            self.urls.append(values["src"])
        if tag == "link" and values.get("href"):
            rels = set(values.get("rel", "").lower().split())
            if rels & FETCHED_LINK_RELS:
                self.urls.append(values["href"])


def fetched_resources(html: str) -> list[str]:
    parser = FetchedResources()
    parser.feed(html)
    return parser.urls


def fetch(url: str) -> tuple[bytes, int]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        raw = response.read()
        body = gzip.decompress(raw) if response.headers.get("Content-Encoding") == "gzip" else raw
        return body, len(raw)


def page_weight(base: str, path: str) -> tuple[int, int, list[str]]:
    """Bytes transferred for the page and what it makes the browser fetch; requests made;
    the third-party URLs among those fetches."""
    html, transferred = fetch(base + path)
    origin = urlsplit(base).netloc
    own: list[str] = []
    third_party: list[str] = []
    for url in dict.fromkeys(fetched_resources(html.decode())):
        absolute = urljoin(base + path, url)
        if absolute.startswith("data:"):
            continue
        (own if urlsplit(absolute).netloc == origin else third_party).append(absolute)
    total = transferred + sum(fetch(url)[1] for url in own)
    return total, 1 + len(own), third_party


@dataclass
class Load:
    rps: float
    p50: str
    p99: str
    errors: str


def wrk(url: str, connections: int = 32, seconds: int = 8) -> Load:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    # From "Latency Distribution": lines such as "     50%    1.06ms".
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)  # type: ignore[union-attr]
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)  # type: ignore[union-attr]
    errors = "; ".join(re.findall(r"(Non-2xx or 3xx responses: \d+|Socket errors: .*)", out))
    return Load(rps, p50, p99, errors)


def nginx_load(html: bytes) -> Load | None:
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
        return wrk(f"http://127.0.0.1:{port}/index.html")
    finally:
        subprocess.run([nginx, "-c", str(conf), "-s", "stop"], check=False, capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    with running_server() as base:
        total, requests, third_party = page_weight(base, "/")
        print(f"home page: {total / 1024:.1f} KB transferred in {requests} requests "
              f"(budget 150 KB); third-party fetches: {len(third_party)} (budget 0)")  # fmt: skip
        for url in third_party:
            print(f"  third party: {url}")
        html, _ = fetch(base + "/")
        articles, _ = fetch(base + "/articles/")
        first_article = re.search(r'href="(/articles/(?!tag/|feed/)[^"]+/)"', articles.decode())
        if not shutil.which("wrk"):
            print("throughput: wrk is not installed (apt-get install wrk nginx-light); skipped")
            return
        nginx = nginx_load(html)
        reference = nginx.rps if nginx else None
        if nginx:
            print(f"nginx, the same home page HTML as a static file: {nginx.rps:.0f} req/s, "
                  f"p50 {nginx.p50}, p99 {nginx.p99} (the machine's floor)")  # fmt: skip
        paths = ["/"] + ([first_article.group(1)] if first_article else [])
        for path in paths:
            for _ in range(8):
                fetch(base + path)  # warm the page cache of every worker
            load = wrk(base + path)
            share = f", {load.rps / reference * 100:.0f} % of nginx" if reference else ""
            print(f"{path}: {load.rps:.0f} req/s, p50 {load.p50}, p99 {load.p99} "
                  f"at 32 connections{share} (budget >= 15 %, p99 < 25 ms)"
                  + (f"; {load.errors}" if load.errors else ""))  # fmt: skip


if __name__ == "__main__":
    main()
