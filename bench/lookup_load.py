"""The public dossier lookup under load (issue 15), against the login page on the same server in the same run.

    .venv/bin/python bench/lookup_load.py [--clients 20] [--seconds 20] [--rounds 2] [--redis redis://127.0.0.1:6379/13]

Creates its own database (eiso_bench_lookup, dropped at the end), the agency BENCH with `--rows` dossiers
(bench/stats_fill.sql), starts gunicorn with deploy/gunicorn.conf.py on 127.0.0.1 only (`--workers` ×
`--threads`; the public rate limit raised through EISO_PUBLIC_RATE_PER_MINUTE so that it does not cut the
measurement), then alternates `--rounds` times: the login page, then the lookup of existing codes, each hit
by `--clients` concurrent clients for `--seconds` (one new connection per request). With `--redis`, the
cache (and so the rate limit's shared count) is that Redis database, as in production; without it each
worker counts in its own memory. Prints requests per second, p50/p99 latency and statuses per round, the
ratio lookup ÷ login of each round, and the load average. Not a test.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import random
import statistics
import subprocess
import threading
import time
import urllib.error
import urllib.request

from local_server import BIN, ROOT, running_server, server_env

HERE = ROOT / "bench"


def hammer(urls: list[str], clients: int, seconds: float) -> dict[str, object]:
    """`clients` threads each request a URL of `urls` in turn until the time is up."""
    deadline = time.perf_counter() + seconds
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()

    def client(offset: int) -> None:
        n = offset
        while time.perf_counter() < deadline:
            url = urls[n % len(urls)]
            n += clients
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - 127.0.0.1 only
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError:
                status = 0
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "per_second": round(len(latencies) / wall, 1),
        "p50_ms": round(statistics.median(latencies) * 1000),
        "p99_ms": round(latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000),
        "statuses": statuses,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2, help="threads per worker")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--port", type=int, default=8191)
    parser.add_argument(
        "--redis", default="", help="a Redis database for the cache, e.g. redis://127.0.0.1:6379/13"
    )
    parser.add_argument("--database", default="eiso_bench_lookup")
    args = parser.parse_args()
    env = server_env(
        database=args.database, port=args.port, workers=args.workers, rate_per_minute=100_000_000
    )
    env["EISO_WEB_THREADS"] = str(args.threads)
    env["EISO_WEB_MAX_REQUESTS"] = "1000000"  # no worker recycling in the middle of a round
    if args.redis:
        env["REDIS_URL"] = args.redis
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q"]
    run = lambda command: subprocess.run(command, env=env, check=True, capture_output=True)  # noqa: E731
    run([*psql, "-d", "postgres", "-c", f"DROP DATABASE IF EXISTS {args.database}"])
    run([*psql, "-d", "postgres", "-c", f"CREATE DATABASE {args.database}"])
    run([str(BIN / "eiso"), "migrate", "-v0"])
    run([str(BIN / "python"), str(HERE / "bench_django.py"), "setup"])
    run([*psql, "-d", args.database, "-v", f"rows={args.rows}", "-f", str(HERE / "stats_fill.sql")])
    rng = random.Random(15)
    codes = [f"S-{rng.randrange(1, args.rows + 1)}" for _ in range(1000)]
    print(f"load average before: {os.getloadavg()}", flush=True)
    rounds = []
    try:
        with running_server(env) as base:
            lookups = [f"{base}/cong-khai/tra-cuu-ho-so/?ma={code}" for code in codes]
            login = [f"{base}/dang-nhap/"]
            urllib.request.urlopen(lookups[0], timeout=30).close()  # noqa: S310 - warm both workers' caches
            for number in range(1, args.rounds + 1):
                reference = hammer(login, args.clients, args.seconds)
                print(f"round {number} login page: {reference}", flush=True)
                lookup = hammer(lookups, args.clients, args.seconds)
                print(f"round {number} dossier lookup: {lookup}", flush=True)
                ratio = lookup["per_second"] / max(reference["per_second"], 0.1)  # type: ignore[operator]
                rounds.append(round(ratio, 2))
                print(f"round {number} lookup ÷ login throughput: {ratio:.2f}", flush=True)
    finally:
        run([*psql, "-d", "postgres", "-c", f"DROP DATABASE IF EXISTS {args.database}"])
    print(f"ratios: {rounds}; load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
