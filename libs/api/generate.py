"""Regenerates the Python code and typed stubs in libs/api from protos/.

Run it with `make protos`. With `--check` it regenerates into a temporary folder and fails when
the committed code differs, which is how CI catches stale generated code.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROTOS = ROOT / "protos"
OUT = ROOT / "libs" / "api"
PACKAGE = "switchover"


def _proto_files() -> list[Path]:
    return sorted(p.relative_to(PROTOS) for p in (PROTOS / PACKAGE).rglob("*.proto"))


def _generate(out: Path) -> None:
    bin_dir = Path(sys.executable).parent
    pkg = out / PACKAGE
    if pkg.exists():
        shutil.rmtree(pkg)
    pkg.mkdir(parents=True)
    command = [
        sys.executable,
        "-m",
        "grpc_tools.protoc",
        f"--proto_path={PROTOS}",
        f"--python_out={out}",
        f"--grpc_python_out={out}",
        f"--plugin=protoc-gen-mypy={bin_dir / 'protoc-gen-mypy'}",
        f"--plugin=protoc-gen-mypy_grpc={bin_dir / 'protoc-gen-mypy_grpc'}",
        f"--mypy_out={out}",
        f"--mypy_grpc_out={out}",
        *[str(p) for p in _proto_files()],
    ]
    subprocess.run(command, check=True, cwd=PROTOS)
    # Explicit packages (not namespace packages) so mypy, hatch and importlib agree.
    for folder in [pkg, *[d for d in pkg.rglob("*") if d.is_dir()]]:
        (folder / "__init__.py").touch()
    (pkg / "py.typed").touch()
    # The gRPC service configs travel with the generated code so installed services find them.
    for config in (PROTOS / PACKAGE).rglob("*_grpc_service_config.json"):
        target = pkg / config.relative_to(PROTOS / PACKAGE)
        shutil.copyfile(config, target)


def _differences(left: Path, right: Path) -> list[str]:
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(f"{prefix}{n} (only in committed)" for n in cmp.left_only)
        found.extend(f"{prefix}{n} (missing)" for n in cmp.right_only)
        found.extend(f"{prefix}{n} (differs)" for n in cmp.diff_files)
        for name, sub in cmp.subdirs.items():
            if name != "__pycache__":
                walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=["__pycache__"]), "")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if libs/api is stale")
    args = parser.parse_args()
    if not args.check:
        _generate(OUT)
        print(f"generated {len(_proto_files())} proto files into {OUT / PACKAGE}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        _generate(Path(tmp))
        # filecmp's shallow mode compares size and mtime first; force content comparison.
        filecmp.clear_cache()
        stale = _differences(OUT / PACKAGE, Path(tmp) / PACKAGE)
    if stale:
        print("libs/api is stale; run `make protos`:", *stale, sep="\n  ", file=sys.stderr)
        return 1
    print("libs/api is up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
