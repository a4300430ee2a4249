"""What a bench run (app/bench/run.sh) cost, per unit of work, and the targets of
docs/performance.md judged on it. Used by summarize.py (one run) and medians.py (several).

Every measured simulation reports the wall-clock window it counted (windowFromEpochMs,
windowToEpochMs, from ServiceCpu); cpu.py's samples of /proc give each process's CPU over
that window: the service, PostgreSQL, Redis and the load generator. Divided by what the
window confirmed and held, they are the costs. pgbench's window gives PostgreSQL's CPU per
purchase transaction without the service; the no-I/O baseline's gives the service's CPU
per request that touches nothing.
"""
import functools
import json
import os
import re

import cpu
import gatling

PROCESSES = cpu.PROCESSES


def text(run, name):
    try:
        with open(os.path.join(run, name)) as f:
            return f.read()
    except OSError:
        return ""


def outcomes(run, simulation):
    try:
        return json.loads(text(run, f"{simulation}.outcomes.json") or "{}")
    except ValueError:
        return {}


def cpu_seconds(run, window, samples="cpu.tsv"):
    """{process: CPU seconds} over a window ({} when there is none), from the run's
    samples (cpu.tsv; an A/B run has one file a side)."""
    if not window.get("windowFromEpochMs") or not window.get("windowToEpochMs"):
        return {}
    return cpu.window(os.path.join(run, samples), window["windowFromEpochMs"], window["windowToEpochMs"])


def per(seconds, count):
    """Milliseconds of CPU per unit (and Redis commands, PostgreSQL transactions per
    unit); None without units."""
    if not seconds or not count:
        return None
    return {k: (v if k in cpu.COUNTERS else 1000 * v) / count for k, v in seconds.items()}


def simulation_costs(run, simulation):
    """CPU ms of each process per confirmed purchase and per successful hold of a run."""
    measured = outcomes(run, simulation)
    seconds = cpu_seconds(run, measured)
    window_s = ((measured.get("windowToEpochMs") or 0) - (measured.get("windowFromEpochMs") or 0)) / 1000
    return {
        "seconds": seconds,
        "cores": {k: seconds[k] / window_s for k in PROCESSES if k in seconds} if window_s > 0 else {},
        "perPurchase": per(seconds, measured.get("confirmedPurchases")),
        "perHold": per(seconds, measured.get("successfulHolds")),
    }


def pgbench(run):
    """pgbench's purchase transactions/s, and PostgreSQL's CPU ms per transaction."""
    tps = re.search(r"tps = ([0-9.]+)", text(run, "pgbench.txt"))
    done = re.search(r"number of transactions actually processed: (\d+)", text(run, "pgbench.txt"))
    try:
        window = json.loads(text(run, "pgbench.window.json") or "{}")
    except ValueError:
        window = {}
    seconds = cpu_seconds(run, window)
    cost = per(seconds, int(done.group(1)) if done else None)
    return (float(tps.group(1)) if tps else None), (cost or {}).get("postgres")


def baseline_ms(run, simulation="baseline"):
    """The service's CPU ms per request of a BaselineSimulation: by default the no-I/O
    request's; token-check's and token-read's are the probes (BaselineSimulation -Dprobe)."""
    measured = outcomes(run, simulation)
    return (per(cpu_seconds(run, measured), measured.get("requests")) or {}).get("service")


# The hold's floor: what a request pays before its feature, measured in steps
# (BaselineSimulation -Dprobe), beside the hold itself.
FLOOR_STEPS = [("baseline", "no-I/O request"),
               ("token-check", "the token's check alone (one Redis call, a 404)"),
               ("token-read", "the token and one PostgreSQL read (GET /api/me)")]


@functools.lru_cache(maxsize=None)
def floor(run, suffix=""):
    """{step: service CPU ms per request (per successful hold for the hold peaks)} of one
    round of the floor's steps (run.sh; suffix "-N" in FLOOR_ROUNDS's rounds), with each
    as a multiple of the no-I/O request. Read once per run and round (medians.py asks
    for it row by row); the caller must not change what it returns."""
    found = {step: baseline_ms(run, step + suffix) for step, _ in FLOOR_STEPS}
    for hold in ("hold-peak", "hold-peak-chosen"):
        found[hold] = (simulation_costs(run, hold + suffix)["perHold"] or {}).get("service")
        # Per hold asked, granted or refused (a buyer at its bound is refused 409): a
        # request, as the probes count them.
        measured = outcomes(run, hold + suffix)
        found[hold + " asked"] = (per(cpu_seconds(run, measured), measured.get("holdCount")) or {}).get("service")
    no_io = found["baseline"]
    ratios = {step: (ms / no_io if ms and no_io else None) for step, ms in found.items()}
    return found, ratios


