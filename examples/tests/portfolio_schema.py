"""An executable reading of the portfolio import schema, used to test the example files.

The gateway owns the real importer; this module is the examples' own, independent check that
every sample file, CSV set and generated portfolio says what the schema in examples/README.md
says, and that every deliberately broken row in examples/invalid/ is caught at the file, line
and field its README names.

Documents are plain dicts as `yaml.safe_load` gives them. The loaders here also record where
each key came from (file and line) under the `ORIGIN` key of every mapping, so a problem can be
reported at its source; documents without that key (e.g. from the generator) report line 0.

Dependency cycles are looked for in a graph that follows the schema's meaning: a department,
customer or channel cannot start before what it depends on has finished; a department's
customers run inside it (they start after it starts, it finishes after they finish), and the
same holds for a customer's channels. SOFT dependencies are included: a loop of preferences is
as contradictory as a loop of requirements.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ORIGIN = "__origin__"
"""Key under which loaders store `{key: (file, line)}` for every mapping."""

CHANNEL_TYPES = frozenset(
    {"EDI_X12", "EDI_EDIFACT", "SFTP", "REST_API", "SOAP_API", "THICK_CLIENT", "WEB_PORTAL"}
)
INTEGRATION_PATTERNS = frozenset({"BATCH_FILE", "REAL_TIME", "EVENT", "INTERACTIVE"})
COMPLIANCE_TAGS = frozenset({"HIPAA", "PCI_DSS", "SOC2", "GDPR"})
MAPPING_RULES = frozenset(
    {"n9_references", "allowance_charges", "unit_of_measure_conversion", "partner_custom_segments"}
)
DEPENDENCY_KINDS = frozenset({"HARD", "SOFT"})
_ID = re.compile(r"[a-z]([a-z0-9-]{0,61}[a-z0-9])?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class Problem:
    """One schema violation, located at the file, line and field it came from."""

    file: str
    line: int
    field: str
    message: str

    @property
    def where(self) -> tuple[str, int, str]:
        """The location alone, for comparing against a list of intended errors."""
        return (self.file, self.line, self.field)


Validator = Callable[[Any], str | None]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _identifier(value: Any) -> str | None:
    if isinstance(value, str) and _ID.fullmatch(value):
        return None
    return f"{value!r} is not a lowercase RFC-1034 id"


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else "must be a non-empty string"


def _email(value: Any) -> str | None:
    return None if isinstance(value, str) and _EMAIL.fullmatch(value) else "not an email address"


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else f"{value!r} is not true or false"


def _integer(lo: int, hi: int | None = None) -> Validator:
    def check(value: Any) -> str | None:
        if not _is_int(value):
            return f"{value!r} is not an integer"
        if value < lo or (hi is not None and value > hi):
            return f"{value} is outside {lo}..{hi if hi is not None else 'any'}"
        return None

    return check


def _percent(value: Any) -> str | None:
    if not _is_number(value):
        return f"{value!r} is not a number"
    return None if 0 <= value <= 100 else f"{value} is outside 0..100"


def _one_of(allowed: frozenset[str]) -> Validator:
    def check(value: Any) -> str | None:
        return None if value in allowed else f"{value!r} is not one of {sorted(allowed)}"

    return check


def _list_of(item: Validator) -> Validator:
    def check(value: Any) -> str | None:
        if not isinstance(value, list):
            return "must be a list"
        errors = [error for error in map(item, value) if error]
        return errors[0] if errors else None

    return check


def _list(value: Any) -> str | None:
    return None if isinstance(value, list) else "must be a list"


# field -> (required, validator)
PROGRAM_FIELDS: dict[str, tuple[bool, Validator]] = {
    "id": (True, _identifier),
    "display_name": (True, _text),
}
DEPARTMENT_FIELDS: dict[str, tuple[bool, Validator]] = {
    "id": (True, _identifier),
    "display_name": (True, _text),
    "depends_on": (False, _list_of(_identifier)),
}
CUSTOMER_FIELDS: dict[str, tuple[bool, Validator]] = {
    "id": (True, _identifier),
    "display_name": (True, _text),
    "department": (True, _identifier),
    "criticality_tier": (False, _integer(1, 4)),
    "revenue_share": (False, _percent),
    "sla_uptime": (False, _percent),
    "compliance": (False, _list_of(_one_of(COMPLIANCE_TAGS))),
    "contact_email": (True, _email),
    "contact_available": (False, _boolean),
    "channels": (True, _list),
}
CHANNEL_FIELDS: dict[str, tuple[bool, Validator]] = {
    "id": (True, _identifier),
    "display_name": (True, _text),
    "type": (True, _one_of(CHANNEL_TYPES)),
    "protocol_version": (False, _text),
    "integration_pattern": (False, _one_of(INTEGRATION_PATTERNS)),
    "complexity": (False, _integer(1, 5)),
    "monthly_transactions": (False, _integer(0)),
    "monthly_data_bytes": (False, _integer(0)),
    "modern_protocol_supported": (False, _boolean),
    "endpoint_config_completeness": (False, _percent),
    "mapping_coverage": (False, _percent),
    "custom_extensions": (False, _integer(0)),
    "mapping_rules": (False, _list_of(_one_of(MAPPING_RULES))),
}
DEPENDENCY_FIELDS: dict[str, tuple[bool, Validator]] = {
    "source": (True, _text),
    "target": (True, _text),
    "kind": (True, _one_of(DEPENDENCY_KINDS)),
}


class _Report:
    """Collects problems, locating each through the mapping's recorded origin."""

    def __init__(self, default_file: str) -> None:
        self.default_file = default_file
        self.problems: list[Problem] = []

    def at(self, mapping: Mapping[str, Any], field: str, message: str) -> None:
        origins: dict[str, tuple[str, int]] = mapping.get(ORIGIN, {})
        first = next(iter(origins.values()), (self.default_file, 0))
        file, line = origins.get(field, first)
        self.problems.append(Problem(file, line, field, message))

    def fields(self, mapping: Any, spec: dict[str, tuple[bool, Validator]], what: str) -> bool:
        """Checks one mapping against its field spec; False when it is not a mapping at all."""
        if not isinstance(mapping, dict):
            self.problems.append(Problem(self.default_file, 0, what, "must be a mapping"))
            return False
        for name, (required, validate) in spec.items():
            if name not in mapping:
                if required:
                    self.at(mapping, name, f"{what}: required field missing")
                continue
            error = validate(mapping[name])
            if error:
                self.at(mapping, name, f"{what}: {error}")
        for name in mapping:
            if name != ORIGIN and name not in spec:
                self.at(mapping, name, f"{what}: unknown field")
        return True


