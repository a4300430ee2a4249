#!/usr/bin/env python3
"""Draws confirmed purchases/s and p99 purchase time against the buyers' arrival rate, as
SVG, from one or more bench runs (app/bench/run.sh): python3 chart.py OUT.svg RUN_DIR...

Each run gives three points: 70 % of the peak, the peak itself (closed model: its rate is
the rate the buyers were served at) and 2.5 times the peak. With several runs, each point is
the median of the runs."""
import json
import os
import statistics
import sys

out, runs = sys.argv[1], sys.argv[2:]
POINTS = [("at-70-percent", "arrivalRatePerSecond"), ("purchase-peak", "confirmedPurchasesPerSecond"),
          ("at-250-percent", "arrivalRatePerSecond")]


def load(run, name):
    with open(os.path.join(run, f"{name}.outcomes.json")) as f:
        return json.load(f)


points = []
for name, rate_key in POINTS:
    measured = [load(run, name) for run in runs]
    points.append((statistics.median(m[rate_key] for m in measured),
                   statistics.median(m["confirmedPurchasesPerSecond"] for m in measured),
                   statistics.median(m["purchaseP99Ms"] for m in measured)))

W, H, L, R, T, B = 640, 360, 60, 70, 40, 50
max_x = max(p[0] for p in points) * 1.1
max_y1 = max(max(p[1] for p in points), max(p[0] for p in points)) * 1.1
max_y2 = max(p[2] for p in points) * 1.1


def x(v):
    return L + (W - L - R) * v / max_x


def y(v, top):
    return H - B - (H - T - B) * v / top


svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
       f'<rect width="{W}" height="{H}" fill="white"/>',
       f'<text x="{W / 2}" y="20" text-anchor="middle" font-size="14">Flash sale, every buyer pays: '
       f'throughput and p99 purchase time against arrival rate</text>',
       f'<line x1="{L}" y1="{H - B}" x2="{W - R}" y2="{H - B}" stroke="black"/>',
       f'<line x1="{L}" y1="{T}" x2="{L}" y2="{H - B}" stroke="black"/>',
       f'<line x1="{W - R}" y1="{T}" x2="{W - R}" y2="{H - B}" stroke="black"/>',
       f'<text x="{W / 2}" y="{H - 12}" text-anchor="middle">buyers arriving per second</text>',
       f'<text x="14" y="{H / 2}" transform="rotate(-90 14 {H / 2})" text-anchor="middle" fill="#1b5e20">'
       f'confirmed purchases per second</text>',
       f'<text x="{W - 14}" y="{H / 2}" transform="rotate(90 {W - 14} {H / 2})" text-anchor="middle" '
       f'fill="#b71c1c">p99 purchase time (ms)</text>']
for i in range(6):
    vx, vy1, vy2 = max_x * i / 5, max_y1 * i / 5, max_y2 * i / 5
    svg.append(f'<text x="{x(vx)}" y="{H - B + 16}" text-anchor="middle">{vx:.0f}</text>')
    svg.append(f'<text x="{L - 6}" y="{y(vy1, max_y1) + 4}" text-anchor="end" fill="#1b5e20">{vy1:.0f}</text>')
    svg.append(f'<text x="{W - R + 6}" y="{y(vy2, max_y2) + 4}" fill="#b71c1c">{vy2:.0f}</text>')
# Served = offered, for reference.
svg.append(f'<line x1="{x(0)}" y1="{y(0, max_y1)}" x2="{x(max_x)}" y2="{y(max_x, max_y1)}" '
           f'stroke="#9e9e9e" stroke-dasharray="4 4"/>')
for series, colour, top in ((1, "#1b5e20", max_y1), (2, "#b71c1c", max_y2)):
    path = " ".join(f"{x(p[0]):.1f},{y(p[series], top):.1f}" for p in points)
    svg.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
    for p in points:
        svg.append(f'<circle cx="{x(p[0]):.1f}" cy="{y(p[series], top):.1f}" r="4" fill="{colour}"/>')
for (rate, done, p99), label in zip(points, ("70 % of peak", "peak", "250 % of peak")):
    svg.append(f'<text x="{x(rate):.1f}" y="{y(done, max_y1) - 10:.1f}" text-anchor="middle">{label}</text>')
svg.append('</svg>')
with open(out, "w") as f:
    f.write("\n".join(svg) + "\n")
