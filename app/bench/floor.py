#!/usr/bin/env python3
"""Summarizes a run of the hold's floor (FLOOR_ROUNDS=N app/bench/run.sh): in each round,
the service's CPU per request of the no-I/O request, of the token's check alone and of the
token with one PostgreSQL read (BaselineSimulation -Dprobe), and per hold asked and per
successful hold at the two hold peaks; each as a multiple of the no-I/O request, which
the hold's target is set against (≤ 3 ×). The rounds are interleaved, so a ratio is read
within its round; the medians are over the rounds."""
import json
import os
import re
import statistics
import sys

import costs

out = sys.argv[1]
rounds = sorted(int(name[len("baseline-"):-len(".outcomes.json")]) for name in os.listdir(out)
                if re.fullmatch(r"baseline-\d+\.outcomes\.json", name))
steps = [step for step, _ in costs.FLOOR_STEPS] + ["hold-peak asked", "hold-peak", "hold-peak-chosen asked",
                                                   "hold-peak-chosen"]
labels = dict(costs.FLOOR_STEPS, **{
    "hold-peak": "a successful hold, hold peak (closed model, 64 buyers; half name seats, half ask the best)",
    "hold-peak asked": "a hold asked, granted or refused, hold peak",
    "hold-peak-chosen": "a successful hold, hold peak, every buyer naming seats",
    "hold-peak-chosen asked": "a hold asked, granted or refused, hold peak, every buyer naming seats"})


def fmt(value, digits=2):
    return "—" if value is None else f"{value:.{digits}f}"


def median(values):
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def verdict(simulation):
    """Whether the simulation passed (its closing audit included), from run.sh's run.json."""
    text = costs.text(out, f"{simulation}.run.json")
    if not text:
        return "—"
    return "passed" if json.loads(text).get("status") == 0 else "**FAILED**"


machine = costs.text(out, "run.log").split("machine: ", 1)[-1].splitlines()[0] \
    if "machine: " in costs.text(out, "run.log") else "?"
measured = {r: costs.floor(out, f"-{r}") for r in rounds}
print(f"# The hold's floor, run {os.path.basename(out.rstrip('/'))}\n")
print(f"Machine: {machine}. The service's CPU over each step's measured window, from /proc "
      f"(app/bench/cpu.py), per request (per successful hold for the hold peak), in ms, and as a "
      f"multiple of the no-I/O request of the same round.\n")
print("| step | " + " | ".join(f"round {r}" for r in rounds) + " | median |")
print("|---|" + "---|" * (len(rounds) + 1))
for step in steps:
    ms = [measured[r][0][step] for r in rounds]
    ratio = [measured[r][1][step] for r in rounds]
    cells = [f"{fmt(m)} ({fmt(x, 1)} ×)" for m, x in zip(ms, ratio)]
    print(f"| {labels[step]} | " + " | ".join(cells) + f" | {fmt(median(ms))} ({fmt(median(ratio), 1)} ×) |")
for hold in ("hold-peak", "hold-peak-chosen"):
    holds = [costs.outcomes(out, f"{hold}-{r}") for r in rounds]
    if not any(holds):
        continue
    print(f"\n{labels[hold]}: holds granted per round " + ", ".join(f"{h.get('successfulHolds', 0):,}" for h in holds)
          + "; refused, by answer: "
          + "; ".join(", ".join(f"{k} {v:,}" for k, v in sorted(h.get("outcomes", {}).items())
                                if k.startswith("hold") and k != "hold 201") or "none" for h in holds)
          + "; the simulation (its closing audit included): "
          + ", ".join(verdict(f"{hold}-{r}") for r in rounds) + ".")
    over_read = [measured[r][0][hold] / measured[r][0]["token-read"]
                 if measured[r][0][hold] and measured[r][0]["token-read"] else None for r in rounds]
    print(f"Per successful hold ÷ per request with the token and one read: {', '.join(fmt(x) for x in over_read)} "
          f"(median {fmt(median(over_read))}).")