def check(document: Any, file: str = "<document>") -> list[Problem]:
    """Returns every schema violation in a portfolio document (empty when it is valid)."""
    report = _Report(file)
    if not isinstance(document, dict):
        return [Problem(file, 0, "", "a portfolio must be a mapping")]
    report.fields(
        document,
        {
            "program": (True, lambda v: None if isinstance(v, dict) else "must be a mapping"),
            "departments": (True, _list),
            "customers": (True, _list),
            "dependencies": (False, _list),
        },
        "portfolio",
    )
    if isinstance(document.get("program"), dict):
        report.fields(document["program"], PROGRAM_FIELDS, "program")
    departments = _unique(report, document.get("departments"), DEPARTMENT_FIELDS, "department")
    for department in departments.values():
        for parent in _parents(department):
            if parent not in departments:
                report.at(department, "depends_on", f"unknown department {parent!r}")
    customers = _unique(report, document.get("customers"), CUSTOMER_FIELDS, "customer")
    channels: dict[str, dict[str, Any]] = {}
    for customer_id, customer in customers.items():
        if customer.get("department") not in departments:
            report.at(customer, "department", f"unknown department {customer.get('department')!r}")
        for channel_id, channel in _unique(
            report, customer.get("channels"), CHANNEL_FIELDS, "channel"
        ).items():
            channels[f"customers/{customer_id}/channels/{channel_id}"] = channel
    dependencies = document.get("dependencies") or []
    graph = _Graph(departments, customers, channels)
    for dependency in dependencies if isinstance(dependencies, list) else []:
        if not report.fields(dependency, DEPENDENCY_FIELDS, "dependency"):
            continue
        ends = [graph.resolve(dependency.get(side)) for side in ("source", "target")]
        for side, end in zip(("source", "target"), ends, strict=True):
            if end is None:
                report.at(dependency, side, f"unknown reference {dependency.get(side)!r}")
        if ends[0] is not None and ends[1] is not None:
            graph.depend(ends[0], ends[1], dependency, "source")
    for department_id, department in departments.items():
        for parent in _parents(department):
            if parent in departments:
                graph.depend(
                    ("start", f"departments/{department_id}"),
                    ("done", f"departments/{parent}"),
                    department,
                    "depends_on",
                )
    for mapping, field, members in graph.cycles():
        report.at(mapping, field, "dependency cycle among " + ", ".join(members))
    return report.problems