def refused(measured):
    counts = measured.get("outcomes", {})
    return (counts.get("hold 503", 0) + counts.get("hold error", 0) + counts.get("purchase error", 0)
            + counts.get("purchase 503 retried", 0))


def refused_ms(run):
    """The service's CPU ms per refused request, measured: the refusal simulation asks
    GET /api/me back to back while admission control is held past its limit, and every
    answer is a 503 (BaselineSimulation -Drefusals)."""
    measured = outcomes(run, "refusal")
    return (per(cpu_seconds(run, measured), measured.get("requests")) or {}).get("service")


def fanout_us(run):
    """The watchers' cost: the service's CPU more than the unwatched sale's, in µs per
    delivery (one change, a seat held, released or sold, told to one watcher)."""
    watched, unwatched = outcomes(run, "watched-sale"), outcomes(run, "unwatched-sale")
    a, b = cpu_seconds(run, watched).get("service"), cpu_seconds(run, unwatched).get("service")
    deliveries = watched.get("watchers", {}).get("lagCount")
    if None in (a, b) or not deliveries:
        return None
    return 1e6 * max(0.0, a - b) / deliveries


def heap_mb(run):
    """Peak heap, and the peak of the first and of the last third of the samples, of the
    service that ran everything but the slow-payment step (heap.txt; the restarted one
    writes heap1.txt)."""
    samples = [int(x) for x in text(run, "heap.txt").split()]
    if len(samples) < 3:
        return None, None, None
    third = len(samples) // 3
    return (max(samples) / 2**20, max(samples[:third]) / 2**20, max(samples[-third:]) / 2**20)


def targets(run):
    """(target, measured, goal, met) for each target of docs/performance.md, in one run."""
    pg_tps, pg_ms = pgbench(run)
    peak = outcomes(run, "purchase-peak")
    peak_cost = (simulation_costs(run, "purchase-peak")["perPurchase"] or {}).get("service")
    hold_cost = (simulation_costs(run, "hold-peak")["perHold"] or {}).get("service")
    no_io = baseline_ms(run)
    at70, over = outcomes(run, "at-70-percent"), outcomes(run, "at-250-percent")
    watched, unwatched = outcomes(run, "watched-sale"), outcomes(run, "unwatched-sale")
    slow = outcomes(run, "slow-payment")
    ga_peak = outcomes(run, "ga-peak")
    lag = watched.get("watchers", {})
    refusal = refused_ms(run)
    peak_rate = peak.get("confirmedPurchasesPerSecond")
    over_rate = over.get("confirmedPurchasesPerSecond")
    drop = None
    if unwatched.get("confirmedPurchasesPerSecond") and watched.get("confirmedPurchasesPerSecond") is not None:
        drop = 100 * (1 - watched["confirmedPurchasesPerSecond"] / unwatched["confirmedPurchasesPerSecond"])
    heap, heap_first, heap_last = heap_mb(run)

    def judged(*values, ok):
        return None if any(v is None for v in values) else ok()

    return [
        ("service CPU per confirmed buyer, peak (ms) ≤ PostgreSQL's per pgbench purchase", peak_cost,
         pg_ms, judged(peak_cost, pg_ms, ok=lambda: peak_cost <= pg_ms)),
        ("service CPU per successful hold, hold peak (ms) ≤ 3 × per no-I/O request", hold_cost,
         no_io and 3 * no_io, judged(hold_cost, no_io, ok=lambda: hold_cost <= 3 * no_io)),
        ("confirmed purchases/s at 250 % ≥ 90 % of the peak's", over_rate, peak_rate and 0.9 * peak_rate,
         judged(over_rate, peak_rate, ok=lambda: over_rate >= 0.9 * peak_rate)),
        ("service CPU per refused request (ms) ≤ per no-I/O request", refusal, no_io,
         judged(refusal, no_io, ok=lambda: refusal <= no_io)),
        ("purchases of granted holds refused at 250 %", refused_purchases(over), 0,
         judged(refused_purchases(over), ok=lambda: refused_purchases(over) == 0)),
        # One label in every run, whatever its rate, so that medians.py joins the runs.
        ("requests refused at SLOW_RATE with a slow provider", refused(slow) if slow else None,
         0, judged(slow or None, ok=lambda: refused(slow) == 0)),
        ("p99 hold at 70 % (ms)", at70.get("holdP99Ms"), 25,
         judged(at70.get("holdP99Ms"), ok=lambda: at70["holdP99Ms"] <= 25)),
        ("p99 purchase at 70 % (ms)", at70.get("purchaseP99Ms"), 50,
         judged(at70.get("purchaseP99Ms"), ok=lambda: at70["purchaseP99Ms"] <= 50)),
        (f"delivery lag p99, {lag.get('connected', '?')} of {lag.get('watchers', '?')} watchers (ms)",
         lag.get("lagP99Ms"), 250, judged(lag.get("lagP99Ms"), ok=lambda: lag["lagP99Ms"] <= 250
                                          and lag.get("connected") == lag.get("watchers"))),
        ("purchases/s drop with watchers (%)", drop, 10, judged(drop, ok=lambda: drop <= 10)),
        ("general admission peak ≥ seated peak (confirmed purchases/s)",
         ga_peak.get("confirmedPurchasesPerSecond"), peak_rate,
         judged(ga_peak.get("confirmedPurchasesPerSecond"), peak_rate,
                ok=lambda: ga_peak["confirmedPurchasesPerSecond"] >= peak_rate)),
        ("service heap, peak (MB) ≤ 512", heap, 512, judged(heap, ok=lambda: heap <= 512)),
        ("service heap, last third's peak ≤ 1.2 × first third's (MB)", heap_last, heap_first and 1.2 * heap_first,
         judged(heap_last, heap_first, ok=lambda: heap_last <= 1.2 * heap_first)),
    ]


