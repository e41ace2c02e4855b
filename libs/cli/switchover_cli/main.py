"""The `switchover` command: run the services, manage keys, and drive the flow.

switchover up                      all six services in one process (ports 50051-50056)
switchover serve risk              one service
switchover demo                    the example portfolio through the whole flow
switchover keys create --role viewer --principal alice
switchover program create acme     then: import, assess, plan, simulate, approve, execute
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import grpc

from switchover.gateway.v1 import gateway_service_pb2 as gw
from switchover_cli import flow, render, stack
from switchover_cli.connection import NoTokenError, gateway, orchestration, token_for
from switchover_kit.auth import KeyStore, Role
from switchover_kit.config import Settings
from switchover_kit.errors import details
from switchover_kit.logs import configure_logging


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    if getattr(args, "data_dir", None):
        overrides["data_dir"] = args.data_dir
    return Settings(**overrides)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="switchover", description="Switchover: the migration control plane."
    )
    parser.add_argument("--data-dir", type=Path, help="data directory (SWITCHOVER_DATA_DIR)")
    parser.add_argument("--token", help="API token (SWITCHOVER_TOKEN, else <data dir>/admin.token)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", help="serve one or more services")
    serve.add_argument("services", nargs="+", choices=stack.SERVICE_ORDER)
    sub.add_parser("up", help="serve all six services in one process")

    demo = sub.add_parser("demo", help="take the example portfolio through the whole flow")
    demo.add_argument("--portfolio", type=Path, help="inventory file or folder to import")
    demo.add_argument("--program", default="acme-erp-exit", help="program id")
    demo.add_argument(
        "--time-scale", type=float, default=20000.0, help="divide planned waits by this"
    )
    demo.add_argument("--quiet", action="store_true", help="print the summary only")

    keys = sub.add_parser("keys", help="manage API keys")
    keys_sub = keys.add_subparsers(dest="keys_command", required=True)
    keys_sub.add_parser("bootstrap", help="make the admin and service keys if missing")
    create = keys_sub.add_parser("create", help="make a key and print its token once")
    create.add_argument("--principal", required=True)
    create.add_argument("--role", required=True, choices=[r.name.lower() for r in Role])
    keys_sub.add_parser("list", help="list keys (never their secrets)")
    revoke = keys_sub.add_parser("revoke", help="revoke a key")
    revoke.add_argument("key_id")

    program = sub.add_parser("program", help="create, list or show programs")
    program_sub = program.add_subparsers(dest="program_command", required=True)
    pc = program_sub.add_parser("create")
    pc.add_argument("program_id")
    pc.add_argument("--display-name", default="")
    program_sub.add_parser("list")
    ps = program_sub.add_parser("show")
    ps.add_argument("program")

    imp = sub.add_parser("import", help="import inventory files (YAML, or CSV named by kind)")
    imp.add_argument("program")
    imp.add_argument("paths", nargs="+", type=Path)
    imp.add_argument("--validate-only", action="store_true")

    for verb, text in (("assess", "assess every customer's risk"), ("status", "the dashboard")):
        p = sub.add_parser(verb, help=text)
        p.add_argument("program")

    plan = sub.add_parser("plan", help="generate a plan version")
    plan.add_argument("program")
    plan.add_argument("--start", type=datetime.fromisoformat, help="ISO start time (UTC)")
    plan.add_argument("--max-customers-per-wave", type=int, default=0)
    plan.add_argument("--blackout", action="append", default=[], help="YYYY-MM-DD, repeatable")

    sim = sub.add_parser("simulate", help="validate channels in parallel runs and forecast")
    sim.add_argument("program")
    sim.add_argument("--iterations", type=int, default=1000)
    sim.add_argument("--seed", type=int, default=7)

    approve = sub.add_parser("approve", help="approve the current plan version")
    approve.add_argument("program")
    approve.add_argument("--comment", required=True)

    execute = sub.add_parser("execute", help="execute the approved plan")
    execute.add_argument("program")
    execute.add_argument("--time-scale", type=float, default=1.0)
    execute.add_argument("--max-concurrency", type=int, default=0)
    execute.add_argument("--auto-approve", action="store_true")

    for verb in ("pause", "resume", "rollback"):
        p = sub.add_parser(verb, help=f"{verb} the run, or part of it")
        p.add_argument("program")
        p.add_argument("--lane", default="", help="department resource name")
        p.add_argument("--customer", default="", help="customer resource name")
        if verb == "rollback":
            p.add_argument("--phase", type=int, default=0)
            p.add_argument("--channel", default="", help="channel resource name")
        if verb != "resume":
            p.add_argument("--reason", required=verb == "rollback", default="")

    cancel = sub.add_parser("cancel", help="cancel the run")
    cancel.add_argument("program")
    cancel.add_argument("--reason", default="")

    approve_step = sub.add_parser("approve-step", help="approve a step waiting at a gate")
    approve_step.add_argument("program")
    approve_step.add_argument("step_id")
    approve_step.add_argument("--comment", required=True)

    retry = sub.add_parser("retry-step", help="retry a failed step")
    retry.add_argument("program")
    retry.add_argument("step_id")

    steps = sub.add_parser("steps", help="list the run's steps")
    steps.add_argument("program")
    steps.add_argument("--state", default="", help="e.g. FAILED")

    events = sub.add_parser("events", help="the program's event log")
    events.add_argument("program")
    events.add_argument("--after", type=int, default=0)
    events.add_argument("--follow", action="store_true")

    export = sub.add_parser("export", help="export the current plan")
    export.add_argument("program")
    export.add_argument("--format", choices=sorted(flow.EXPORT_FORMATS), default="md")
    export.add_argument("--out", type=Path)
    return parser


def _keys(settings: Settings, args: argparse.Namespace) -> str:
    if args.keys_command == "bootstrap":
        stack.bootstrap(settings)
        return (
            f"keys ready in {settings.keys_file}; admin token in {settings.admin_token_file}, "
            f"service token in {settings.service_token_file}"
        )
    keystore = KeyStore(settings.keys_file)
    if args.keys_command == "create":
        return keystore.create_key(args.principal, Role[args.role.upper()])
    if args.keys_command == "list":
        return render.table(
            ("key", "principal", "role", "service", "created"),
            (
                (k.key_id, k.principal, k.role.name.lower(), k.service, k.create_time)
                for k in keystore.list()
            ),
        )
    if not keystore.revoke(args.key_id):
        raise ValueError(f"no key {args.key_id}")
    return f"revoked {args.key_id}"


async def _flow(settings: Settings, args: argparse.Namespace) -> str | list[str]:
    token = token_for(settings, args.token)
    cmd = args.command
    async with gateway(settings, token) as stub:
        if cmd == "program":
            if args.program_command == "create":
                return await flow.create_program(stub, args.program_id, args.display_name)
            if args.program_command == "list":
                return await flow.list_programs(stub)
            return await flow.show_program(stub, args.program)
        actions: dict[str, Callable[[], Awaitable[str | list[str]]]] = {
            "import": lambda: flow.import_inventory(
                stub, args.program, args.paths, validate_only=args.validate_only
            ),
            "assess": lambda: flow.assess(stub, args.program),
            "status": lambda: flow.status(stub, args.program),
            "plan": lambda: flow.plan(
                stub,
                args.program,
                flow.planning_options(
                    start=args.start,
                    max_customers_per_wave=args.max_customers_per_wave,
                    blackout_dates=args.blackout,
                ),
            ),
            "simulate": lambda: flow.simulate(
                stub, args.program, iterations=args.iterations, seed=args.seed
            ),
            "approve": lambda: flow.approve(stub, args.program, args.comment),
            "execute": lambda: flow.execute(
                stub,
                args.program,
                gw.ExecutionOptions(
                    time_scale=args.time_scale,
                    max_concurrency=args.max_concurrency,
                    auto_approve=args.auto_approve,
                ),
            ),
            "pause": lambda: flow.pause(
                stub, args.program, flow.scope(lane=args.lane, customer=args.customer), args.reason
            ),
            "resume": lambda: flow.resume(
                stub, args.program, flow.scope(lane=args.lane, customer=args.customer)
            ),
            "rollback": lambda: flow.rollback(
                stub,
                args.program,
                flow.scope(
                    lane=args.lane, phase=args.phase, customer=args.customer, channel=args.channel
                ),
                args.reason,
            ),
            "cancel": lambda: flow.cancel(stub, args.program, args.reason),
            "approve-step": lambda: flow.approve_step(
                stub, args.program, args.step_id, args.comment
            ),
            "retry-step": lambda: flow.retry_step(stub, args.program, args.step_id),
            "steps": lambda: flow.steps(stub, args.program, args.state),
            "events": lambda: flow.events(stub, args.program, after=args.after, follow=args.follow),
        }
        if cmd == "export":
            async with orchestration(settings, token) as orch_stub:
                return await flow.export_plan(stub, orch_stub, args.program, args.format, args.out)
        return await actions[cmd]()


def _describe_rpc_error(error: grpc.RpcError) -> str:
    info = details(error)
    lines = [f"error: {info.code.name}: {info.message}"]
    if info.reason:
        lines[0] += f" [{info.reason}]"
    lines.extend(f"  {v.field}: {v.description}" for v in info.violations)
    lines.extend(f"  {k}: {v}" for k, v in sorted(info.metadata.items()))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the process exit code."""
    args = _parser().parse_args(argv)
    settings = _settings(args)
    try:
        if args.command in {"serve", "up"}:
            configure_logging("switchover", settings.log_level)
            services = args.services if args.command == "serve" else stack.SERVICE_ORDER
            asyncio.run(stack.serve_services(settings, services))
            return 0
        if args.command == "keys":
            print(_keys(settings, args))
            return 0
        if args.command == "demo":
            from switchover_cli import demo

            return asyncio.run(demo.run(settings, args))
        result = asyncio.run(_flow(settings, args))
    except grpc.RpcError as error:
        print(_describe_rpc_error(error), file=sys.stderr)
        return 1
    except (NoTokenError, ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    if isinstance(result, list):
        print("\n".join(result))
    else:
        print(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