def _parents(department: Mapping[str, Any]) -> list[str]:
    parents = department.get("depends_on", [])
    return [p for p in parents if isinstance(p, str)] if isinstance(parents, list) else []


def _unique(
    report: _Report, items: Any, spec: dict[str, tuple[bool, Validator]], what: str
) -> dict[str, dict[str, Any]]:
    """Checks each item and returns the valid-id ones by id; a repeated id is a problem."""
    result: dict[str, dict[str, Any]] = {}
    for item in items if isinstance(items, list) else []:
        if not report.fields(item, spec, what):
            continue
        item_id = item.get("id")
        if not isinstance(item_id, str) or _identifier(item_id):
            continue
        if item_id in result:
            report.at(item, "id", f"duplicate {what} id {item_id!r}")
        else:
            result[item_id] = item
    return result


Node = tuple[str, str]
"""("start" | "done", name): the moment a department, customer or channel starts or finishes."""


class _Graph:
    """'Cannot start before ... finished' edges between inventory items, and their cycles."""

    def __init__(
        self,
        departments: Mapping[str, Any],
        customers: Mapping[str, Any],
        channels: Mapping[str, Any],
    ) -> None:
        self.names = (
            {f"departments/{d}" for d in departments}
            | {f"customers/{c}" for c in customers}
            | set(channels)
        )
        self.edges: dict[Node, list[Node]] = {}
        self.origins: list[tuple[Node, Node, Mapping[str, Any], str]] = []
        for name in self.names:
            self._edge(("done", name), ("start", name))
        for customer_id, customer in customers.items():
            self._nest(f"customers/{customer_id}", f"departments/{customer.get('department')}")
        for channel_name in channels:
            self._nest(channel_name, channel_name.rsplit("/channels/", 1)[0])

    def _edge(self, source: Node, target: Node) -> None:
        self.edges.setdefault(source, []).append(target)
        self.edges.setdefault(target, [])

    def _nest(self, inner: str, outer: str) -> None:
        if outer in self.names:
            self._edge(("start", inner), ("start", outer))
            self._edge(("done", outer), ("done", inner))

    def resolve(self, reference: Any) -> str | None:
        """The item a short reference names, or None when it names nothing in the portfolio."""
        return reference if isinstance(reference, str) and reference in self.names else None

    def depend(self, source: str | Node, target: str | Node, origin: Any, field: str) -> None:
        """Records that `source` cannot start before `target` is done."""
        start = source if isinstance(source, tuple) else ("start", source)
        done = target if isinstance(target, tuple) else ("done", target)
        self._edge(start, done)
        self.origins.append((start, done, origin, field))

    def cycles(self) -> Iterator[tuple[Mapping[str, Any], str, list[str]]]:
        """Yields, for every explicit edge inside a cycle, its origin and the cycle's members.

        The members are the items named by the explicit dependencies that form the cycle.
        """
        component = {node: index for index, nodes in enumerate(self._sccs()) for node in nodes}
        inside = [
            (component[start], start, done, origin, field)
            for start, done, origin, field in self.origins
            if start in component and component[start] == component.get(done)
        ]
        members: dict[int, set[str]] = {}
        for index, start, done, _, _ in inside:
            members.setdefault(index, set()).update((start[1], done[1]))
        for index, _, _, origin, field in inside:
            yield origin, field, sorted(members[index])

    def _sccs(self) -> list[list[Node]]:
        """Strongly connected components with more than one node (iterative Tarjan)."""
        index: dict[Node, int] = {}
        low: dict[Node, int] = {}
        on_stack: set[Node] = set()
        stack: list[Node] = []
        result: list[list[Node]] = []
        for root in self.edges:
            if root in index:
                continue
            work = [(root, iter(self.edges[root]))]
            index[root] = low[root] = len(index)
            stack.append(root)
            on_stack.add(root)
            while work:
                node, successors = work[-1]
                advanced = False
                for successor in successors:
                    if successor not in index:
                        index[successor] = low[successor] = len(index)
                        stack.append(successor)
                        on_stack.add(successor)
                        work.append((successor, iter(self.edges[successor])))
                        advanced = True
                        break
                    if successor in on_stack:
                        low[node] = min(low[node], index[successor])
                if advanced:
                    continue
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    members: list[Node] = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        members.append(member)
                        if member == node:
                            break
                    if len(members) > 1:
                        result.append(members)
        return result


