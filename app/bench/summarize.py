#!/usr/bin/env python3
"""Writes the summary of one bench run (app/bench/run.sh) as Markdown, from its folder."""
import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import costs  # noqa: E402

out = sys.argv[1]


def path(name):
    return os.path.join(out, name)


def load(name):
    try:
        with open(path(name)) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def text(name):
    try:
        with open(path(name)) as f:
            return f.read()
    except OSError:
        return ""


def fmt(value, digits=0):
    return "—" if value is None else f"{value:,.{digits}f}"


def verdict(ok):
    return "—" if ok is None else ("met" if ok else "**not met**")


machine = text("run.log").split("machine: ", 1)[-1].splitlines()[0] if "machine: " in text("run.log") else "?"

print(f"# Bench run {os.path.basename(out.rstrip('/'))}\n")
print(f"Machine: {machine}. PostgreSQL, Redis, the service (-Xmx512m) and the load generator on it.\n")
settle = costs.outcomes(out, "purchase-peak").get("settleSeconds", 0)
if settle:
    print(f"The measured simulations ran {settle} s first that were not counted: the load generator's fresh JVM "
          f"compiles its own code then (see docs/performance.md).\n")
print("| target | measured | goal | |")
print("|---|---|---|---|")
for label, measured, goal, ok in costs.targets(out):
    print(f"| {label} | {fmt(measured, 2 if isinstance(measured, float) and measured < 10 else 0)} "
          f"| {fmt(goal, 2 if isinstance(goal, float) and goal < 10 else 0)} | {verdict(ok)} |")
print()

print("CPU per unit of work over each measured window, from /proc (ms; app/bench/cpu.py), and the Redis "
      "commands and PostgreSQL transactions per unit:\n")
print("| simulation | per | " + " | ".join(costs.PROCESSES) + " | Redis commands | PostgreSQL transactions |")
print("|---|---|" + "---|" * (len(costs.PROCESSES) + 2))
for simulation, unit, cost in costs.cost_rows(out):
    print(f"| {simulation} | {unit} | " + " | ".join(fmt(cost.get(p), 2) for p in costs.PROCESSES)
          + f" | {fmt(cost.get('redisCommands'), 1)} | {fmt(cost.get('pgTransactions'), 1)} |")
threads = costs.thread_rows(out)
if threads:
    print("\nWhere the service's CPU goes, per confirmed purchase (per request for the baseline): ms by kind "
          "of thread (app/bench/cpu.py), and the context switches and system calls (perf) of all its "
          "threads:\n")
    print("| simulation | " + " | ".join(costs.cpu.THREADS) + " | context switches | system calls |")
    print("|---|" + "---|" * (len(costs.cpu.THREADS) + 2))
    for simulation, cost in threads:
        print(f"| {simulation} | " + " | ".join(fmt(cost.get(k), 2) for k in costs.cpu.THREADS)
              + f" | {fmt(cost.get('serviceSwitches'), 1)} | {fmt(cost.get('serviceSyscalls'), 1)} |")
fanout = costs.fanout_us(out)
print(f"\nWatchers' fan-out: {fmt(fanout, 1)} µs of service CPU per change told to one watcher.\n")

# The flash sale of seats and of general-admission places, same buyers and rate (run.sh).
ga = load("ga-sale.outcomes.json")
unwatched = load("unwatched-sale.outcomes.json")
if ga:
    print(f"Seated and general-admission flash sale, both at {fmt(ga.get('arrivalRatePerSecond'), 1)} buyers/s "
          f"(the usual mix):\n")
    print("| | seated (15,000 seats) | general admission (one pool of 10,000) |")
    print("|---|---|---|")
    for label, key, digits in [("confirmed purchases/s", "confirmedPurchasesPerSecond", 1),
                               ("p50 / p99 hold (ms)", ("holdP50Ms", "holdP99Ms"), 0),
                               ("p50 / p99 purchase (ms)", ("purchaseP50Ms", "purchaseP99Ms"), 0),
                               ("service CPU per confirmed purchase (ms)", "serviceCpuMsPerConfirmedPurchase", 1)]:
        def cell(measured):
            if isinstance(key, tuple):
                return " / ".join(fmt(measured.get(k), digits) for k in key)
            return fmt(measured.get(key), digits)
        print(f"| {label} | {cell(unwatched)} | {cell(ga)} |")
    pools = ga.get("places", {}).get("pools", [])
    violations = ga.get("places", {}).get("violations", [])
    for pool in pools:
        print(f"\nPool {pool['name']}: {pool['claimed']:,} of {pool['capacity']:,} places claimed in PostgreSQL, "
              f"{pool['validTicketsWithoutSeat']:,} valid tickets without a seat of confirmed orders, "
              f"{pool['claimedByOrdersNotConfirmed']} claimed by orders not confirmed; the buyers bought "
              f"{pool['placesBought']:,} ({pool['placesInDoubt']} in doubt).")
    print(f"\nPlaces checks: {'passed' if pools and not violations else 'FAILED: ' + '; '.join(violations)}.\n")

for run_file in sorted(glob.glob(path("*.run.json")), key=os.path.getmtime):
    run = load(os.path.basename(run_file))
    name = run["name"]
    print(f"## {name}\n")
    print(f"- exit status {run['status']} ({'passed' if run['status'] == 0 else 'FAILED'}), "
          f"{run['seconds']:.0f} s including set-up")
    cores = costs.simulation_costs(out, name)["cores"]
    if cores:
        print("- cores used over the measured window: " + ", ".join(f"{p} {cores[p]:.2f}" for p in costs.PROCESSES))
    measured = load(f"{name}.outcomes.json")
    for key, value in measured.items():
        if key in ("simulation", "outcomes", "watchers", "places"):
            continue
        print(f"- {key}: {fmt(value, 1) if isinstance(value, float) else value}")
    if "outcomes" in measured:
        print("- answers: " + ", ".join(f"{k}: {v}" for k, v in measured["outcomes"].items()))
    if "watchers" in measured:
        print("- watchers: " + ", ".join(f"{k}: {v}" for k, v in measured["watchers"].items()))
    requests = costs.gatling_stats(run.get("report", ""), measured)
    if requests:
        print("\nGatling's own record (its simulation.log), requests started in the measured window:\n")
        print("| request | OK | KO | p50 (ms) | p99 (ms) | req/s | most frequent errors |")
        print("|---|---|---|---|---|---|---|")
        for request, f in requests.items():
            errors = "; ".join(f"{m or '(no message)'} × {n}" for m, n in f["errors"])
            print(f"| {request} | {fmt(f['ok'])} | {fmt(f['ko'])} | {fmt(f['p50'])} | {fmt(f['p99'])} "
                  f"| {fmt(f['rps'], 1)} | {errors.replace('|', '/')} |")
    print()
