#!/usr/bin/env python3
"""The targets of docs/performance.md over several bench runs (app/bench/run.sh): the
median of each figure and every run's value. python3 medians.py RUN_DIR..."""
import json
import os
import re
import statistics
import sys

runs = sys.argv[1:]


def load(run, name):
    try:
        with open(os.path.join(run, name)) as f:
            return f.read()
    except OSError:
        return ""


def outcome(run, simulation, key, nested=None):
    text = load(run, f"{simulation}.outcomes.json")
    if not text:
        return None
    value = json.loads(text)
    value = value.get(nested, {}) if nested else value
    return value.get(key)


def pgbench(run):
    found = re.search(r"tps = ([0-9.]+)", load(run, "pgbench.txt"))
    return float(found.group(1)) if found else None


def baseline(run):
    # Counted over the measured part (-Dsettle), where the run wrote it; else Gatling's figure.
    counted = outcome(run, "baseline", "requestsPerSecond")
    if counted:
        return counted
    found = re.findall(r"> mean throughput \(rps\)\s*\|\s*[\d,.]+\s*\|\s*([\d,.]+)", load(run, "baseline.gatling.log"))
    return float(found[-1].replace(",", "")) if found else None


def heap(run):
    samples = [int(x) for x in load(run, "heap.txt").split()]
    return max(samples) / 2**20 if samples else None


def drop(run):
    watched = outcome(run, "watched-sale", "confirmedPurchasesPerSecond")
    unwatched = outcome(run, "unwatched-sale", "confirmedPurchasesPerSecond")
    return None if not unwatched or watched is None else 100 * (1 - watched / unwatched)


def generator_share(run, simulation):
    text = load(run, f"{simulation}.run.json")
    if not text:
        return None
    measured = json.loads(text)
    total = measured["generatorTicks"] + measured["appTicks"]
    return 100 * measured["generatorTicks"] / total if total else None


ROWS = [
    ("pgbench, the SQL of one purchase (tx/s)", pgbench),
    ("confirmed purchases/s, peak (closed model, CONCURRENCY buyers)",
     lambda r: outcome(r, "purchase-peak", "confirmedPurchasesPerSecond")),
    ("no-I/O endpoint, peak (req/s)", baseline),
    ("successful holds/s, peak (closed model)", lambda r: outcome(r, "hold-peak", "successfulHoldsPerSecond")),
    ("70 % of peak: arrival rate (buyers/s)", lambda r: outcome(r, "at-70-percent", "arrivalRatePerSecond")),
    ("70 % of peak: p99 hold (ms)", lambda r: outcome(r, "at-70-percent", "holdP99Ms")),
    ("70 % of peak: p99 purchase (ms)", lambda r: outcome(r, "at-70-percent", "purchaseP99Ms")),
    ("200 % of peak: confirmed purchases/s", lambda r: outcome(r, "at-200-percent", "confirmedPurchasesPerSecond")),
    ("200 % of peak: p99 hold (ms)", lambda r: outcome(r, "at-200-percent", "holdP99Ms")),
    ("200 % of peak: p99 purchase (ms)", lambda r: outcome(r, "at-200-percent", "purchaseP99Ms")),
    ("200 % of peak: holds refused 503", lambda r: (outcome(r, "at-200-percent", "outcomes") or {}).get("hold error")),
    ("200 % of peak: purchases refused 503 and asked again",
     lambda r: (outcome(r, "at-200-percent", "outcomes") or {}).get("purchase 503 retried", 0)),
    ("70 % of peak, usual mix: confirmed purchases/s without watchers",
     lambda r: outcome(r, "unwatched-sale", "confirmedPurchasesPerSecond")),
    ("70 % of peak, usual mix: confirmed purchases/s with 2,000 watchers",
     lambda r: outcome(r, "watched-sale", "confirmedPurchasesPerSecond")),
    ("2,000 watchers: delivery lag p99 (ms)", lambda r: outcome(r, "watched-sale", "lagP99Ms", "watchers")),
    ("2,000 watchers: delivery lag p50 (ms)", lambda r: outcome(r, "watched-sale", "lagP50Ms", "watchers")),
    ("purchases/s without / with watchers: drop (%)", drop),
    ("load generator's share of CPU, watched sale (%)", lambda r: generator_share(r, "watched-sale")),
    ("hot seats: seats sold of 100 (10,000 attempts)", lambda r: (outcome(r, "hot-seats", "outcomes") or {}).get("purchase 201")),
    ("hot seats: p99 hold (ms)", lambda r: outcome(r, "hot-seats", "holdP99Ms")),
    ("service heap, peak (MB)", heap),
]

print("| figure | median | runs |")
print("|---|---|---|")
for label, read in ROWS:
    values = [read(run) for run in runs]
    present = [v for v in values if v is not None]
    median = statistics.median(present) if present else None
    shown = ", ".join("—" if v is None else f"{v:,.0f}" for v in values)
    print(f"| {label} | {'—' if median is None else f'{median:,.0f}'} | {shown} |")
