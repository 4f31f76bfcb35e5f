"""The web app under mixed load: small and large analyses, oversized articles and page reads at once.

Starts ``presslens serve`` with a fresh temporary database, measures small analyze requests from one
client (the baseline), then runs ``--clients`` client threads for ``--seconds``: most send a small
article, some the bundled example repeated to just under the article limit (a long analysis), some a
1 MB article (refused, PL108), some read pages (``/``, ``/articles``, ``/api/articles``). It prints, per
kind of request, the answers by status (and error code), and

- errors: any answer but 2xx, a 503 that carries ``Retry-After``, or the documented 422 refusal of the
  oversized article; no answer at all counts as an error too;
- p95 of the small analyses under load against the one-client p95 (the target is at most 3x);
- the RSS of the server process and of its process tree (the server and its analysis worker) after
  warm-up, their peak and at the end (flat: within 10 % of the warm figure), and the load average.

Warm-up is two small analyses and one long one (which starts the analysis worker); "after warm-up" and
"at the end" are read once the tree's RSS has settled (a worker replaced after the last long article
loads its models first).

    python benchmarks/web_mixed.py --clients 16 --seconds 60
    python benchmarks/web_mixed.py --clients 16 --seconds 60 --small-clients 1   # small vs long only
"""

from __future__ import annotations

import argparse
import collections
import os
import statistics
import sys
import tempfile
import threading
import time
from importlib.resources import files
from pathlib import Path

import httpx
import psutil

from web import free_port, mib, percentile, start_server

SMALL = ("Defence Minister Anna Berg said on Monday that the drills would go ahead. “We will not back down,” "
         "she told reporters in Tallinn, adding that 12,000 troops from 14 countries would take part.")
#: Shares of the clients sending each kind of request, in this order (the rest read pages).
MIX = (("small", 0.5), ("large", 0.125), ("oversized", 0.125))
PAGES = ("/", "/articles", "/api/articles")


