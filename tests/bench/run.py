"""Runs the benchmarks and writes bench/results.json.

python tests/bench/run.py [--name PREFIX]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import REGISTRY, Figure, write_results  # noqa: E402


def _load_modules() -> None:
    for path in sorted(HERE.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot load {path}")
        module = importlib.util.module_from_spec(spec)
        sys.modules[path.stem] = module
        spec.loader.exec_module(module)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--name", default="", help="run only figures whose name starts with this")
    args = parser.parse_args()
    _load_modules()
    selected = [
        (names, fn)
        for names, fn in REGISTRY.values()
        if any(name.startswith(args.name) for name in names)
    ]
    if not selected:
        print(f"no benchmark produces a figure starting with {args.name!r}", file=sys.stderr)
        return 2
    for names, fn in selected:
        started = time.perf_counter()
        print(f"running {', '.join(names)} ...", flush=True)
        figures: list[Figure] = fn()
        write_results(figures)
        for f in figures:
            extra = (
                f" (baseline {f.baseline:g}, ratio {f.ratio:.3f})"
                if f.ratio is not None and f.baseline is not None
                else ""
            )
            print(f"  {f.name} = {f.value:g} {f.unit}{extra}", flush=True)
        print(f"  done in {time.perf_counter() - started:.1f}s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
