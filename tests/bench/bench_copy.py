"""`exec.copy_rows_per_s_pg`: data copy PostgreSQL -> PostgreSQL in one lane, against INSERT.

The rows are order lines (`switchover_orchestration.datacopy.testing`: 11 columns of ints,
codes, decimals, timestamps and nullable text). The figure is `run_copy` end to end with its
verification included: rows per second from the call to the verified report, with MB/s of
the canonical serialisation beside it. The baseline inserts the same rows, already in memory
as dicts, into an empty table with a plain batched SQLAlchemy Core INSERT
(`connection.execute(table.insert(), batch)`, one batch and commit per chunk). Each is the
median of three runs, taken alternately.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from typing import Any

from harness import Figure, benchmark
from sqlalchemy import Engine, MetaData, create_engine
from sqlalchemy.pool import NullPool

from switchover_kit.config import DatabaseConfig
from switchover_kit.testing import fresh_pg_schema
from switchover_orchestration.datacopy import DEFAULT_CHUNK_SIZE, CopyJob, CopyReport, run_copy
from switchover_orchestration.datacopy.testing import (
    ORDER_LINES,
    create_order_lines,
    order_lines,
    order_lines_table,
)

ROWS = 500_000
REPEATS = 3


def _engine(database: DatabaseConfig) -> Engine:
    return create_engine(
        database.url,
        poolclass=NullPool,
        connect_args={"options": f"-c search_path={database.schema}"},
    )


def _insert_rows_per_s(database: DatabaseConfig, rows: list[dict[str, Any]]) -> float:
    """Plain batched Core INSERT of `rows` into an empty table, rows per second."""
    engine = _engine(database)
    metadata = MetaData()
    table = order_lines_table(metadata, "baseline_lines")
    metadata.create_all(engine)
    try:
        started = time.perf_counter()
        with engine.connect() as connection:
            for offset in range(0, len(rows), DEFAULT_CHUNK_SIZE):
                connection.execute(table.insert(), rows[offset : offset + DEFAULT_CHUNK_SIZE])
                connection.commit()
        return len(rows) / (time.perf_counter() - started)
    finally:
        metadata.drop_all(engine)
        engine.dispose()


def _copy(source: DatabaseConfig) -> tuple[CopyReport, float]:
    """`run_copy` of the order lines into a fresh schema: the report and its wall time."""
    with fresh_pg_schema() as target:
        job = CopyJob(
            job_id="bench-copy",
            source_url=source.url,
            source_schema=source.schema,
            target_url=target.url,
            target_schema=target.schema,
            tables=[{"name": ORDER_LINES}],
        )
        started = time.perf_counter()
        report = asyncio.run(run_copy(job))
        return report, time.perf_counter() - started


@benchmark("exec.copy_rows_per_s_pg")
def copy_rows_per_s_pg() -> list[Figure]:
    """Copies ROWS order lines PostgreSQL -> PostgreSQL; baseline: batched Core INSERT."""
    rows = order_lines(ROWS)
    rows_per_s: list[float] = []
    mb_per_s: list[float] = []
    verify_share: list[float] = []
    baseline: list[float] = []
    with fresh_pg_schema() as source, fresh_pg_schema() as scratch:
        engine = _engine(source)
        create_order_lines(engine, rows)
        engine.dispose()
        for _ in range(REPEATS):
            report, seconds = _copy(source)
            rows_per_s.append(report.rows_copied / seconds)
            mb_per_s.append(report.bytes_copied / seconds / 1e6)
            verify_share.append(report.verify_seconds / seconds)
            baseline.append(_insert_rows_per_s(scratch, rows))
    value = statistics.median(rows_per_s)
    base = statistics.median(baseline)
    return [
        Figure(
            name="exec.copy_rows_per_s_pg",
            value=round(value),
            unit="rows/s",
            baseline=round(base),
            ratio=round(value / base, 3),
            detail={
                "mb_per_s": round(statistics.median(mb_per_s), 2),
                "rows": ROWS,
                "columns": 11,
                "chunk_size": DEFAULT_CHUNK_SIZE,
                "repeats": REPEATS,
                "verification_share": round(statistics.median(verify_share), 3),
                "samples_rows_per_s": [round(sample) for sample in rows_per_s],
                "baseline_samples_rows_per_s": [round(sample) for sample in baseline],
            },
        )
    ]
