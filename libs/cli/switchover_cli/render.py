"""Plain-text output for people: aligned tables and one-line summaries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from google.protobuf.duration_pb2 import Duration
from google.protobuf.timestamp_pb2 import Timestamp


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Renders rows under headers with columns padded to their widest cell."""
    cells = [[str(h) for h in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def when(ts: Timestamp) -> str:
    """A timestamp as `YYYY-MM-DD HH:MM` UTC, or `-` when unset."""
    if not ts.seconds and not ts.nanos:
        return "-"
    return ts.ToDatetime().strftime("%Y-%m-%d %H:%M")


def span(duration: Duration) -> str:
    """A duration as `3d 4h`, `5h 10m` or `42s`."""
    seconds = int(duration.seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {minutes}m"
    if minutes:
        return f"{minutes}m {secs}s"
    return f"{secs}s"


def enum_name(value: str, prefix: str) -> str:
    """`RISK_LEVEL_HIGH` → `high`."""
    return value.removeprefix(prefix).lower().replace("_", " ")


def bar(percent: float, width: int = 30) -> str:
    """A progress bar: `[#########.....................]  30.0%`."""
    filled = max(0, min(width, round(percent / 100 * width)))
    return f"[{'#' * filled}{'.' * (width - filled)}] {percent:5.1f}%"
