#!/usr/bin/env python3
"""The targets of docs/performance.md over several bench runs (app/bench/run.sh): the
median of each figure and every run's value. python3 medians.py RUN_DIR..."""
import json
import os
import re
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import costs  # noqa: E402

runs = sys.argv[1:]


load = costs.text  # a run's file as text, "" when it is not there


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
    cores = costs.simulation_costs(run, simulation)["cores"]
    total = sum(cores.values())
    return 100 * cores["generator"] / total if total else None


def cost(simulation, unit, process):
    """CPU ms (or commands, transactions) of a process per unit of a simulation."""
    key = {"purchase": "perPurchase", "hold": "perHold"}[unit]
    return lambda r: (costs.simulation_costs(r, simulation)[key] or {}).get(process)


def pair(first, second):
    """Two figures in one row (p50 / p99): the median of each, shown together."""
    return None if first is None or second is None else (first, second)


def ga_pool(run, key):
    pools = (outcome(run, "ga-sale", "places") or {}).get("pools") or []
    return pools[0].get(key) if pools else None


def ga_violations(run):
    places = outcome(run, "ga-sale", "places")
    return None if places is None else len(places.get("violations", []))


def show(value):
    if value is None:
        return "—"
    if isinstance(value, tuple):
        return " / ".join(f"{v:,.0f}" for v in value)
    return f"{value:,.2f}" if isinstance(value, float) and abs(value) < 10 else f"{value:,.0f}"


def median(values):
    present = [v for v in values if v is not None]
    if not present:
        return None
    if isinstance(present[0], tuple):
        return tuple(statistics.median(v[i] for v in present) for i in range(len(present[0])))
    return statistics.median(present)


