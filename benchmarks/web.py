"""Latency of ``POST /api/analyze`` under 1, 4 and 16 concurrent clients, and the server's memory.

The script starts ``presslens serve`` on a free loopback port (with a fresh
temporary database unless ``--no-db``), sends a ~700-word article as JSON from
N client threads, each sending ``--requests`` requests one after another, and
prints per concurrency level the median over ``--runs`` runs of the p50 and p95
latency, the throughput, the errors (any answer but 200/201, or no answer) and
the server's RSS at start (before any request), after the warm-up, and at the end.

Peer: the same analysis in-process (``Pipeline.analyze`` of the same article, no
HTTP, no storage), timed ``--requests`` times in each run while the server
idles; the ratio of the one-client p50 to its median says what HTTP, JSON and
the store add to one request.

    python benchmarks/web.py                      # ../shared (or $PRESSLENS_SHARED)/examples/ru-main-...-nato.txt
    python benchmarks/web.py --article FILE --runs 3 --requests 4 --levels 1,4,16
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psutil

from presslens.ingest import article_from_record
from presslens.pipeline import Pipeline
from presslens.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PRESSLENS_SHARED", REPO.parent / "shared"))
DEFAULT_ARTICLE = SHARED / "examples" / "ru-main-2021-12-29-nato.txt"
STARTUP_TIMEOUT_S = 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def start_server(port: int, db: Path | None) -> subprocess.Popen:
    command = [sys.executable, "-m", "presslens.cli", "serve", "--port", str(port)]
    if db is not None:
        command += ["--db", str(db)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server exited: {server.stderr.read().decode()}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=1).raise_for_status()
            return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    sys.exit(f"the server did not answer within {STARTUP_TIMEOUT_S} s")


def one_client(url: str, body: dict, requests: int) -> list[tuple[float, bool]]:
    results = []
    with httpx.Client(timeout=600) as client:
        for _ in range(requests):
            start = time.perf_counter()
            try:
                ok = client.post(url, json=body).status_code in (200, 201)
            except httpx.HTTPError:
                ok = False
            results.append((time.perf_counter() - start, ok))
    return results


def load(url: str, body: dict, clients: int, requests: int) -> dict:
    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        batches = list(pool.map(lambda _: one_client(url, body, requests), range(clients)))
    wall = time.perf_counter() - start
    results = [result for batch in batches for result in batch]
    latencies = [seconds for seconds, _ok in results]
    return {"p50": percentile(latencies, 0.50), "p95": percentile(latencies, 0.95),
            "errors": sum(not ok for _seconds, ok in results), "requests": len(results),
            "throughput": len(results) / wall}


def mib(process: psutil.Process) -> float:
    return process.memory_info().rss / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, default=DEFAULT_ARTICLE)
    parser.add_argument("--levels", default="1,4,16", help="comma-separated numbers of concurrent clients")
    parser.add_argument("--requests", type=int, default=4, help="requests per client per run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-db", action="store_true", help="serve without a database (nothing stored)")
    args = parser.parse_args()
    if not args.article.exists():
        sys.exit(f"{args.article} not found: give an article with --article")
    text = args.article.read_text(encoding="utf-8")
    body = {"text": text, "title": args.article.stem}
    levels = [int(level) for level in args.levels.split(",")]

    article = article_from_record(body, source=str(args.article), settings=Settings())
    pipeline = Pipeline()
    pipeline.analyze(article)
    peer: list[float] = []

    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        server = start_server(port, None if args.no_db else Path(folder) / "bench.db")
        try:
            process = psutil.Process(server.pid)
            rss_start = mib(process)
            url = f"http://127.0.0.1:{port}/api/analyze"
            warm = one_client(url, body, 2)
            if not all(ok for _seconds, ok in warm):
                sys.exit("the warm-up requests failed")
            rss_warm = mib(process)
            rows: dict[int, list[dict]] = {level: [] for level in levels}
            for _ in range(args.runs):
                # The peer runs while the server idles, between the levels, so both meet the same machine load.
                peer += [time_and_discard(pipeline, article) for _ in range(args.requests)]
                for level in levels:
                    rows[level].append(load(url, body, level, args.requests))
            rss_end = mib(process)
        finally:
            server.terminate()
            server.wait(timeout=30)

    words = len(article.text.split())
    print(f"article: {args.article.name} ({words} words); analyzers: {', '.join(pipeline.order)}; "
          f"database: {'none' if args.no_db else 'temporary'}; {args.requests} requests per client, "
          f"{args.runs} runs per level; figures are medians over runs")
    print(f"{'clients':>7} {'requests':>8} {'p50 s':>7} {'p95 s':>7} {'req/s':>6} {'errors':>6}")
    for level, runs in rows.items():
        print(f"{level:>7} {runs[0]['requests']:>8} {statistics.median(r['p50'] for r in runs):>7.3f} "
              f"{statistics.median(r['p95'] for r in runs):>7.3f} "
              f"{statistics.median(r['throughput'] for r in runs):>6.2f} {sum(r['errors'] for r in runs):>6}")
    single = statistics.median(r["p50"] for r in rows[levels[0]])
    in_process = statistics.median(peer)
    print(f"in-process Pipeline.analyze (peer, median of {len(peer)}): {in_process:.3f} s; "
          f"HTTP p50 at {levels[0]} client(s) / in-process: {single / in_process:.2f}")
    print(f"server RSS: start {rss_start:.0f} MiB, after warm-up {rss_warm:.0f} MiB, end {rss_end:.0f} MiB")
    print(json.dumps({"levels": rows, "in_process_s": in_process,
                      "rss_mib": {"start": rss_start, "warm": rss_warm, "end": rss_end}}))


def time_and_discard(pipeline: Pipeline, article) -> float:
    start = time.perf_counter()
    pipeline.analyze(article)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
