"""Public survey submissions under load, against gunicorn on PostgreSQL (127.0.0.1 only, bounded).

500 concurrent citizens each rate a distinct finished dossier, and 50 more rate the same dossier at the same
moment: exactly 500 + 1 responses must be stored, with no 5xx. Creates and drops its own database.

    .venv/bin/python bench/survey_load.py [--distinct 500] [--same 50] [--clients 50]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import html.parser
import http.cookiejar
import statistics
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

from local_server import BIN, running_server, server_env

DB = "eiso_bench_survey"
AGENCY = "SURVEY-BENCH"
SETUP = """
from eiso.core.services import agency_create
from eiso.dossiers.tests.factories import make_procedure, resolved
agency = agency_create(code="{agency}", name="Sở khảo sát", province="Khánh Hòa")
procedure = make_procedure(agency, code="1.001")
for n in range({count}):
    resolved(procedure, "2017-03-02 09:15", "2017-03-06 10:00", code=f"KS-{{n:05d}}")
"""


class FormFields(html.parser.HTMLParser):
    """The first value of every radio group and the CSRF token of the survey form."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        name, value = attributes.get("name"), attributes.get("value") or ""
        if tag == "input" and name and (attributes.get("type") == "radio" or name == "csrfmiddlewaretoken"):
            self.fields.setdefault(name, value)


def run(command: list[str], env: dict[str, str]) -> None:
    subprocess.run(command, env=env, check=True, capture_output=True)


def submit(base: str, code: str) -> tuple[int, float]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    path = f"{base}/cong-khai/khao-sat/{AGENCY}/"
    started = time.perf_counter()
    try:
        with opener.open(f"{path}?ma={code}", timeout=60) as page:
            parser = FormFields()
            parser.feed(page.read().decode())
        data = urllib.parse.urlencode({**parser.fields, "dossier_code": code}).encode()
        with opener.open(urllib.request.Request(path, data=data), timeout=60) as answer:  # noqa: S310
            status = answer.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--distinct", type=int, default=500)
    parser.add_argument("--same", type=int, default=50)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--port", type=int, default=8190)
    args = parser.parse_args()
    env = server_env(database=DB, port=args.port, workers=3, rate_per_minute=1_000_000)
    run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DB], env)
    run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB], env)
    run([str(BIN / "eiso"), "migrate", "-v0"], env)
    run([str(BIN / "eiso"), "shell", "-c", SETUP.format(agency=AGENCY, count=args.distinct + 1)], env)
    with running_server(env) as base:
        same = f"KS-{args.distinct:05d}"  # one more finished dossier, rated by every one of --same clients
        codes = [f"KS-{n:05d}" for n in range(args.distinct)] + [same] * args.same
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(args.clients) as pool:
            results = list(pool.map(lambda code: submit(base, code), codes))
        elapsed = time.perf_counter() - started
    query = "SELECT count(*) FROM surveys_surveyresponse"
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tA", "-d", DB, "-c", query]
    count = subprocess.run(psql, capture_output=True, text=True, check=True).stdout.strip()
    run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DB], env)
    latencies = sorted(latency for _, latency in results)
    server_errors = sum(1 for status, _ in results if status >= 500)
    print(f"submissions: {len(results)} ({args.distinct} distinct dossiers + {args.same} for one dossier)")
    print(f"responses stored: {count} (expected {args.distinct + (1 if args.same else 0)})")
    print(f"5xx: {server_errors}; statuses: {sorted({status for status, _ in results})}")
    print(f"wall: {elapsed:.1f} s, {len(results) / elapsed:.1f} submissions/s (GET form + POST)")
    p50, p99 = statistics.median(latencies), latencies[int(len(latencies) * 0.99) - 1]
    print(f"latency p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms")


if __name__ == "__main__":
    main()