class _LineLoader(yaml.SafeLoader):
    """A safe loader that records each mapping key's file and line under `ORIGIN`."""

    file_name = "<yaml>"

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[ORIGIN] = {
            key.value: (self.file_name, key.start_mark.line + 1) for key, _ in node.value
        }
        return mapping


def load_yaml(path: Path, name: str | None = None) -> Any:
    """Loads a YAML portfolio, recording origins under the file name `name` (default: its name)."""

    class Loader(_LineLoader):
        file_name = name or path.name

    with path.open(encoding="utf-8") as stream:
        # Loader derives from SafeLoader, so this is as safe as yaml.safe_load.
        return yaml.load(stream, Loader=Loader)


def strip_origins(value: Any) -> Any:
    """The same document without the recorded origins, for comparing content."""
    if isinstance(value, dict):
        return {k: strip_origins(v) for k, v in value.items() if k != ORIGIN}
    if isinstance(value, list):
        return [strip_origins(item) for item in value]
    return value


INTEGER_COLUMNS = frozenset(
    {"criticality_tier", "complexity", "monthly_transactions", "monthly_data_bytes"}
    | {"custom_extensions"}
)
NUMBER_COLUMNS = frozenset(
    {"revenue_share", "sla_uptime", "endpoint_config_completeness", "mapping_coverage"}
)
BOOLEAN_COLUMNS = frozenset({"contact_available", "modern_protocol_supported"})
LIST_COLUMNS = frozenset({"depends_on", "compliance", "mapping_rules"})
CSV_COLUMNS = {
    "departments.csv": ["id", "display_name", "depends_on"],
    "customers.csv": ["id", *[f for f in CUSTOMER_FIELDS if f not in ("id", "channels")]],
    "channels.csv": ["customer", *CHANNEL_FIELDS],
    "dependencies.csv": list(DEPENDENCY_FIELDS),
}


def _cell(column: str, text: str) -> Any:
    """Converts one CSV cell; a cell that does not parse stays text for `check` to report."""
    if column in LIST_COLUMNS:
        if column == "compliance" and text == "NONE":
            return []
        return [part.strip() for part in text.split(";") if part.strip()]
    try:
        if column in INTEGER_COLUMNS:
            return int(text)
        if column in NUMBER_COLUMNS:
            return float(text)
    except ValueError:
        return text
    if column in BOOLEAN_COLUMNS and text in ("true", "false"):
        return text == "true"
    return text


def _read_rows(path: Path, report: _Report) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with path.open(newline="", encoding="utf-8") as stream:
        reader = csv.DictReader(stream)
        expected = CSV_COLUMNS[path.name]
        if reader.fieldnames != expected:
            report.problems.append(
                Problem(path.name, 1, "header", f"columns must be {','.join(expected)}")
            )
            return rows
        for raw in reader:
            line = reader.line_num
            if None in raw:
                report.problems.append(Problem(path.name, line, "row", "more cells than columns"))
            row: dict[str, Any] = {}
            for column in expected:
                text = raw.get(column) or ""
                # An empty cell means unknown, except that an empty list of dependencies or
                # mapping rules is simply none.
                if text == "" and column in ("depends_on", "mapping_rules"):
                    row[column] = []
                elif text != "":
                    row[column] = _cell(column, text)
            row[ORIGIN] = dict.fromkeys(expected, (path.name, line))
            rows.append(row)
    return rows


def load_csv(folder: Path, program: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """Reads a CSV portfolio set into a document, plus the problems only CSV can have.

    The CSV files carry no program, so the caller supplies it. Channels join their customer
    through the `customer` column; a channel whose customer is unknown is a CSV problem.
    """
    report = _Report("channels.csv")
    departments = _read_rows(folder / "departments.csv", report)
    customers = _read_rows(folder / "customers.csv", report)
    channels = _read_rows(folder / "channels.csv", report)
    dependencies = _read_rows(folder / "dependencies.csv", report)
    by_id: dict[str, dict[str, Any]] = {}
    for customer in customers:
        customer["channels"] = []
        customer[ORIGIN]["channels"] = customer[ORIGIN]["id"]
        by_id.setdefault(str(customer.get("id")), customer)
    for channel in channels:
        owner = by_id.get(str(channel.pop("customer", "")))
        origin = channel[ORIGIN]
        if owner is None:
            report.at(channel, "customer", "unknown customer")
        else:
            del origin["customer"]
            owner["channels"].append(channel)
    document = {
        "program": program,
        "departments": departments,
        "customers": customers,
        "dependencies": dependencies,
    }
    return document, report.problems
