"""A lecture on one JupyterHub: many students press Run All at once (``make bench-hub``).

For each class size (10, 20 and 40 students by default) a fresh set of hub users start
their servers and pull notebook 01 through its nbgitpuller link; then, at one moment, every
student opens a kernel and runs every cell. The benchmark reports, per student:

- time from that moment to the first output and to the end of Run All (median, p95);
- peak memory of the student's server and kernel together (proportional set size, so shared
  libraries are split fairly between the students who share them), and of the hub with its
  proxy;
- after Run All, every student moves a slider every 2 s for ``--minutes``: the time from
  the move to the kernel being idle again with every callback run (median, p95);
- failures, and the machine's load average.

It prints a table; it asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from collabkit.assess.questions import Question
from tests.hub.classroom import (
    BRANCH,
    NOTEBOOK,
    TARGET,
    collect,
    course_questions,
    grade,
    make_plan,
    release,
)
from tests.hub.hub import Hub, start_hub
from tests.hub.student import Kernel, git_pull, run_notebook

SLIDERS = ("IntSliderModel", "FloatSliderModel")


@dataclass
class Memory:
    """Peak memory (PSS, MB) per hub user and of the hub with its proxy, sampled each second."""

    hub: Hub
    peaks: dict[str, float] = field(default_factory=dict)
    hub_peak: float = 0.0
    owners: dict[int, str | None] = field(default_factory=dict)

    def _owner(self, process: psutil.Process) -> str | None:
        if process.pid not in self.owners:
            try:
                self.owners[process.pid] = process.environ().get("JUPYTERHUB_USER")
            except (psutil.Error, OSError):
                self.owners[process.pid] = None
        return self.owners[process.pid]

    def sample(self) -> None:
        """Add one sample of every process of the hub's session."""
        totals: dict[str, float] = {}
        hub_total = 0.0
        try:
            hub = psutil.Process(self.hub.process.pid)
            processes = [hub, *hub.children(recursive=True)]
        except psutil.Error:
            return
        for process in processes:
            try:
                pss = process.memory_full_info().pss / 2**20
            except (psutil.Error, OSError):
                continue
            owner = self._owner(process)
            if owner is None:
                hub_total += pss
            else:
                totals[owner] = totals.get(owner, 0.0) + pss
        for owner, total in totals.items():
            self.peaks[owner] = max(self.peaks.get(owner, 0.0), total)
        self.hub_peak = max(self.hub_peak, hub_total)

    async def watch(self, stop: asyncio.Event) -> None:
        """Sample each second until ``stop`` is set."""
        while not stop.is_set():
            await asyncio.to_thread(self.sample)
            try:
                await asyncio.wait_for(stop.wait(), 1.0)
            except TimeoutError:
                pass


def _slider(kernel: Kernel) -> tuple[str, float, float] | None:
    """The comm id, low and high value of the first slider the notebook showed."""
    for comm_id, state in kernel.widgets.items():
        if state.get("_model_name") in SLIDERS and state.get("max", 0) > state.get("min", 0):
            return comm_id, state["min"], state["max"]
    return None


async def _wiggle(kernel: Kernel, seconds: float, period: float = 2.0) -> list[float]:
    """Move the notebook's first slider every ``period`` seconds; the latencies."""
    found = _slider(kernel)
    if found is None:
        return []
    comm_id, low, high = found
    state = kernel.widgets[comm_id]
    integer = state.get("_model_name") == "IntSliderModel"
    latencies = []
    end = time.perf_counter() + seconds
    step = 0
    while time.perf_counter() < end:
        started = time.perf_counter()
        value = low + (high - low) * (0.25 if step % 2 else 0.75)
        latencies.append(await kernel.move(comm_id, round(value) if integer else value))
        step += 1
        await asyncio.sleep(max(0.0, period - (time.perf_counter() - started)))
    return latencies


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