ROWS = [
    ("pgbench, the SQL of one purchase (tx/s)", pgbench),
    ("confirmed purchases/s, peak (closed model, CONCURRENCY buyers)",
     lambda r: outcome(r, "purchase-peak", "confirmedPurchasesPerSecond")),
    ("no-I/O endpoint, peak (req/s)", baseline),
    ("successful holds/s, peak (closed model)", lambda r: outcome(r, "hold-peak", "successfulHoldsPerSecond")),
    ("70 % of peak: arrival rate (buyers/s)", lambda r: outcome(r, "at-70-percent", "arrivalRatePerSecond")),
    ("70 % of peak: p99 hold (ms)", lambda r: outcome(r, "at-70-percent", "holdP99Ms")),
    ("70 % of peak: p99 purchase (ms)", lambda r: outcome(r, "at-70-percent", "purchaseP99Ms")),
    ("250 % of peak: confirmed purchases/s", lambda r: outcome(r, "at-250-percent", "confirmedPurchasesPerSecond")),
    ("250 % of peak: p99 hold (ms)", lambda r: outcome(r, "at-250-percent", "holdP99Ms")),
    ("250 % of peak: p99 purchase (ms)", lambda r: outcome(r, "at-250-percent", "purchaseP99Ms")),
    ("250 % of peak: holds refused 503 (or failed)",
     lambda r: sum((outcome(r, "at-250-percent", "outcomes") or {}).get(k, 0) for k in ("hold 503", "hold error"))),
    ("250 % of peak: purchases of granted holds refused (no client retries)",
     lambda r: costs.refused_purchases(costs.outcomes(r, "at-250-percent"))),
    ("service CPU per refused request (ms)", costs.refused_ms),
    ("pgbench: PostgreSQL CPU per purchase transaction (ms)", lambda r: costs.pgbench(r)[1]),
    ("no-I/O: service CPU per request (ms)", costs.baseline_ms),
    ("the token's check alone: service CPU per request (ms)", lambda r: costs.floor(r)[0]["token-check"]),
    ("the token and one read: service CPU per request (ms)", lambda r: costs.floor(r)[0]["token-read"]),
    ("the token's check alone ÷ no-I/O request", lambda r: costs.floor(r)[1]["token-check"]),
    ("the token and one read ÷ no-I/O request", lambda r: costs.floor(r)[1]["token-read"]),
    ("purchase peak: service CPU per confirmed buyer (ms)", cost("purchase-peak", "purchase", "service")),
    ("purchase peak: PostgreSQL CPU per confirmed buyer (ms)", cost("purchase-peak", "purchase", "postgres")),
    ("purchase peak: Redis CPU per confirmed buyer (ms)", cost("purchase-peak", "purchase", "redis")),
    ("purchase peak: load generator CPU per confirmed buyer (ms)", cost("purchase-peak", "purchase", "generator")),
    ("purchase peak: Redis commands per confirmed buyer", cost("purchase-peak", "purchase", "redisCommands")),
    ("purchase peak: PostgreSQL transactions per confirmed buyer", cost("purchase-peak", "purchase", "pgTransactions")),
    ("purchase peak: service CPU per confirmed buyer ÷ PostgreSQL's per pgbench transaction",
     lambda r: (cost("purchase-peak", "purchase", "service")(r) / costs.pgbench(r)[1])
     if cost("purchase-peak", "purchase", "service")(r) and costs.pgbench(r)[1] else None),
    ("70 % of peak, all pay: service CPU per confirmed buyer (ms)", cost("at-70-percent", "purchase", "service")),
    ("purchase peak / 70 %: the service's context switches per confirmed buyer",
     lambda r: pair(cost("purchase-peak", "purchase", "serviceSwitches")(r),
                    cost("at-70-percent", "purchase", "serviceSwitches")(r))),
    ("purchase peak / 70 %: the service's system calls per confirmed buyer (perf)",
     lambda r: pair(cost("purchase-peak", "purchase", "serviceSyscalls")(r),
                    cost("at-70-percent", "purchase", "serviceSyscalls")(r))),
    ("hold peak: service CPU per successful hold (ms)", cost("hold-peak", "hold", "service")),
    ("hold peak: service CPU per successful hold ÷ per no-I/O request",
     lambda r: (cost("hold-peak", "hold", "service")(r) / costs.baseline_ms(r))
     if cost("hold-peak", "hold", "service")(r) and costs.baseline_ms(r) else None),
    ("hold peak: service CPU per successful hold ÷ per request with the token and one read",
     lambda r: (costs.floor(r)[0]["hold-peak"] / costs.floor(r)[0]["token-read"])
     if costs.floor(r)[0]["hold-peak"] and costs.floor(r)[0]["token-read"] else None),
    ("general admission peak: confirmed purchases/s", lambda r: outcome(r, "ga-peak", "confirmedPurchasesPerSecond")),
    ("general admission peak: service CPU per confirmed buyer (ms)", cost("ga-peak", "purchase", "service")),
    ("waitlist wave: service CPU per offer bought (ms)", cost("waitlist", "purchase", "service")),
    ("waitlist wave: PostgreSQL CPU per offer bought (ms)", cost("waitlist", "purchase", "postgres")),
    ("slow provider: requests refused at SLOW_RATE", lambda r: costs.refused(costs.outcomes(r, "slow-payment"))
     if costs.outcomes(r, "slow-payment") else None),
    ("slow provider: confirmed purchases/s", lambda r: outcome(r, "slow-payment", "confirmedPurchasesPerSecond")),
    ("slow provider: p99 purchase (ms)", lambda r: outcome(r, "slow-payment", "purchaseP99Ms")),
    ("watchers' fan-out: service CPU per change told to one watcher (µs)", costs.fanout_us),
    ("70 % of peak, usual mix: confirmed purchases/s without watchers",
     lambda r: outcome(r, "unwatched-sale", "confirmedPurchasesPerSecond")),
    ("70 % of peak, usual mix: service CPU per confirmed purchase, seated (ms)",
     lambda r: outcome(r, "unwatched-sale", "serviceCpuMsPerConfirmedPurchase")),
    ("70 % of peak, usual mix, seated: p50 / p99 hold (ms)",
     lambda r: pair(outcome(r, "unwatched-sale", "holdP50Ms"), outcome(r, "unwatched-sale", "holdP99Ms"))),
    ("70 % of peak, usual mix, seated: p50 / p99 purchase (ms)",
     lambda r: pair(outcome(r, "unwatched-sale", "purchaseP50Ms"), outcome(r, "unwatched-sale", "purchaseP99Ms"))),
    ("70 % of peak, usual mix: confirmed purchases/s, general admission",
     lambda r: outcome(r, "ga-sale", "confirmedPurchasesPerSecond")),
    ("70 % of peak, usual mix, general admission: p50 / p99 hold (ms)",
     lambda r: pair(outcome(r, "ga-sale", "holdP50Ms"), outcome(r, "ga-sale", "holdP99Ms"))),
    ("70 % of peak, usual mix, general admission: p50 / p99 purchase (ms)",
     lambda r: pair(outcome(r, "ga-sale", "purchaseP50Ms"), outcome(r, "ga-sale", "purchaseP99Ms"))),
    ("70 % of peak, usual mix: service CPU per confirmed purchase, general admission (ms)",
     lambda r: outcome(r, "ga-sale", "serviceCpuMsPerConfirmedPurchase")),
    ("general admission: places claimed of 10,000 (PostgreSQL)",
     lambda r: ga_pool(r, "claimed")),
    ("general admission: places checks' violations", ga_violations),
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

# Each target judged in each run (costs.targets: the same verdicts as each run's summary),
# and met in every run or not.
judged = [costs.targets(run) for run in runs]
print("| target | median | goal (median) | each run | met in every run |")
print("|---|---|---|---|---|")
for i, (label, _, _, _) in enumerate(judged[0] if judged else []):
    rows = [targets[i] for targets in judged if i < len(targets) and targets[i][0] == label]
    measured = median([row[1] for row in rows])
    goal = median([row[2] for row in rows])
    verdicts = [row[3] for row in rows]
    each = ", ".join(f"{show(row[1])} ({'met' if row[3] else 'not met' if row[3] is not None else '—'})"
                     for row in rows)
    every = "—" if None in verdicts else ("yes" if all(verdicts) else "**no**")
    print(f"| {label} | {show(measured)} | {show(goal)} | {each} | {every} |")
print()

print("| figure | median | runs |")
print("|---|---|---|")
for label, read in ROWS:
    values = [read(run) for run in runs]
    print(f"| {label} | {show(median(values))} | {', '.join(show(v) for v in values)} |")


# The waitlist wave (WaitlistSimulation, docs/performance.md "Waitlist"), where a run has one.
def waitlist(key, nested=None):
    return lambda r: outcome(r, "waitlist", key, nested)


def waitlist_count(name):
    return lambda r: (outcome(r, "waitlist", "outcomes") or {}).get(name, 0) if load(r, "waitlist.outcomes.json") else None


def waitlist_cores(run):
    """The service's CPU over the wave's measured window, from /proc (cpu.tsv)."""
    if not load(run, "waitlist.outcomes.json"):
        return None
    cores = costs.simulation_costs(run, "waitlist")["cores"]
    return 100 * cores["service"] if cores else None


def waitlist_audit_passed(run):
    """1 when the closing audit answered and every invariant held (Gatling's last count of OK audits;
    refusals as busy before it are asked again)."""
    found = re.findall(r"> audit\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|", load(run, "waitlist.gatling.log"))
    return (1 if found[-1][1] == "1" else 0) if found else None


WAITLIST_ROWS = [
    ("offers delivered", waitlist("offers")),
    ("free to offer, p50 (ms)", waitlist("freeToOfferP50Ms")),
    ("free to offer, p99 (ms)", waitlist("freeToOfferP99Ms")),
    ("free to offer after a cancellation, p50 (ms)", waitlist("freeToOfferCancelP50Ms")),
    ("free to offer after a cancellation, p99 (ms)", waitlist("freeToOfferCancelP99Ms")),
    ("free to offer after a hold's expiresAt, p50 (ms)", waitlist("freeToOfferExpiryP50Ms")),
    ("free to offer after a hold's expiresAt, p99 (ms)", waitlist("freeToOfferExpiryP99Ms")),
    ("free to offer, the service's own timer, p50 (ms)", waitlist("serverFreeToOfferP50Ms")),
    ("free to offer, the service's own timer, p99 (ms)", waitlist("serverFreeToOfferP99Ms")),
    ("offer to sale, p50 (ms)", waitlist("offerToSaleP50Ms")),
    ("offer to sale, p99 (ms)", waitlist("offerToSaleP99Ms")),
    ("offers bought", waitlist_count("offer purchase 201")),
    ("offers declined", waitlist_count("offer decline 204")),
    ("offers paid with a refused card", waitlist_count("offer purchase 402")),
    ("offers left to run out", waitlist_count("offer ignored")),
    ("entries still waiting at the end", waitlist("stillWaiting")),
    ("seats an outsider could hold while buyers waited", waitlist_count("public hold 201")),
    ("buyers' checks: violations", waitlist("violations")),
    ("audit passed (1: yes)", waitlist_audit_passed),
    ("service CPU over the measured window (% of one core)", waitlist_cores),
]

if any(load(run, "waitlist.outcomes.json") for run in runs):
    print()
    print("| waitlist figure | median | runs |")
    print("|---|---|---|")
    for label, read in WAITLIST_ROWS:
        values = [read(run) for run in runs]
        present = [v for v in values if v is not None]
        median = statistics.median(present) if present else None
        shown = ", ".join("—" if v is None else f"{v:,.0f}" for v in values)
        print(f"| {label} | {'—' if median is None else f'{median:,.0f}'} | {shown} |")
