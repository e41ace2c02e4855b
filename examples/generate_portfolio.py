"""Generates large, believable migration portfolios in the gateway's import format.

    python examples/generate_portfolio.py --customers 10000 --channels-per-customer 5 \\
        --departments 10 --seed 7 --out /tmp/p.yaml

The output follows examples/portfolio.yaml's schema. Benchmarks and tests import `generate()`
by file path (examples/ is not a package). The same seed always gives the same portfolio.

Shape of what comes out, and why:
- Departments: the first is `master-data`, which every other department depends on; each
  further department also depends on up to two earlier ones, so the department graph is a DAG
  by construction (edges only point backwards in the list).
- Customers are spread over departments with falling weights (a few big domains, a long tail),
  then listed department by department. Customer and channel dependencies only ever point from
  a later customer to an earlier one, and an earlier customer's department never depends on a
  later customer's department, so the customer-level graph (with department dependencies
  applied to their customers) stays acyclic. `cycle=True` adds one loop of HARD dependencies
  among three customers of one department, for tests of cycle reporting.
- Attributes follow the rough distributions of a B2B estate: most partners are small (tier 3-4),
  revenue is Pareto-distributed (a few partners carry most of it), EDI dominates channel types,
  volumes are log-normal, and about 5 % of each optional attribute is omitted (unknown) so risk
  confidence varies. About 3 % of channels lack one modern mapping rule, as real estates do.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

MAPPING_RULES = (
    "n9_references",
    "allowance_charges",
    "unit_of_measure_conversion",
    "partner_custom_segments",
)
COMPLIANCE_TAGS = ("HIPAA", "PCI_DSS", "SOC2", "GDPR")

# Base departments, most fundamental first, with their relative share of partners (master data
# has few external partners, sales and procurement the most); beyond this list names repeat
# with a suffix and half the weight.
DEPARTMENT_NAMES = (
    ("master-data", "Master data", 0.3),
    ("procurement", "Procurement", 0.8),
    ("sales", "Sales and order management", 1.0),
    ("logistics", "Logistics and warehousing", 0.6),
    ("finance", "Finance", 0.4),
    ("after-sales", "After-sales service", 0.4),
    ("manufacturing", "Manufacturing", 0.3),
    ("quality", "Quality management", 0.2),
    ("customer-service", "Customer service", 0.3),
    ("treasury", "Treasury", 0.1),
    ("tax", "Tax and compliance reporting", 0.1),
    ("product-lifecycle", "Product lifecycle management", 0.2),
)

# Per channel type: how ids and titles are formed, share of all channels, document names,
# protocol versions, integration patterns, modal complexity, median monthly transactions and
# median document size in bytes.
CHANNEL_PROFILES: dict[str, dict[str, Any]] = {
    "EDI_X12": {
        "id_format": "x12-{doc}",
        "title_format": "X12 {DOC} transaction set",
        "share": 0.30,
        "documents": ["850", "810", "856", "855", "820", "204", "214", "846", "860"],
        "versions": ["004010", "005010", "003040"],
        "patterns": ["BATCH_FILE"],
        "complexity": 3.0,
        "transactions": 4000,
        "doc_bytes": 4000,
    },
    "EDI_EDIFACT": {
        "id_format": "edifact-{doc}",
        "title_format": "EDIFACT {DOC} messages",
        "share": 0.12,
        "documents": ["orders", "invoic", "desadv", "ordrsp", "pricat", "iftmin"],
        "versions": ["D96A", "D01B", "D93A"],
        "patterns": ["BATCH_FILE"],
        "complexity": 3.0,
        "transactions": 2500,
        "doc_bytes": 3500,
    },
    "SFTP": {
        "id_format": "{doc}-sftp",
        "title_format": "{doc} files over SFTP",
        "share": 0.20,
        "documents": ["orders", "catalogue", "remittance", "inventory", "usage"],
        "versions": ["CSV over SFTP v3", "Fixed-width over SFTP v3"],
        "patterns": ["BATCH_FILE"],
        "complexity": 2.0,
        "transactions": 60,
        "doc_bytes": 5_000_000,
    },
    "REST_API": {
        "id_format": "{doc}-api",
        "title_format": "{doc} REST API",
        "share": 0.15,
        "documents": ["orders", "tracking", "inventory", "returns", "catalogue"],
        "versions": ["OpenAPI 3.0", "OpenAPI 3.1", "Swagger 2.0"],
        "patterns": ["REAL_TIME", "EVENT"],
        "complexity": 2.0,
        "transactions": 8000,
        "doc_bytes": 2500,
    },
    "SOAP_API": {
        "id_format": "{doc}-soap",
        "title_format": "{doc} SOAP service",
        "share": 0.10,
        "documents": ["orders", "invoices", "settlement", "warehouse"],
        "versions": ["SOAP 1.1", "SOAP 1.2"],
        "patterns": ["REAL_TIME"],
        "complexity": 3.5,
        "transactions": 6000,
        "doc_bytes": 5000,
    },
    "THICK_CLIENT": {
        "id_format": "{doc}-client",
        "title_format": "{doc} thick client",
        "share": 0.05,
        "documents": ["order-desk", "parts", "store"],
        "versions": ["Delphi 7 / DCOM", "VB6 / flat-file export", "PowerBuilder 9 / ODBC"],
        "patterns": ["INTERACTIVE"],
        "complexity": 4.0,
        "transactions": 1500,
        "doc_bytes": 5000,
    },
    "WEB_PORTAL": {
        "id_format": "{doc}-portal",
        "title_format": "{doc} web portal",
        "share": 0.08,
        "documents": ["orders", "claims", "confirmations"],
        "versions": ["HTML5 forms", "JSF portal"],
        "patterns": ["INTERACTIVE"],
        "complexity": 1.5,
        "transactions": 800,
        "doc_bytes": 2000,
    },
}
CHANNEL_TYPES = tuple(CHANNEL_PROFILES)
CHANNEL_WEIGHTS = tuple(float(p["share"]) for p in CHANNEL_PROFILES.values())

# Tier 1 partners are rare and demanding; most of an estate is small partners.
TIER_WEIGHTS = (0.05, 0.15, 0.35, 0.45)
SLA_BY_TIER = {1: (99.95, 99.99), 2: (99.9, 99.95), 3: (99.5, 99.9), 4: (99.0, 99.5)}

NAME_WORDS_A = (
    "blue", "north", "silver", "bright", "iron", "harbor", "summit", "cedar", "atlas",
    "granite", "golden", "river", "pioneer", "delta", "eastern", "apex", "crown", "maple",
)  # fmt: skip
NAME_WORDS_B = (
    "trading", "supply", "foods", "health", "retail", "freight", "industries", "systems",
    "distribution", "pharma", "motors", "textiles", "logistics", "electronics", "labs",
)  # fmt: skip

UNKNOWN_RATE = 0.05
"""Chance that any one optional attribute is omitted (unknown to the inventory)."""
INCOMPLETE_MAPPING_RATE = 0.03
CUSTOMER_DEPENDENCY_RATE = 0.02
CHANNEL_DEPENDENCY_RATE = 0.01
HARD_SHARE = 0.4


def generate(
    customers: int,
    channels_per_customer: int,
    departments: int,
    seed: int,
    cycle: bool = False,
) -> dict[str, Any]:
    """Returns a portfolio document (the YAML import schema as plain dicts and lists).

    `customers` >= 1 (>= 2 with `cycle`), `channels_per_customer` >= 1 (every customer gets
    exactly that many, so the totals are predictable for benchmarks), `departments` >= 1.
    """
    if customers < 1 or channels_per_customer < 1 or departments < 1:
        raise ValueError("customers, channels_per_customer and departments must be >= 1")
    if cycle and customers < 2:
        raise ValueError("a dependency cycle needs at least two customers")
    rng = random.Random(seed)
    department_list = _departments(rng, departments)
    assignment = _assign_departments(rng, customers, departments)
    revenue = _revenue_shares(rng, customers)
    customer_list = [
        _customer(rng, index, department_list[assignment[index]]["id"], revenue[index])
        for index in range(customers)
    ]
    for customer in customer_list:
        customer["channels"] = _channels(rng, channels_per_customer)
    dependencies = _dependencies(rng, customer_list)
    if cycle:
        dependencies.extend(_cycle(rng, customer_list))
    return {
        "program": {
            "id": f"generated-{seed}",
            "display_name": f"Generated portfolio (seed {seed}, {customers} customers)",
        },
        "departments": department_list,
        "customers": customer_list,
        "dependencies": dependencies,
    }


def _departments(rng: random.Random, count: int) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = []
    for index in range(count):
        base_id, base_name, _ = DEPARTMENT_NAMES[index % len(DEPARTMENT_NAMES)]
        round_ = index // len(DEPARTMENT_NAMES)
        dept_id = base_id if round_ == 0 else f"{base_id}-{round_ + 1}"
        name = base_name if round_ == 0 else f"{base_name} {round_ + 1}"
        depends_on: list[str] = []
        if index > 0:
            depends_on.append(result[0]["id"])
            earlier = [d["id"] for d in result[1:]]
            depends_on.extend(rng.sample(earlier, min(len(earlier), rng.randint(0, 2))))
        result.append({"id": dept_id, "display_name": name, "depends_on": depends_on})
    return result


def _assign_departments(rng: random.Random, customers: int, departments: int) -> list[int]:
    """Department index per customer, sorted so customers are listed department by department."""
    weights = [
        DEPARTMENT_NAMES[i % len(DEPARTMENT_NAMES)][2] / 2 ** (i // len(DEPARTMENT_NAMES))
        for i in range(departments)
    ]
    assignment = rng.choices(range(departments), weights=weights, k=customers)
    assignment.sort()
    return assignment


def _revenue_shares(rng: random.Random, customers: int) -> list[float]:
    # A Pareto shape of 1.16 gives the classic 80/20 split; shares are scaled to 95 % so a
    # slice of revenue stays with customers outside the integration estate.
    raw = [rng.paretovariate(1.16) for _ in range(customers)]
    scale = 95.0 / sum(raw)
    return [round(value * scale, 4) for value in raw]


def _known(rng: random.Random) -> bool:
    return rng.random() >= UNKNOWN_RATE


def _customer(rng: random.Random, index: int, department: str, revenue: float) -> dict[str, Any]:
    word_a = NAME_WORDS_A[index % len(NAME_WORDS_A)]
    word_b = NAME_WORDS_B[(index // len(NAME_WORDS_A)) % len(NAME_WORDS_B)]
    customer_id = f"{word_a}-{word_b}-{index + 1:06d}"
    tier = rng.choices((1, 2, 3, 4), weights=TIER_WEIGHTS)[0]
    customer: dict[str, Any] = {
        "id": customer_id,
        "display_name": f"{word_a.title()} {word_b.title()} {index + 1}",
        "department": department,
    }
    if _known(rng):
        customer["criticality_tier"] = tier
    if _known(rng):
        customer["revenue_share"] = revenue
    if _known(rng):
        low, high = SLA_BY_TIER[tier]
        customer["sla_uptime"] = rng.choice((low, high))
    if _known(rng):
        customer["compliance"] = _compliance(rng)
    customer["contact_email"] = f"edi@{customer_id}.example"
    if _known(rng):
        customer["contact_available"] = rng.random() < 0.9
    return customer


def _compliance(rng: random.Random) -> list[str]:
    odds = {"HIPAA": 0.04, "PCI_DSS": 0.06, "SOC2": 0.5, "GDPR": 0.3}
    return [tag for tag in COMPLIANCE_TAGS if rng.random() < odds[tag]]


def _channels(rng: random.Random, count: int) -> list[dict[str, Any]]:
    channels: list[dict[str, Any]] = []
    used: set[str] = set()
    for channel_type in rng.choices(CHANNEL_TYPES, weights=CHANNEL_WEIGHTS, k=count):
        channels.append(_channel(rng, channel_type, used))
    return channels


def _channel_id(rng: random.Random, channel_type: str, used: set[str]) -> tuple[str, str]:
    profile = CHANNEL_PROFILES[channel_type]
    document = rng.choice(profile["documents"])
    base = profile["id_format"].format(doc=document)
    channel_id, number = base, 1
    while channel_id in used:
        number += 1
        channel_id = f"{base}-{number}"
    used.add(channel_id)
    title = profile["title_format"].format(doc=document.replace("-", " "), DOC=document.upper())
    title = title[0].upper() + title[1:]
    return channel_id, title if number == 1 else f"{title} ({number})"


def _channel(rng: random.Random, channel_type: str, used: set[str]) -> dict[str, Any]:
    profile = CHANNEL_PROFILES[channel_type]
    channel_id, display_name = _channel_id(rng, channel_type, used)
    channel: dict[str, Any] = {"id": channel_id, "display_name": display_name, "type": channel_type}
    if _known(rng):
        channel["protocol_version"] = rng.choice(profile["versions"])
    if _known(rng):
        channel["integration_pattern"] = rng.choice(profile["patterns"])
    complexity = round(rng.triangular(1.0, 5.0, float(profile["complexity"])))
    if _known(rng):
        channel["complexity"] = complexity
    # Log-normal volumes: sigma 1.2 spans roughly two orders of magnitude between partners.
    transactions = max(1, int(rng.lognormvariate(math.log(profile["transactions"]), 1.2)))
    if _known(rng):
        channel["monthly_transactions"] = transactions
    if _known(rng):
        doc_bytes = rng.lognormvariate(math.log(profile["doc_bytes"]), 0.5)
        channel["monthly_data_bytes"] = int(transactions * doc_bytes)
    if _known(rng):
        unsupported = 0.6 if channel_type == "THICK_CLIENT" else 0.1
        channel["modern_protocol_supported"] = rng.random() >= unsupported
    if _known(rng):
        channel["endpoint_config_completeness"] = max(40, 100 - round(rng.expovariate(1 / 8)))
    incomplete = rng.random() < INCOMPLETE_MAPPING_RATE
    if _known(rng):
        # Coverage gaps cluster near 100 %; an incomplete rule set shows as a visible gap.
        gap = rng.expovariate(1 / 5) + (15 if incomplete else 0)
        channel["mapping_coverage"] = max(50, 100 - round(gap))
    # Partner-specific extensions grow with complexity: about 1 on average at complexity 3.
    extensions = min(8, int(rng.expovariate(2 / complexity)))
    if _known(rng):
        channel["custom_extensions"] = extensions
    rules = list(MAPPING_RULES)
    if incomplete:
        rules.remove(rng.choice(MAPPING_RULES))
    channel["mapping_rules"] = rules
    return channel


def _dependencies(rng: random.Random, customers: Sequence[dict[str, Any]]) -> list[dict[str, str]]:
    """Dependencies that only point from a customer to an earlier one, so no cycle can form."""
    result: list[dict[str, str]] = []
    for index in range(1, len(customers)):
        source = customers[index]
        if rng.random() < CUSTOMER_DEPENDENCY_RATE:
            target = customers[rng.randrange(index)]
            result.append(_edge(rng, f"customers/{source['id']}", f"customers/{target['id']}"))
        for channel in source["channels"]:
            if rng.random() < CHANNEL_DEPENDENCY_RATE:
                target = customers[rng.randrange(index)]
                target_channel = rng.choice(target["channels"])
                result.append(
                    _edge(
                        rng,
                        f"customers/{source['id']}/channels/{channel['id']}",
                        f"customers/{target['id']}/channels/{target_channel['id']}",
                    )
                )
    return result


def _edge(rng: random.Random, source: str, target: str) -> dict[str, str]:
    kind = "HARD" if rng.random() < HARD_SHARE else "SOFT"
    return {"source": source, "target": target, "kind": kind}


def _cycle(rng: random.Random, customers: Sequence[dict[str, Any]]) -> list[dict[str, str]]:
    """A loop of HARD dependencies among up to three customers of the biggest department.

    Staying inside one department keeps the loop to exactly the injected edges; a loop across
    departments would also drag the department dependencies into the cycle.
    """
    by_department: dict[str, list[int]] = {}
    for index, customer in enumerate(customers):
        by_department.setdefault(customer["department"], []).append(index)
    pool = max(by_department.values(), key=len)
    if len(pool) < 2:
        pool = list(range(len(customers)))
    names = [f"customers/{customers[i]['id']}" for i in rng.sample(pool, min(3, len(pool)))]
    return [
        {"source": names[i], "target": names[(i + 1) % len(names)], "kind": "HARD"}
        for i in range(len(names))
    ]


def dump(portfolio: dict[str, Any]) -> str:
    """Renders a portfolio as block-style YAML in the schema's key order.

    PyYAML's dumper needs several seconds for 10,000 customers, so this writes the few shapes
    the schema has directly: mappings and lists of mappings as blocks, lists of scalars in flow
    style, and strings quoted (JSON-style, which YAML reads the same) only where a plain scalar
    would be read back as something else.
    """
    lines: list[str] = []
    _emit_mapping(portfolio, "", lines)
    lines.append("")
    return "\n".join(lines)


def _emit_mapping(mapping: dict[str, Any], indent: str, lines: list[str]) -> None:
    for key, value in mapping.items():
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:")
            _emit_mapping(value, indent + "  ", lines)
        elif isinstance(value, list) and any(isinstance(item, dict) for item in value):
            lines.append(f"{indent}{key}:")
            for item in value:
                start = len(lines)
                _emit_mapping(item, indent + "    ", lines)
                lines[start] = f"{indent}  - {lines[start].lstrip()}"
        elif isinstance(value, list):
            lines.append(f"{indent}{key}: [{', '.join(_scalar(item) for item in value)}]")
        else:
            lines.append(f"{indent}{key}: {_scalar(value)}")


_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ._/()@-]*[A-Za-z0-9.)]")
_RESERVED = frozenset({"true", "false", "yes", "no", "on", "off", "y", "n", "null"})


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point; returns the process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, required=True)
    parser.add_argument("--channels-per-customer", type=int, default=5)
    parser.add_argument("--departments", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cycle", action="store_true", help="inject one HARD dependency cycle")
    parser.add_argument("--out", type=Path, help="output file (default: standard output)")
    args = parser.parse_args(argv)
    try:
        portfolio = generate(
            args.customers, args.channels_per_customer, args.departments, args.seed, args.cycle
        )
    except ValueError as error:
        parser.error(str(error))
    text = dump(portfolio)
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
