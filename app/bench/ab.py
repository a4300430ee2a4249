#!/usr/bin/env python3
"""The summary of an interleaved A/B run (app/bench/ab.sh) as Markdown, from its folder:
each measured window's figures per confirmed buyer, then each round's B ÷ A and the
median of the rounds. Within a round the two windows are a minute apart, so the ratio
is what compares; the figures themselves move with the machine.

    ab.py FOLDER
"""
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import costs  # noqa: E402
import cpu  # noqa: E402


def fmt(value, digits=2):
    return "—" if value is None else f"{value:,.{digits}f}"


def window(run, name, side):
    """The figures of one measured window, per confirmed buyer (CPU in ms)."""
    measured = costs.outcomes(run, name)
    if not measured.get("windowFromEpochMs"):
        return None
    cost = costs.per(costs.cpu_seconds(run, measured, f"cpu-{side}.tsv"), measured.get("confirmedPurchases")) or {}
    watchers = measured.get("watchers") or {}
    return {"confirmed/s": measured.get("confirmedPurchasesPerSecond"), "p99 hold": measured.get("holdP99Ms"),
            "p99 purchase": measured.get("purchaseP99Ms"), "refused": costs.refused(measured),
            "p99 lag": watchers.get("lagP99Ms"), **cost}


COLUMNS = [("confirmed/s", 1), ("p99 hold", 0), ("p99 purchase", 0), ("refused", 0), ("p99 lag", 0), ("service", 2),
           ("postgres", 2), ("redis", 2), ("generator", 2), ("serviceSwitches", 1), ("serviceSyscalls", 1)]
COLUMNS += [(kind, 2) for kind in cpu.THREADS]
COMPARED = ["confirmed/s", "service", "serviceSwitches", "serviceSyscalls", "postgres", "p99 hold", "p99 purchase",
            "p99 lag"]


def main(run):
    sides = {}
    try:
        with open(os.path.join(run, "sides.tsv")) as f:
            for line in f:
                side, jvm, args, java = (line.rstrip("\n").split("\t") + ["", "", ""])[:4]
                sides[side] = (f"{java + ', ' if java else ''}"
                               f"JVM `{jvm or '(as is)'}`, service `{args or '(as is)'}`")
    except OSError:
        pass
    log = costs.text(run, "run.log")
    machine = log.split("machine: ", 1)[1].splitlines()[0] if "machine: " in log else "?"
    print(f"# A/B run {os.path.basename(run.rstrip('/'))}\n")
    print(f"Machine: {machine}. Both services, PostgreSQL, Redis and the load generator on it.\n")
    for side in ("A", "B"):
        print(f"- {side}: {sides.get(side, '?')}")
    rounds = sorted({int(name[5:name.index("-")]) for name in os.listdir(run)
                     if name.startswith("round") and name.endswith(".outcomes.json")})
    print("\nEach window: the figures per confirmed buyer (CPU in ms, from /proc; context switches and "
          "system calls (perf) of the service's threads; the service's CPU by kind of thread):\n")
    print("| round | side | " + " | ".join(name for name, _ in COLUMNS) + " |")
    print("|---|---|" + "---|" * len(COLUMNS))
    ratios = {key: [] for key in COMPARED}
    for r in rounds:
        figures = {side: window(run, f"round{r}-{side}", side) for side in ("A", "B")}
        for side in ("A", "B"):
            f = figures[side] or {}
            print(f"| {r} | {side} | " + " | ".join(fmt(f.get(name), digits) for name, digits in COLUMNS) + " |")
        a, b = figures["A"] or {}, figures["B"] or {}
        for key in COMPARED:
            if a.get(key) and b.get(key) is not None:
                ratios[key].append(b[key] / a[key])
    print("\nB ÷ A, each round, and the median of the rounds:\n")
    print("| per confirmed buyer | " + " | ".join(f"round {r}" for r in rounds) + " | median |")
    print("|---|" + "---|" * (len(rounds) + 1))
    for key in COMPARED:
        values = ratios[key]
        if not values and key == "p99 lag":
            continue  # no watchers in this run
        cells = [fmt(v) for v in values] + ["—"] * (len(rounds) - len(values))
        print(f"| {key} | " + " | ".join(cells) + f" | {fmt(statistics.median(values) if values else None)} |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