def refused_purchases(measured):
    if not measured:
        return None
    counts = measured.get("outcomes", {})
    return counts.get("purchase error", 0) + counts.get("purchase 503 retried", 0)


COSTED = ["baseline", "purchase-peak", "hold-peak", "ga-peak", "at-70-percent", "at-250-percent",
          "unwatched-sale", "ga-sale", "watched-sale", "slow-payment", "waitlist"]


def cost_rows(run):
    """(simulation, unit, {process: ms}) for every costed simulation of the run."""
    rows = []
    _, pg_ms = pgbench(run)
    if pg_ms is not None:
        rows.append(("pgbench, the purchase SQL", "transaction", {"postgres": pg_ms}))
    for simulation, label in FLOOR_STEPS:
        measured = outcomes(run, simulation)
        cost = per(cpu_seconds(run, measured), measured.get("requests"))
        if cost:
            rows.append((f"{simulation} ({label})", "request", cost))
    for simulation in COSTED[1:]:
        costs = simulation_costs(run, simulation)
        if costs["perPurchase"]:
            # The waitlist wave's unit is an offer bought: its window holds the
            # cancellations, expiries, offers and declines that led to them.
            unit = "offer bought" if simulation == "waitlist" else "confirmed purchase"
            rows.append((simulation, unit, costs["perPurchase"]))
        if costs["perHold"] and simulation in ("hold-peak", "at-250-percent"):
            rows.append((simulation, "successful hold", costs["perHold"]))
    return rows


def thread_rows(run):
    """(simulation, {thread kind: ms, serviceSwitches: n, serviceSyscalls: n}) per confirmed
    purchase (per request for the baseline) where the run sampled the service's threads:
    what the service does with a buyer's CPU, and how often it wakes up for it."""
    rows = []
    for simulation in ["baseline", "purchase-peak", "at-70-percent", "at-250-percent", "unwatched-sale",
                       "ga-peak", "ga-sale"]:
        measured = outcomes(run, simulation)
        count = measured.get("requests") if simulation == "baseline" else measured.get("confirmedPurchases")
        cost = per(cpu_seconds(run, measured), count)
        if cost and "serviceSwitches" in cost:
            rows.append((simulation, cost))
    return rows


def gatling_stats(report, window):
    """Gatling's own figures for a simulation, from its simulation.log (gatling.py):
    {request name: {ok, ko, p50, p99, rps, errors}} of the requests that started in the
    measured window (the whole run when there is none), "all requests" first; errors: the
    three most frequent messages of failed requests."""
    try:
        _, found = gatling.requests(os.path.join(report, "simulation.log"))
    except (OSError, ValueError):
        return {}
    start, end = window.get("windowFromEpochMs"), window.get("windowToEpochMs")
    if start and end:
        found = [r for r in found if start <= r[1] <= end]
    if not found:
        return {}
    seconds = ((end - start) if start and end else (max(r[2] for r in found) - min(r[1] for r in found))) / 1000

    def figures(rows):
        times = sorted(r[2] - r[1] for r in rows)
        errors = {}
        for r in rows:
            if not r[3]:
                errors[r[4]] = errors.get(r[4], 0) + 1
        return {"ok": sum(1 for r in rows if r[3]), "ko": sum(1 for r in rows if not r[3]),
                "p50": times[len(times) // 2], "p99": times[min(len(times) - 1, int(len(times) * 0.99))],
                "rps": len(rows) / seconds if seconds > 0 else None,
                "errors": sorted(errors.items(), key=lambda e: -e[1])[:3]}

    stats = {"all requests": figures(found)}
    for name in sorted({r[0] for r in found}):
        stats[name] = figures([r for r in found if r[0] == name])
    return stats
