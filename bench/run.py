"""Run every benchmark and write the figures to docs/benchmarks.md (and print them).

Each ``bench/bench_*.py`` module offers ``run() -> str``: a Markdown section with its table.
"""

from __future__ import annotations

import importlib.util
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "docs" / "benchmarks.md"


def main() -> int:
    """Run the benchmark modules in name order and write the report."""
    only = set(sys.argv[1:])
    parts = [
        "# Benchmarks\n",
        f"Written by `make bench` on {time.strftime('%Y-%m-%d')}: "
        f"Python {platform.python_version()}, {platform.machine()}, {platform.system()}, "
        f"{_cpus()} CPUs.\n",
    ]
    for module_path in sorted(HERE.glob("bench_*.py")):
        name = module_path.stem
        if only and name not in only:
            continue
        spec = importlib.util.spec_from_file_location(name, module_path)
        assert spec
        assert spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        print(f"== {name}", flush=True)
        section = module.run()
        print(section, flush=True)
        parts.append(section)
    if not only:
        OUT.write_text("\n".join(parts), encoding="utf-8")
        print(f"written to {OUT}")
    return 0


def _cpus() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    raise SystemExit(main())
