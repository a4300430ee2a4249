#!/usr/bin/env python3
"""Writes the summary of one bench run (app/bench/run.sh) as Markdown, from its folder."""
import glob
import json
import os
import re
import sys

out = sys.argv[1]


def load(path):
    with open(path) as f:
        return json.load(f)


print(f"# Bench run {os.path.basename(out)}\n")
with open(os.path.join(out, "run.log")) as f:
    print("Machine: " + f.readline().split("machine: ", 1)[-1].strip() + "\n")

pgbench = open(os.path.join(out, "pgbench.txt")).read() if os.path.exists(os.path.join(out, "pgbench.txt")) else ""
tps = re.search(r"tps = ([0-9.]+)", pgbench)
print(f"pgbench, the SQL of one purchase (8 clients): **{float(tps.group(1)):.0f} purchases/s**\n" if tps
      else "pgbench: no result (see pgbench.txt)\n")

heap = [int(x) for x in open(os.path.join(out, "heap.txt")).read().split()] if os.path.exists(
    os.path.join(out, "heap.txt")) else []
if heap:
    print(f"Service heap used: peak {max(heap) / 2**20:.0f} MB over {len(heap)} samples (limit -Xmx512m)\n")

for run_file in sorted(glob.glob(os.path.join(out, "*.run.json")), key=os.path.getmtime):
    run = load(run_file)
    name = run["name"]
    ticks = run["ticksPerSecond"] * run["seconds"]
    print(f"## {name}\n")
    print(f"- exit status {run['status']} ({'passed' if run['status'] == 0 else 'FAILED'}), "
          f"{run['seconds']:.0f} s including set-up")
    total = run["generatorTicks"] + run["appTicks"]
    if total:
        print(f"- CPU: load generator {run['generatorTicks'] / ticks:.2f} cores, service "
              f"{run['appTicks'] / ticks:.2f} cores (generator share {run['generatorTicks'] / total:.0%})")
    outcomes = os.path.join(out, f"{name}.outcomes.json")
    if os.path.exists(outcomes):
        measured = load(outcomes)
        for key in ("confirmedPurchasesPerSecond", "successfulHoldsPerSecond"):
            if key in measured:
                print(f"- {key}: {measured[key]:.1f}")
        if "outcomes" in measured:
            print("- answers: " + ", ".join(f"{k}: {v}" for k, v in measured["outcomes"].items()))
        if "watchers" in measured:
            print("- watchers: " + ", ".join(f"{k}: {v}" for k, v in measured["watchers"].items()))
    log = open(os.path.join(out, f"{name}.gatling.log")).read()
    blocks = log.split("---- Global Information")
    if len(blocks) > 1:
        print("\n```\n---- Global Information" + blocks[-1].split("Reports generated")[0].rstrip() + "\n```")
    print()
