"""Shapes of the procedure figures other apps read (objectives, reviews, the dashboard)."""

from __future__ import annotations

from typing import TypedDict


class PublicationSummary(TypedDict):
    """`publication_summary`: in-scope TTHC and handling processes, and how many of them are published."""

    in_scope: int
    published: int
    processes_total: int
    processes_published: int
