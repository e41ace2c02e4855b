"""The CLI verbs of the flow: each is one gateway call and a short human-readable answer."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from google.protobuf import field_mask_pb2, timestamp_pb2

from switchover.gateway.v1 import gateway_service_pb2 as gw
from switchover.gateway.v1 import gateway_service_pb2_grpc, resources_pb2
from switchover.orchestration.v1 import orchestration_service_pb2 as orch
from switchover.orchestration.v1 import orchestration_service_pb2_grpc
from switchover_cli import render

Gateway = gateway_service_pb2_grpc.GatewayServiceStub

_CSV_KINDS = {
    "departments": gw.INVENTORY_KIND_DEPARTMENTS,
    "customers": gw.INVENTORY_KIND_CUSTOMERS,
    "channels": gw.INVENTORY_KIND_CHANNELS,
    "dependencies": gw.INVENTORY_KIND_DEPENDENCIES,
}
EXPORT_FORMATS = {
    "json": orch.EXPORT_FORMAT_JSON,
    "csv": orch.EXPORT_FORMAT_CSV,
    "md": orch.EXPORT_FORMAT_MARKDOWN,
    "svg": orch.EXPORT_FORMAT_SVG,
}


def program_name(program: str) -> str:
    """Accepts `acme` or `programs/acme`."""
    return program if program.startswith("programs/") else f"programs/{program}"


def request_id() -> str:
    """A fresh idempotency key for one CLI invocation."""
    return str(uuid.uuid4())


def inventory_files(paths: Sequence[Path]) -> list[gw.InventoryFile]:
    """Turns files (or folders of them) into import files: YAML by extension, CSV by the stem
    naming its kind (`departments.csv`, `customers.csv`, `channels.csv`, `dependencies.csv`)."""
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path])
    result = []
    for path in files:
        suffix = path.suffix.lower()
        if suffix in {".yaml", ".yml"}:
            result.append(
                gw.InventoryFile(
                    filename=path.name,
                    format=gw.INVENTORY_FORMAT_YAML,
                    content=path.read_bytes(),
                )
            )
        elif suffix == ".csv":
            kind = _CSV_KINDS.get(path.stem.lower())
            if kind is None:
                raise ValueError(f"{path}: a CSV file must be named {', '.join(_CSV_KINDS)}")
            result.append(
                gw.InventoryFile(
                    filename=path.name,
                    format=gw.INVENTORY_FORMAT_CSV,
                    kind=kind,
                    content=path.read_bytes(),
                )
            )
        else:
            raise ValueError(f"{path}: not a .yaml, .yml or .csv file")
    return result


def describe_program(program: resources_pb2.Program) -> str:
    """One paragraph about a program."""
    state = resources_pb2.Program.State.Name(program.state).removeprefix("STATE_").lower()
    inv = program.inventory
    lines = [
        f"{program.name}  ({program.display_name})  state: {state}",
        f"  inventory: {inv.departments} departments, {inv.customers} customers, "
        f"{inv.channels} channels, {inv.dependencies} dependencies",
    ]
    if program.risk.portfolio_assessment:
        r = program.risk
        lines.append(
            f"  risk: mean {r.mean_score:.1f}, low {r.low} / medium {r.medium} / high {r.high} / "
            f"critical {r.critical}, confidence {r.mean_confidence:.0f}%"
        )
    if program.current_plan:
        lines.append(f"  plan: {program.current_plan}")
    if program.run:
        lines.append(f"  run: {program.run}")
    return "\n".join(lines)


def describe_plan(plan: resources_pb2.PlanVersion) -> str:
    """One paragraph about a plan version."""
    lines = [
        f"{plan.name} (revision {plan.revision}) → {plan.orchestration_plan}",
        f"  {plan.phase_count} phases, {plan.step_count} steps, critical path "
        f"{plan.critical_path_length} steps",
        f"  {render.when(plan.start_time)} → {render.when(plan.completion_time)}, estimated "
        f"downtime {render.span(plan.estimated_downtime)}",
    ]
    sim = plan.simulation
    if sim.complete_time.seconds:
        lines.append(
            f"  simulation: {sim.channels_passed}/{sim.channels_validated} channels passed; "
            f"forecast P50 {render.span(sim.p50_duration)}, P90 {render.span(sim.p90_duration)}, "
            f"success {sim.success_probability:.1%}"
        )
        for channel in sim.failed_channels:
            lines.append(f"    below threshold: {channel}")
    if plan.approval.approver:
        lines.append(f"  approved by {plan.approval.approver}: {plan.approval.comment}")
    return "\n".join(lines)


def describe_dashboard(d: resources_pb2.Dashboard) -> str:
    """The dashboard in three lines."""
    eta = render.when(d.eta_time)
    return "\n".join(
        [
            f"{render.bar(d.completion_percent)}  run: {d.run_state or '-'}",
            f"  steps {d.steps_done}/{d.steps_total} done, {d.steps_running} running, "
            f"{d.steps_failed} failed, {d.steps_waiting_approval} waiting approval; "
            f"error rate {d.error_rate:.1%}; {d.steps_per_minute:.1f} steps/min; ETA {eta}",
            f"  customers migrated {d.customers_migrated}/{d.customers_total}; "
            f"{d.rows_migrated} rows, {d.bytes_migrated / 1e6:.1f} MB migrated",
        ]
    )


async def create_program(stub: Gateway, program_id: str, display_name: str) -> str:
    response = await stub.CreateProgram(
        gw.CreateProgramRequest(
            program_id=program_id,
            program=resources_pb2.Program(display_name=display_name or program_id),
            request_id=request_id(),
        )
    )
    return describe_program(response.program)


async def list_programs(stub: Gateway) -> str:
    rows: list[tuple[object, ...]] = []
    token = ""
    while True:
        page = await stub.ListPrograms(gw.ListProgramsRequest(page_size=1000, page_token=token))
        for p in page.programs:
            state = resources_pb2.Program.State.Name(p.state).removeprefix("STATE_").lower()
            rows.append((p.name, p.display_name, state, p.inventory.customers))
        token = page.next_page_token
        if not token:
            return render.table(("program", "title", "state", "customers"), rows)


async def show_program(stub: Gateway, program: str) -> str:
    response = await stub.GetProgram(gw.GetProgramRequest(name=program_name(program)))
    return describe_program(response.program)


async def import_inventory(
    stub: Gateway, program: str, paths: Sequence[Path], *, validate_only: bool
) -> str:
    response = await stub.ImportInventory(
        gw.ImportInventoryRequest(
            parent=program_name(program),
            files=inventory_files(paths),
            validate_only=validate_only,
            request_id=request_id(),
        )
    )
    verb = "valid" if validate_only else "imported"
    return (
        f"{verb}: {response.departments} departments, {response.customers} customers, "
        f"{response.channels} channels, {response.dependencies} dependencies"
    )


async def assess(stub: Gateway, program: str) -> str:
    response = await stub.AssessProgram(
        gw.AssessProgramRequest(name=program_name(program), request_id=request_id())
    )
    return describe_program(response.program)


def planning_options(
    *, start: datetime | None, max_customers_per_wave: int, blackout_dates: Sequence[str]
) -> gw.PlanningOptions:
    """Planning options from CLI flags."""
    options = gw.PlanningOptions(
        max_customers_per_wave=max_customers_per_wave, blackout_dates=list(blackout_dates)
    )
    if start is not None:
        stamp = timestamp_pb2.Timestamp()
        stamp.FromDatetime(start.astimezone(UTC))
        options.start_time.CopyFrom(stamp)
    return options


async def plan(stub: Gateway, program: str, options: gw.PlanningOptions) -> str:
    response = await stub.GeneratePlan(
        gw.GeneratePlanRequest(name=program_name(program), options=options, request_id=request_id())
    )
    return describe_plan(response.plan)


async def simulate(stub: Gateway, program: str, *, iterations: int, seed: int) -> str:
    response = await stub.SimulatePlan(
        gw.SimulatePlanRequest(
            name=program_name(program), iterations=iterations, seed=seed, request_id=request_id()
        )
    )
    return describe_plan(response.plan)


async def approve(stub: Gateway, program: str, comment: str) -> str:
    response = await stub.ApprovePlan(
        gw.ApprovePlanRequest(name=program_name(program), comment=comment, request_id=request_id())
    )
    return describe_plan(response.plan)


async def execute(stub: Gateway, program: str, options: gw.ExecutionOptions) -> str:
    response = await stub.ExecutePlan(
        gw.ExecutePlanRequest(name=program_name(program), options=options, request_id=request_id())
    )
    return describe_program(response.program)


def scope(
    *, lane: str = "", phase: int = 0, customer: str = "", channel: str = ""
) -> gw.ExecutionScope:
    """An execution scope from CLI flags (short ids are expanded by the caller's program)."""
    return gw.ExecutionScope(lane=lane, phase=phase, customer=customer, channel=channel)


async def pause(stub: Gateway, program: str, where: gw.ExecutionScope, reason: str) -> str:
    response = await stub.PauseExecution(
        gw.PauseExecutionRequest(
            name=program_name(program), scope=where, reason=reason, request_id=request_id()
        )
    )
    return describe_dashboard(response.dashboard)


async def resume(stub: Gateway, program: str, where: gw.ExecutionScope) -> str:
    response = await stub.ResumeExecution(
        gw.ResumeExecutionRequest(name=program_name(program), scope=where, request_id=request_id())
    )
    return describe_dashboard(response.dashboard)


async def cancel(stub: Gateway, program: str, reason: str) -> str:
    response = await stub.CancelExecution(
        gw.CancelExecutionRequest(
            name=program_name(program), reason=reason, request_id=request_id()
        )
    )
    return describe_dashboard(response.dashboard)


async def rollback(stub: Gateway, program: str, where: gw.ExecutionScope, reason: str) -> str:
    response = await stub.RollbackExecution(
        gw.RollbackExecutionRequest(
            name=program_name(program), scope=where, reason=reason, request_id=request_id()
        )
    )
    return describe_dashboard(response.dashboard)


async def approve_step(stub: Gateway, program: str, step_id: str, comment: str) -> str:
    response = await stub.ApproveStep(
        gw.ApproveStepRequest(
            name=program_name(program), step_id=step_id, comment=comment, request_id=request_id()
        )
    )
    return f"{response.step.step_id}: {response.step.state}"


async def retry_step(stub: Gateway, program: str, step_id: str) -> str:
    response = await stub.RetryStep(
        gw.RetryStepRequest(name=program_name(program), step_id=step_id, request_id=request_id())
    )
    return f"{response.step.step_id}: {response.step.state}"


async def steps(stub: Gateway, program: str, state: str) -> str:
    rows: list[tuple[object, ...]] = []
    token = ""
    while True:
        page = await stub.ListSteps(
            gw.ListStepsRequest(
                parent=program_name(program), state=state, page_size=1000, page_token=token
            )
        )
        rows.extend(
            (s.phase, s.step_id, s.executor, s.state, s.attempts, s.last_error[:60])
            for s in page.steps
        )
        token = page.next_page_token
        if not token:
            return render.table(("phase", "step", "executor", "state", "attempts", "error"), rows)


async def status(stub: Gateway, program: str) -> str:
    response = await stub.GetDashboard(gw.GetDashboardRequest(name=program_name(program)))
    return describe_dashboard(response.dashboard)


def describe_event(event: resources_pb2.Event) -> str:
    """One line per event."""
    stamp = event.event_time.ToDatetime().strftime("%H:%M:%S")
    return f"#{event.sequence:<5} {stamp} {event.type:<26} {event.actor:<12} {event.message}"


async def events(stub: Gateway, program: str, *, after: int, follow: bool) -> list[str]:
    if follow:
        lines = []
        async for item in stub.WatchProgram(
            gw.WatchProgramRequest(name=program_name(program), after_sequence=after)
        ):
            line = describe_event(item.event)
            print(line, flush=True)
            lines.append(line)
        return lines
    out: list[str] = []
    token = ""
    while True:
        page = await stub.ListEvents(
            gw.ListEventsRequest(parent=program_name(program), page_size=1000, page_token=token)
        )
        out.extend(describe_event(e) for e in page.events if e.sequence > after)
        token = page.next_page_token
        if not token:
            return out


async def export_plan(
    stub: Gateway,
    orchestration: orchestration_service_pb2_grpc.OrchestrationServiceStub,
    program: str,
    fmt: str,
    out: Path | None,
) -> str:
    current = (await stub.GetProgram(gw.GetProgramRequest(name=program_name(program)))).program
    if not current.current_plan:
        raise ValueError(f"{current.name} has no plan yet; run `switchover plan` first")
    version = (await stub.GetPlan(gw.GetPlanRequest(name=current.current_plan))).plan
    exported = await orchestration.ExportPlan(
        orch.ExportPlanRequest(name=version.orchestration_plan, format=EXPORT_FORMATS[fmt])
    )
    target = out or Path(exported.filename)
    target.write_bytes(exported.content)
    return f"wrote {target} ({exported.content_type}, {len(exported.content)} bytes)"


def update_mask(*paths: str) -> field_mask_pb2.FieldMask:
    """A field mask of `paths`."""
    return field_mask_pb2.FieldMask(paths=list(paths))
