#!/usr/bin/env python3
"""Writes the summary of one bench run (app/bench/run.sh) as Markdown, from its folder."""
import glob
import json
import os
import re
import sys

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


def global_ok_rps(name):
    """The OK column of Gatling's closing 'mean throughput (rps)' line."""
    lines = re.findall(r"> mean throughput \(rps\)\s*\|\s*([\d,.]+)\s*\|\s*([\d,.-]+)", text(f"{name}.gatling.log"))
    return float(lines[-1][1].replace(",", "")) if lines and lines[-1][1] != "-" else None


def fmt(value, digits=0):
    return "—" if value is None else f"{value:,.{digits}f}"


def verdict(ok):
    return "—" if ok is None else ("met" if ok else "**not met**")


machine = text("run.log").split("machine: ", 1)[-1].splitlines()[0] if "machine: " in text("run.log") else "?"
tps = re.search(r"tps = ([0-9.]+)", text("pgbench.txt"))
pgbench = float(tps.group(1)) if tps else None
heap = [int(x) for x in text("heap.txt").split()]
# Counted over the measured part (-Dsettle); Gatling's own figure covers the whole run.
baseline = load("baseline.outcomes.json").get("requestsPerSecond") or global_ok_rps("baseline")
hold_peak = load("hold-peak.outcomes.json")
purchase_peak = load("purchase-peak.outcomes.json")
at70 = load("at-70-percent.outcomes.json")
at200 = load("at-200-percent.outcomes.json")
unwatched = load("unwatched-sale.outcomes.json")
watched = load("watched-sale.outcomes.json")
lag = watched.get("watchers", {})

holds_per_s = hold_peak.get("successfulHoldsPerSecond")
purchases_per_s = purchase_peak.get("confirmedPurchasesPerSecond")
useful_200 = at200.get("confirmedPurchasesPerSecond")
drop = None
if unwatched.get("confirmedPurchasesPerSecond") and watched.get("confirmedPurchasesPerSecond") is not None:
    drop = 1 - watched["confirmedPurchasesPerSecond"] / unwatched["confirmedPurchasesPerSecond"]

print(f"# Bench run {os.path.basename(out.rstrip('/'))}\n")
print(f"Machine: {machine}. PostgreSQL, Redis, the service (-Xmx512m) and the load generator on it.\n")
settle = purchase_peak.get("settleSeconds", 0)
if settle:
    print(f"The measured simulations ran {settle} s first that were not counted: the load generator's fresh JVM "
          f"compiles its own code then (see docs/performance.md).\n")
print("| target | measured | goal | |")
print("|---|---|---|---|")
print(f"| confirmed purchases/s (closed model, {purchase_peak.get('concurrency', '?')} buyers) | {fmt(purchases_per_s)} "
      f"| ≥ 0.5 × pgbench {fmt(pgbench)} = {fmt(pgbench and pgbench / 2)} "
      f"| {verdict(None if None in (purchases_per_s, pgbench) else purchases_per_s >= pgbench / 2)} |")
print(f"| successful holds/s (closed model) | {fmt(holds_per_s)} | ≥ 0.5 × no-I/O {fmt(baseline)} req/s = "
      f"{fmt(baseline and baseline / 2)} | {verdict(None if None in (holds_per_s, baseline) else holds_per_s >= baseline / 2)} |")
print(f"| p99 hold at 70 % of peak ({fmt(at70.get('arrivalRatePerSecond'), 1)} buyers/s) | {fmt(at70.get('holdP99Ms'))} ms "
      f"| ≤ 50 ms | {verdict(None if at70.get('holdP99Ms') is None else at70['holdP99Ms'] <= 50)} |")
print(f"| p99 purchase at 70 % of peak | {fmt(at70.get('purchaseP99Ms'))} ms | ≤ 100 ms "
      f"| {verdict(None if at70.get('purchaseP99Ms') is None else at70['purchaseP99Ms'] <= 100)} |")
print(f"| confirmed purchases/s at 200 % of peak ({fmt(at200.get('arrivalRatePerSecond'), 1)} buyers/s) "
      f"| {fmt(useful_200)} | ≥ 90 % of {fmt(purchases_per_s)} "
      f"| {verdict(None if None in (useful_200, purchases_per_s) else useful_200 >= 0.9 * purchases_per_s)} |")
print(f"| p99 hold / purchase at 200 % (refusals included) | {fmt(at200.get('holdP99Ms'))} / "
      f"{fmt(at200.get('purchaseP99Ms'))} ms | fast refusals | — |")
print(f"| delivery lag p99, {lag.get('connected', '?')} of {lag.get('watchers', '?')} watchers connected "
      f"| {fmt(lag.get('lagP99Ms'))} ms | ≤ 250 ms "
      f"| {verdict(None if lag.get('lagP99Ms') is None else lag['lagP99Ms'] <= 250 and lag.get('connected') == lag.get('watchers'))} |")
print(f"| purchases/s with watchers vs without | {fmt(watched.get('confirmedPurchasesPerSecond'), 1)} vs "
      f"{fmt(unwatched.get('confirmedPurchasesPerSecond'), 1)} (drop {fmt(drop and drop * 100, 1)} %) | drop ≤ 10 % "
      f"| {verdict(None if drop is None else drop <= 0.10)} |")
print(f"| service heap, peak of {len(heap)} one-second samples | {fmt(max(heap) / 2**20 if heap else None)} MB | < 512 MB "
      f"| {verdict(None if not heap else max(heap) < 512 * 2**20)} |")
print()

# The flash sale of seats and of general-admission places, same buyers and rate (run.sh).
ga = load("ga-sale.outcomes.json")
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
    ticks = run["ticksPerSecond"] * run["seconds"]
    print(f"## {name}\n")
    print(f"- exit status {run['status']} ({'passed' if run['status'] == 0 else 'FAILED'}), "
          f"{run['seconds']:.0f} s including set-up")
    total = run["generatorTicks"] + run["appTicks"]
    if total:
        print(f"- CPU over the run: load generator {run['generatorTicks'] / ticks:.2f} cores, service "
              f"{run['appTicks'] / ticks:.2f} cores (generator share {run['generatorTicks'] / total:.0%})")
    measured = load(f"{name}.outcomes.json")
    for key, value in measured.items():
        if key in ("simulation", "outcomes", "watchers", "places"):
            continue
        print(f"- {key}: {fmt(value, 1) if isinstance(value, float) else value}")
    if "outcomes" in measured:
        print("- answers: " + ", ".join(f"{k}: {v}" for k, v in measured["outcomes"].items()))
    if "watchers" in measured:
        print("- watchers: " + ", ".join(f"{k}: {v}" for k, v in measured["watchers"].items()))
    blocks = text(f"{name}.gatling.log").split("---- Global Information")
    if len(blocks) > 1:
        print("\n```\n---- Global Information" + blocks[-1].split("Reports generated")[0].rstrip() + "\n```")
    print()
