"""A simulated provincial one-stop system: plays a realistic stream of dossier events against the API.

Each simulated day receives dossiers (half one by one as `received` events, half as snapshot batches sent
twice with the same `Idempotency-Key`, as after a timeout), then moves each through its steps: transfer,
supplement requested and received, extension with apology, withdrawal and stop, result, return; a few
deliberately illegal steps (a return before the result) must be refused. Dossiers pending from earlier days
are finished on later days. The simulator keeps a ledger of what it believes each dossier is, in the
columns of the file import, so the same data can be imported from a file and compared.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eiso.workdays.calendar import LOCAL_TZ

LEDGER_COLUMNS = [
    "code",
    "procedure_code",
    "channel",
    "received_at",
    "due_at",
    "supplement_requested_at",
    "supplement_received_at",
    "supplement_count",
    "extended_due_at",
    "resolved_at",
    "returned_at",
    "stopped_at",
    "status",
    "division",
]
BATCH_SIZE = 50


@dataclass
class Reply:
    status: int
    body: Any
    headers: dict[str, str]


class ApiError(RuntimeError):
    pass


@dataclass
class Transport:
    """JSON over HTTP with the key; waits out 429 (Retry-After) and retries connection failures."""

    base_url: str
    key: str
    timeout: float = 30.0
    sleep: Callable[[float], None] = time.sleep

    def call(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None) -> Reply:
        data = json.dumps(body).encode() if body is not None else None
        all_headers = {"Authorization": f"Bearer {self.key}", "Accept": "application/json", **(headers or {})}
        if data is not None:
            all_headers["Content-Type"] = "application/json"
        url = self.base_url.rstrip("/") + path
        for _attempt in range(6):
            request = urllib.request.Request(url, data=data, method=method, headers=all_headers)  # noqa: S310
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                    return Reply(response.status, _json(response.read()), dict(response.headers))
            except urllib.error.HTTPError as error:
                reply = Reply(error.code, _json(error.read()), dict(error.headers))
                if error.code == 429:
                    self.sleep(float(reply.headers.get("Retry-After", "1")))
                    continue
                return reply
            except (urllib.error.URLError, TimeoutError):
                self.sleep(1.0)
        raise ApiError(f"{method} {path}: no answer")


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw or b"null")
    except ValueError:
        return None


@dataclass
class Simulator:
    transport: Transport
    agency: str
    start: dt.date
    days: int
    per_day: int = 200
    seed: int = 1
    ledger: dict[str, dict[str, Any]] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    rng: random.Random = field(default_factory=random.Random)
    procedures: list[str] = field(default_factory=list)

    def run(self) -> Counter[str]:
        self.rng = random.Random(self.seed)  # noqa: S311 - a reproducible simulation, not a secret
        reply = self.transport.call("GET", f"/api/v1/procedures?agency={self.agency}")
        if reply.status != 200 or not reply.body["items"]:
            raise ApiError(f"GET /procedures: {reply.status} {reply.body}")
        self.procedures = [p["code"] for p in reply.body["items"] if p["is_active"]]
        for offset in range(self.days):
            self.play_day(self.start + dt.timedelta(days=offset))
        return self.counts

    # -- one day ----------------------------------------------------------------------------------------
    def play_day(self, day: dt.date) -> None:
        pending = [code for code, row in self.ledger.items() if row["status"] in (2, 4)]
        opening = dt.datetime.combine(day, dt.time(7, 30), tzinfo=LOCAL_TZ)
        for code in pending:
            if self.rng.random() < 0.6:
                self.finish(code, opening + dt.timedelta(minutes=self.rng.randint(0, 120)))
        step = dt.timedelta(minutes=max(1, 480 // max(1, self.per_day)))
        fresh = [(f"MC-{day:%y%m%d}-{n:04d}", opening + step * n) for n in range(1, self.per_day + 1)]
        by_event, by_batch = fresh[0::2], fresh[1::2]
        for code, at in by_event:
            self.receive(code, at)
        for start in range(0, len(by_batch), BATCH_SIZE):
            self.receive_batch(by_batch[start : start + BATCH_SIZE])
        for code, at in fresh:
            if code in self.ledger:
                self.progress(code, at)

    def receive(self, code: str, at: dt.datetime) -> None:
        procedure = self.rng.choice(self.procedures)
        channel = self.rng.choice(["direct", "online", "online", "postal"])
        event = {"kind": "received", "at": at.isoformat(), "procedure_code": procedure, "channel": channel}
        if self.event(code, event):
            self.ledger[code] = _row(code, procedure, channel, at)

    def receive_batch(self, items: list[tuple[str, dt.datetime]]) -> None:
        rows = [
            _row(code, self.rng.choice(self.procedures), self.rng.choice(["direct", "online"]), at)
            for code, at in items
        ]
        payload = {"items": [_snapshot(row) for row in rows]}
        key = str(uuid.uuid4())
        first = self.transport.call("POST", "/api/v1/dossiers:batch", payload, {"Idempotency-Key": key})
        retry = self.transport.call("POST", "/api/v1/dossiers:batch", payload, {"Idempotency-Key": key})
        if first.status != 200 or retry.status != 200:
            raise ApiError(f"batch refused: {first.status} {first.body}")
        self.counts["batches"] += 1
        self.counts["batches_replayed"] += retry.headers.get("Idempotent-Replayed") == "true"
        self.counts["received"] += len(rows)
        for row in rows:
            self.ledger[row["code"]] = row

    def progress(self, code: str, at: dt.datetime) -> None:
        fate = self.rng.random()
        row = self.ledger[code]
        if self.rng.random() < 0.05:  # a one-stop operator's mistake: return before the result
            self.illegal(code, {"kind": "returned", "at": (at + dt.timedelta(minutes=5)).isoformat()})
        if fate < 0.05:
            self.withdraw(code, at + dt.timedelta(minutes=40))
            return
        self.step(code, "transferred", at + dt.timedelta(minutes=30), status=4)
        if fate < 0.20:
            self.supplement(code, at + dt.timedelta(minutes=60))
        elif fate < 0.30 and row["status"] == 4:
            self.extend(code, at + dt.timedelta(minutes=70))
        if fate < 0.75:
            self.finish(code, at + dt.timedelta(minutes=self.rng.randint(120, 400)))

    # -- steps --------------------------------------------------------------------------------------------
    def step(self, code: str, kind: str, at: dt.datetime, status: int, **extra: Any) -> bool:
        if not self.event(code, {"kind": kind, "at": at.isoformat(), **extra}):
            return False
        row = self.ledger[code]
        row["status"] = status
        return True

    def supplement(self, code: str, at: dt.datetime) -> None:
        row = self.ledger[code]
        if self.step(code, "supplement_requested", at, 5, reason="Thiếu bản sao giấy tờ"):
            row["supplement_requested_at"] = at.isoformat()
            row["supplement_count"] += 1
            later = at + dt.timedelta(minutes=90)
            if self.step(code, "supplement_received", later, 4):
                row["supplement_received_at"] = later.isoformat()

    def extend(self, code: str, at: dt.datetime) -> None:
        detail = self.transport.call("GET", f"/api/v1/dossiers/{code}").body
        due = dt.date.fromisoformat(detail["due_date"])
        if (due - at.date()).days < 2:
            return
        new_due = dt.datetime.combine(due + dt.timedelta(days=5), dt.time(16, 0), tzinfo=LOCAL_TZ)
        extra = {"new_due_at": new_due.isoformat(), "reason": "Cần xác minh thêm"}
        if self.event(code, {"kind": "extended", "at": at.isoformat(), **extra}):
            self.ledger[code]["extended_due_at"] = new_due.isoformat()

    def withdraw(self, code: str, at: dt.datetime) -> None:
        if self.step(code, "withdrawn", at, 7):
            self.ledger[code]["stopped_at"] = at.isoformat()
            self.step(code, "stopped", at + dt.timedelta(minutes=20), 8, reason="Công dân rút hồ sơ")

    def finish(self, code: str, at: dt.datetime) -> None:
        row = self.ledger[code]
        if row["status"] == 2:
            self.step(code, "transferred", at - dt.timedelta(minutes=10), 4)
        if row["status"] == 5:
            return
        if self.step(code, "resolved", at, 9):
            row["resolved_at"] = at.isoformat()
            if self.rng.random() < 0.5:
                returned = at + dt.timedelta(minutes=30)
                if self.step(code, "returned", returned, 10):
                    row["returned_at"] = returned.isoformat()

    def event(self, code: str, event: dict[str, Any]) -> bool:
        reply = self.transport.call("POST", f"/api/v1/dossiers/{code}/events", event)
        if reply.status in (200, 201):
            self.counts["events"] += 1
            self.counts["received"] += event["kind"] == "received"
            return True
        self.counts[f"refused_{reply.status}"] += 1
        return False

    def illegal(self, code: str, event: dict[str, Any]) -> None:
        reply = self.transport.call("POST", f"/api/v1/dossiers/{code}/events", event)
        if reply.status != 409:
            raise ApiError(f"an illegal step was not refused: {reply.status} {reply.body}")
        self.counts["illegal_refused"] += 1

    def write_ledger(self, path: Path) -> None:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=LEDGER_COLUMNS)
            writer.writeheader()
            for row in self.ledger.values():
                writer.writerow({k: "" if v is None else v for k, v in row.items()})


def _row(code: str, procedure: str, channel: str, at: dt.datetime) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(LEDGER_COLUMNS)
    row.update(
        code=code,
        procedure_code=procedure,
        channel=channel,
        received_at=at.isoformat(),
        status=2,
        supplement_count=0,
    )
    return row


def _snapshot(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if v is not None and k != "division"}
