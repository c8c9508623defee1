"""Search over HTTP, two checkouts side by side: the same query sent to each server in turn.

    DATABASE_URL=postgres://…/np_big REDIS_URL=redis://127.0.0.1:6379/2 \\
        .venv/bin/python bench/search_compare.py --before /path/to/older/checkout [--port 8210] [--rounds 2]

Starts three gunicorns (production settings, the page cache off) on PORT, PORT+1 and PORT+2: the checkout
given by --before, this one with SEARCH_CACHE_SECONDS=0 (every request ranks its matches: "cold"), and
this one with the search cache on ("first" is each query's miss, "warm" the requests after it). Each
query of bench/search_http.py (the 20 commonest words of each edition, rare words, two-word phrases) goes
to each server in turn, once untimed and then --rounds times, so that a machine whose load changes from
one minute to the next weighs on all three alike; compare the columns of one run, not runs. The --before
checkout needs its own .venv (a symlink to this one's will do) and the same migrations.
"""

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import search_http  # noqa: E402 (the queries and helpers of the one-server benchmark)

ROOT = search_http.ROOT


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="The checkout to compare with.")
    parser.add_argument("--port", type=int, default=8210)
    parser.add_argument("--rounds", type=int, default=2, help="Timed requests per query and server.")
    args = parser.parse_args()

    url, env = search_http.server_env()
    servers = {
        "before": (args.before.resolve(), args.port, {}),
        "cold": (ROOT, args.port + 1, {"SEARCH_CACHE_SECONDS": "0"}),
        "warm": (ROOT, args.port + 2, {}),
    }
    for root in {root for root, _port, _extra in servers.values()}:
        python = root / ".venv" / "bin" / "python"
        subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=root, env=env, check=True)  # noqa: S603  # nosec B603
    queries = []
    for edition in search_http.CONFIGS:
        queries += [(edition, "common", word) for word in search_http.commonest_words(url, edition)]
        queries += [(edition, "rare", word) for word in search_http.RARE[edition]]
        queries += [(edition, "phrase", phrase) for phrase in search_http.PHRASES[edition]]

    processes = [
        subprocess.Popen(  # noqa: S603 (our own command)  # nosec B603
            [
                root / ".venv" / "bin" / "python",
                "-m",
                "gunicorn",
                "newsportal.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                "2",
            ],
            cwd=root,
            env={**env, **extra},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for root, port, extra in servers.values()
    ]
    times = {}
    try:
        for _root, port, _extra in servers.values():
            search_http.wait_for(port)
        connections = {
            name: http.client.HTTPConnection("127.0.0.1", port, timeout=60) for name, (_r, port, _e) in servers.items()
        }
        headers = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
        for edition, kind, query in queries:
            path = f"/{edition}/search/?{urlencode({'q': query})}"
            for round_number in range(args.rounds + 1):
                for name, conn in connections.items():
                    started = time.perf_counter()
                    conn.request("GET", path, headers=headers)
                    response = conn.getresponse()
                    response.read()
                    elapsed = (time.perf_counter() - started) * 1000
                    if response.status != 200:
                        raise SystemExit(f"{name} {path}: {response.status}")
                    if round_number == 0 and name != "warm":
                        continue  # untimed: the worker's connection and plans
                    column = name if round_number else "first"
                    for group in (kind, "all"):
                        times.setdefault((edition, group, column), []).append(elapsed)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(60)

    columns = ["before", "cold", "first", "warm"]
    print(f"{len(queries)} queries × {args.rounds} rounds, interleaved; load average {os.getloadavg()[0]:.1f}")
    print(f"{'edition':8} {'kind':7} " + " ".join(f"{c + ' p50/p95':>17}" for c in columns))
    for edition, group in sorted({(e, g) for e, g, _c in times}):
        cells = []
        for column in columns:
            values = times[(edition, group, column)]
            cells.append(f"{statistics.median(values):>8.1f}/{search_http.percentile(values, 0.95):<8.1f}")
        print(f"{edition:8} {group:7} " + " ".join(f"{cell:>17}" for cell in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
