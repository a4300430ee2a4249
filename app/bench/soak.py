#!/usr/bin/env python3
"""Summarizes a heap soak (SOAK_MINUTES=N app/bench/run.sh): the live heap after each
minute of sale, and whether it stayed flat: the mean of the last three minutes within
10 % (and at least 5 MB) of the mean of minutes 1 to 3. Minute 0 is right after the
warm-up; the first minutes still grow the caches every instance keeps (compiled
scripts, prepared statements, the events' sale plans), so they are not the reference."""
import json
import os
import sys

out = sys.argv[1]
rows = []
with open(os.path.join(out, "soak.tsv")) as f:
    next(f)
    for line in f:
        minute, mb = line.split()
        rows.append((int(minute), float(mb)))

print(f"# Heap soak {os.path.basename(out.rstrip('/'))}\n")
print("| after minute | live heap (MB) | confirmed purchases | audit |")
print("|---|---|---|---|")
for minute, mb in rows:
    confirmed, audit = "—", "—"
    outcomes = os.path.join(out, f"soak-{minute}.outcomes.json")
    if os.path.exists(outcomes):
        with open(outcomes) as f:
            confirmed = f"{json.load(f).get('confirmedPurchases', 0):,}"
    # The simulation's assertions include the event's audit: its exit status says.
    run = os.path.join(out, f"soak-{minute}.run.json")
    if os.path.exists(run):
        with open(run) as f:
            audit = "passed" if json.load(f).get("status") == 0 else "**FAILED**"
    print(f"| {minute} | {mb:.1f} | {confirmed} | {audit} |")

first = [mb for minute, mb in rows if 1 <= minute <= 3]
last = [mb for minute, mb in rows[-3:] if minute > 3]
heap_peaks = []
if os.path.exists(os.path.join(out, "heap.txt")):
    with open(os.path.join(out, "heap.txt")) as f:
        heap_peaks = [int(x) / 1048576 for x in f.read().split()]
if first and last:
    reference, end = sum(first) / len(first), sum(last) / len(last)
    flat = end <= max(reference * 1.10, reference + 5)
    print(f"\nLive heap, minutes 1–3: {reference:.1f} MB; last three minutes: {end:.1f} MB "
          f"({end / reference:.2f} ×): {'flat' if flat else '**growing**'}.")
if heap_peaks:
    print(f"Heap in use, peak over the run, warm-up included (sampled every second): {max(heap_peaks):.0f} MB "
          f"({'≤' if max(heap_peaks) <= 512 else '>'} 512 MB).")