async def lecture(
    hub: Hub, repo: Path, secret: Path, questions: list[Question], size: int, minutes: float
) -> dict[str, object]:
    """One class of ``size`` students: start, pull, Run All at once answering a seeded plan,
    move sliders, then collect and grade; the gradebook is compared with the plan."""
    users = [f"s{size}-{n:03d}" for n in range(size)]
    plan = make_plan(users, questions, seed=size)
    memory = Memory(hub)
    stop = asyncio.Event()
    watcher = asyncio.create_task(memory.watch(stop))
    failures: list[str] = []
    async with hub.client() as client:
        began = time.perf_counter()

        async def arrive(user: str) -> str:
            token = await hub.add_student(client, user)
            await git_pull(client, user, token, f"file://{repo}", BRANCH, TARGET)
            return token

        tokens = dict(zip(users, await asyncio.gather(*(arrive(u) for u in users)), strict=True))
        arrived = time.perf_counter() - began
        load_before = os.getloadavg()[0]
        path = f"{TARGET}/{NOTEBOOK}"
        results = await asyncio.gather(
            *(
                run_notebook(client, u, tokens[u], path, plan.answers[u], keep_kernel=True)
                for u in users
            ),
            return_exceptions=True,
        )
        runs, kernels = [], []
        for user, result in zip(users, results, strict=True):
            if isinstance(result, BaseException):
                failures.append(f"{user}: {result}")
            else:
                runs.append(result[0])
                kernels.append(result[1])
        load_run = os.getloadavg()[0]
        wiggles = await asyncio.gather(*(_wiggle(k, minutes * 60) for k in kernels))
        latencies = [latency for moves in wiggles for latency in moves]
        await asyncio.gather(*(k.stop() for k in kernels), return_exceptions=True)
        stop.set()
        await watcher
        for user in users:
            await hub.api(client, "DELETE", f"/users/{user}/server")
    workdir = repo.parent / f"class-{size}"
    scores = grade(collect(hub, users, workdir / "collected"), users, secret,
                   workdir / "grades", questions)  # fmt: skip
    wrong = sum(scores[u].get(q, 0.0) != s for u in users for q, s in plan.expected[u].items())
    first = [run.first_output for run in runs]
    idle = [run.idle for run in runs]
    peaks = [memory.peaks.get(user, 0.0) for user in users]
    return {
        "students": size,
        "failures": len(failures),
        "arrive s": arrived,
        "first output s (median/p95)": (statistics.median(first), _p95(first)) if runs else None,
        "Run All s (median/p95)": (statistics.median(idle), _p95(idle)) if runs else None,
        "MB per student (median/max)": (statistics.median(peaks), max(peaks)),
        "hub+proxy MB": memory.hub_peak,
        "slider ms (median/p95)": (1000 * statistics.median(latencies), 1000 * _p95(latencies))
        if latencies
        else None,
        "moves": len(latencies),
        "load 1 min (before/after Run All)": (load_before, load_run),
        "graded ≠ plan": wrong,
        "errors": failures[:3],
    }


def _cell(value: object) -> str:
    if isinstance(value, tuple):
        return " / ".join(f"{v:.1f}" if isinstance(v, float) else str(v) for v in value)
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


async def bench(sizes: list[int], minutes: float) -> list[dict[str, object]]:
    """Every class size on one hub (servers of a class are stopped before the next)."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="collabkit-bench-hub-") as scratch:
        workdir = Path(scratch)
        repo, secret = release(workdir)
        questions = course_questions(secret)
        hub = start_hub(workdir / "hub")
        try:
            for size in sizes:
                rows.append(await lecture(hub, repo, secret, questions, size, minutes))
                print(f"  {size} students done", flush=True)
        finally:
            hub.stop()
    return rows


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description="A lecture of students on one JupyterHub.")
    parser.add_argument("--sizes", default="10,20,40", help="class sizes (default 10,20,40)")
    parser.add_argument("--minutes", type=float, default=1.0,
                        help="minutes of slider moves per class (default 1)")  # fmt: skip
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"machine: {os.cpu_count()} cores, "
          f"{psutil.virtual_memory().total / 2**30:.0f} GB memory")  # fmt: skip
    rows = asyncio.run(bench(sizes, args.minutes))
    keys = [key for key in rows[0] if key != "errors"]
    print("\n| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for row in rows:
        print("| " + " | ".join(_cell(row[key]) for key in keys) + " |")
    for row in rows:
        for error in row["errors"]:  # type: ignore[attr-defined]
            print(f"failure ({row['students']} students): {error}")


if __name__ == "__main__":
    main()