def bodies() -> dict[str, dict]:
    example = files("presslens").joinpath("examples", "baltic-drills.txt").read_text(encoding="utf-8")
    large = (example + "\n\n") * (95_000 // (len(example) + 2))
    return {"small": {"text": SMALL}, "large": {"text": large}, "oversized": {"text": "word " * 210_000}}


def expected(kind: str, response: httpx.Response) -> bool:
    if 200 <= response.status_code < 300:
        return True
    if response.status_code == 503:
        return "retry-after" in response.headers
    return kind == "oversized" and response.status_code == 422 and "PL108" in response.text


#: The tree's RSS has settled when two readings this far apart differ by under 1 %.
SETTLE_INTERVAL_S = 2.0
SETTLE_TIMEOUT_S = 120.0


def tree_mib(process: psutil.Process) -> float:
    """RSS of ``process`` and its descendants (the analysis worker), in MiB."""
    total = mib(process)
    for child in process.children(recursive=True):
        try:
            total += mib(child)
        except psutil.NoSuchProcess:
            pass
    return total


def settled(process: psutil.Process) -> tuple[float, float]:
    """The server's and the tree's RSS once the tree's has stopped moving (or after SETTLE_TIMEOUT_S)."""
    deadline = time.monotonic() + SETTLE_TIMEOUT_S
    previous = tree_mib(process)
    while time.monotonic() < deadline:
        time.sleep(SETTLE_INTERVAL_S)
        current = tree_mib(process)
        if abs(current - previous) < 0.01 * previous:
            break
        previous = current
    return mib(process), tree_mib(process)


def answer(response: httpx.Response) -> str:
    """The status, and for an error the presslens code of its JSON body: ``201``, ``422 PL109``."""
    if response.status_code < 400:
        return str(response.status_code)
    try:
        return f"{response.status_code} {response.json()['error']['code']}"
    except (ValueError, KeyError, TypeError):
        return str(response.status_code)


def client(base: str, kind: str, body: dict | None, stop: float, results: list, index: int) -> None:
    with httpx.Client(timeout=600) as http:
        while time.monotonic() < stop:
            start = time.perf_counter()
            try:
                if body is None:
                    response = http.get(base + PAGES[index % len(PAGES)])
                else:
                    response = http.post(base + "/api/analyze", json=body)
                results.append((kind, answer(response), time.perf_counter() - start, expected(kind, response)))
                if response.status_code == 503:
                    time.sleep(1)  # a polite client backs off (the header asks for longer)
            except httpx.HTTPError:
                results.append((kind, "no answer", time.perf_counter() - start, False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--baseline", type=int, default=8, help="one-client small analyses for the baseline")
    parser.add_argument("--small-clients", type=int, default=None,
                        help="clients sending small articles, in place of their share of --clients (the other "
                             "kinds keep theirs): 1 shows what long analyses and page reads alone cost a small one")
    args = parser.parse_args()
    payloads = bodies()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as folder:
        server = start_server(port, Path(folder) / "bench.db")
        try:
            process = psutil.Process(server.pid)
            with httpx.Client(timeout=600) as http:
                for kind in ("small", "small", "large"):
                    http.post(base + "/api/analyze", json=payloads[kind]).raise_for_status()
                single = []
                for _ in range(args.baseline):
                    start = time.perf_counter()
                    http.post(base + "/api/analyze", json=payloads["small"]).raise_for_status()
                    single.append(time.perf_counter() - start)
            warm = settled(process)
            load_before = os.getloadavg()
            kinds = []
            for kind, share in MIX:
                kinds += [kind] * max(1, round(share * args.clients))
            kinds = (kinds + ["pages"] * args.clients)[: args.clients]
            if args.small_clients is not None:
                kinds = ["small"] * args.small_clients + [kind for kind in kinds if kind != "small"]
            results: list = []
            stop = time.monotonic() + args.seconds
            threads = [threading.Thread(target=client, args=(base, kind, payloads.get(kind), stop, results, index))
                       for index, kind in enumerate(kinds)]
            for thread in threads:
                thread.start()
            peak = warm
            while any(thread.is_alive() for thread in threads):
                peak = (max(peak[0], mib(process)), max(peak[1], tree_mib(process)))
                time.sleep(1)
            load_after = os.getloadavg()
            end = settled(process)
        finally:
            server.terminate()
            server.wait(timeout=60)

    print(f"{len(kinds)} clients for {args.seconds:g} s: {collections.Counter(kinds)}")
    by_kind: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for kind, status, _seconds, _ok in results:
        by_kind[kind][status] += 1
    for kind, statuses in sorted(by_kind.items()):
        print(f"  {kind:<10} " + ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items())))
    errors = [result for result in results if not result[3]]
    print(f"errors (not 2xx, not 503 with Retry-After, not the documented PL108 refusal): {len(errors)}")
    small = [seconds for kind, status, seconds, _ok in results if kind == "small" and status in ("200", "201")]
    single_p95 = percentile(single, 0.95)
    if small:
        loaded_p95 = percentile(small, 0.95)
        print(f"small analyses: one client p50 {statistics.median(single):.3f} s, p95 {single_p95:.3f} s; "
              f"under load p50 {statistics.median(small):.3f} s, p95 {loaded_p95:.3f} s "
              f"({loaded_p95 / single_p95:.1f}x the one-client p95; target <= 3x)")
    else:
        print("no small analysis was answered under load")
    for index, name in enumerate(("server process", "server and worker")):
        print(f"RSS of the {name}: after warm-up {warm[index]:.0f} MiB, peak {peak[index]:.0f} MiB, "
              f"end {end[index]:.0f} MiB (end {100 * (end[index] - warm[index]) / warm[index]:+.0f} % of warm)")
    print("load average (1, 5, 15 min): before the load " + ", ".join(f"{value:.1f}" for value in load_before)
          + "; after " + ", ".join(f"{value:.1f}" for value in load_after))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
