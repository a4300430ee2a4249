#!/usr/bin/env python3
"""The CPU time of each process of a bench run, from /proc (docs/performance.md).

    cpu.py sample FILE SERVICE_PID DATABASE
                      every 0.2 s until the service exits, appends a line to FILE:
                      wall-clock ms; the cumulative CPU seconds of the service,
                      PostgreSQL, Redis and the load generator (Gatling's JVM); the
                      commands Redis has processed (INFO stats); and the transactions
                      committed and rolled back in DATABASE (pg_stat_database, which
                      backends report at most a second late)

As a module, window(FILE, from_ms, to_ms) gives each process's CPU seconds between two
wall-clock times, interpolated between the samples around them.

PostgreSQL is many processes, and backends come and go: its time is that of the
postmaster and of every living child, plus what the postmaster has reaped of the children
that ended (cutime, cstime), so that the sum only grows. The same for Redis (one process)
and the generator (the Gatling JVM that Maven forks: its cumulative time, and the time of
those that ended before, so that consecutive simulations add up).
"""
import bisect
import math
import os
import socket
import subprocess
import sys
import time

PROCESSES = ("service", "postgres", "redis", "generator")
COUNTERS = ("redisCommands", "pgTransactions")
TICKS = os.sysconf("SC_CLK_TCK")


def stat(pid):
    """(comm, ppid, utime + stime, cutime + cstime) of a process, in ticks; None if gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            text = f.read()
    except OSError:
        return None
    comm = text[text.index("(") + 1:text.rindex(")")]
    fields = text[text.rindex(")") + 2:].split()
    # After the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
    return comm, int(fields[1]), int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def redis_commands(connection):
    """Redis's total_commands_processed (the INFO call itself included)."""
    try:
        connection.sendall(b"INFO stats\r\n")
        data = b""
        while b"total_commands_processed:" not in data or not data.endswith(b"\r\n"):
            chunk = connection.recv(65536)
            if not chunk:
                break
            data += chunk
        line = data.split(b"total_commands_processed:", 1)[1].split(b"\r\n", 1)[0]
        return int(line)
    except (OSError, IndexError, ValueError):
        return -1


def pg_transactions(psql, database):
    try:
        psql.stdin.write(f"SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '{database}';\n")
        psql.stdin.flush()
        return int(psql.stdout.readline().strip() or -1)
    except (OSError, ValueError):
        return -1


def sample(file, service_pid, database):
    generators = {}  # pid -> last ticks seen: the time of ended generators is kept
    redis = socket.create_connection(("127.0.0.1", 6379))
    # One psql for the whole run (its own queries are counted, once a sample, in postgres).
    psql = subprocess.Popen(["psql", "-qAt", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    with open(file, "a") as out:
        while True:
            service = stat(service_pid)
            if service is None:
                return
            postgres = redis_ticks = 0
            for entry in os.listdir("/proc"):
                if not entry.isdigit():
                    continue
                process = stat(entry)
                if process is None:
                    continue
                comm, ppid, own, children = process
                if comm == "postgres" or comm.startswith("postgres:"):
                    postmaster = stat(ppid)
                    if postmaster is None or not postmaster[0].startswith("postgres"):
                        postgres += own + children  # the postmaster, and what it reaped
                    else:
                        postgres += own
                elif comm == "redis-server":
                    redis_ticks += own
                elif comm == "java" and int(entry) != service_pid and any(m in cmdline(entry) for m in ("io.gatling.app", "GatlingCLI")):
                    generators[entry] = own
            out.write(f"{int(time.time() * 1000)} {service[2] / TICKS:.2f} {postgres / TICKS:.2f} "
                      f"{redis_ticks / TICKS:.2f} {sum(generators.values()) / TICKS:.2f} "
                      f"{redis_commands(redis)} {pg_transactions(psql, database)}\n")
            out.flush()
            time.sleep(0.2)


def read(file):
    rows = []
    try:
        with open(file) as f:
            for line in f:
                values = line.split()
                # Samples without the counters (an older run's) read as CPU alone.
                if len(values) in (1 + len(PROCESSES), 1 + len(PROCESSES) + len(COUNTERS)):
                    numbers = [float(v) for v in values[1:]]
                    numbers += [math.nan] * (len(PROCESSES) + len(COUNTERS) - len(numbers))
                    rows.append([int(values[0])] + numbers)
    except OSError:
        pass
    return rows


def at(rows, ms):
    """Each process's cumulative CPU seconds at a wall-clock time, between two samples."""
    times = [row[0] for row in rows]
    i = bisect.bisect_left(times, ms)
    if i == 0 or i == len(rows):
        return None
    (t0, *a), (t1, *b) = rows[i - 1], rows[i]
    share = (ms - t0) / (t1 - t0) if t1 > t0 else 0
    return [x + (y - x) * share for x, y in zip(a, b)]


def window(file, from_ms, to_ms):
    """{process: CPU seconds, counter: count} between two wall-clock times; {} without
    samples around them."""
    rows = read(file)
    start, end = at(rows, from_ms), at(rows, to_ms)
    if start is None or end is None:
        return {}
    # A counter that could not be read (-1) or was not sampled (nan) is left out.
    return {name: max(0.0, e - s) for name, s, e in zip(PROCESSES + COUNTERS, start, end)
            if not (math.isnan(s) or math.isnan(e) or (name in COUNTERS and min(s, e) < 0))}


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "sample":
        sample(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        sys.exit(__doc__)
