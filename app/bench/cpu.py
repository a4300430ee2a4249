#!/usr/bin/env python3
"""The CPU time of each process of a bench run, from /proc (docs/performance.md).

    cpu.py sample FILE SERVICE_PID DATABASE
                      every 0.2 s until the service exits, appends a line to FILE:
                      wall-clock ms; the cumulative CPU seconds of the service,
                      PostgreSQL, Redis and the load generator (Gatling's JVM); the
                      commands Redis has processed (INFO stats); the transactions
                      committed and rolled back in DATABASE (pg_stat_database, which
                      backends report at most a second late); the service's context
                      switches (voluntary and not, summed over its threads) and its
                      system calls (perf stat counting the raw_syscalls:sys_enter
                      tracepoint, where the kernel lets it); and the service's CPU
                      seconds by kind of thread (THREADS)

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
import threading
import time

PROCESSES = ("service", "postgres", "redis", "generator")
COUNTERS = ("redisCommands", "pgTransactions", "serviceSwitches", "serviceSyscalls")
# The service's threads by what they do, from their names (/proc/PID/task/TID/comm, 15
# characters): Reactor Netty's HTTP server loops, R2DBC's connections (Reactor Netty's
# TCP loops), Lettuce's loops and executors, Reactor's schedulers, the collector, the JIT
# compilers, and the rest. CPU seconds, as PROCESSES.
THREADS = ("http", "r2dbc", "lettuce", "schedulers", "gc", "jit", "otherThreads")
THREAD_PREFIXES = (("reactor-http", "http"), ("reactor-tcp", "r2dbc"), ("lettuce", "lettuce"),
                   ("parallel", "schedulers"), ("boundedElastic", "schedulers"), ("single", "schedulers"),
                   ("G1 ", "gc"), ("GC Thread", "gc"), ("C1 Compiler", "jit"), ("C2 Compiler", "jit"))
COLUMNS = PROCESSES + COUNTERS + THREADS
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


def threads(pid, seen):
    """(context switches, {kind: CPU ticks}) summed over the threads of a process, those
    that ended included: seen (tid -> (kind, switches, ticks)) keeps each thread's last
    counts, as an idle pool thread that ends (Reactor's boundedElastic, after a minute)
    would otherwise take them with it and the sums would fall."""
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return None
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/status") as f:
                switches = sum(int(line.split()[1]) for line in f
                               if line.startswith(("voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:")))
        except OSError:
            continue
        thread = stat(f"{pid}/task/{tid}")
        if thread is not None:
            kind = next((k for prefix, k in THREAD_PREFIXES if thread[0].startswith(prefix)), "otherThreads")
            seen[tid] = (kind, switches, thread[2])
    ticks = dict.fromkeys(THREADS, 0)
    for kind, _, own in seen.values():
        ticks[kind] += own
    return sum(switches for _, switches, _ in seen.values()), ticks


def syscalls(pid):
    """(perf's process, a function giving the system calls the process has made since
    then, -1 while perf has counted none). perf stat counts the raw_syscalls:sys_enter
    tracepoint for every thread of the process and prints the count every 0.2 s; a
    thread adds them up. /proc/PID/io's syscr and syscw would not do: they leave out the
    socket calls that carry every request. Where perf is missing or not allowed, -1."""
    total = [0, False]
    try:
        perf = subprocess.Popen(["perf", "stat", "-I", "200", "-x", ",", "-e", "raw_syscalls:sys_enter",
                                 "-p", str(pid)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    except OSError:
        return None, lambda: -1

    def read():
        for line in perf.stderr:
            fields = line.strip().split(",")
            if len(fields) > 3 and fields[3] == "raw_syscalls:sys_enter" and fields[1].isdigit():
                total[0] += int(fields[1])
                total[1] = True

    threading.Thread(target=read, daemon=True).start()
    return perf, lambda: total[0] if total[1] else -1


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
    perf, syscall_count = syscalls(service_pid)
    service_threads = {}  # tid -> last counts: the counts of ended threads are kept
    with open(file, "a") as out:
        while True:
            service = stat(service_pid)
            if service is None:
                if perf:
                    perf.terminate()
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
            switches, kinds = threads(service_pid, service_threads) or (-1, dict.fromkeys(THREADS, math.nan))
            out.write(f"{int(time.time() * 1000)} {service[2] / TICKS:.2f} {postgres / TICKS:.2f} "
                      f"{redis_ticks / TICKS:.2f} {sum(generators.values()) / TICKS:.2f} "
                      f"{redis_commands(redis)} {pg_transactions(psql, database)} "
                      f"{switches} {syscall_count()} "
                      + " ".join(f"{kinds[k] / TICKS:.2f}" for k in THREADS) + "\n")
            out.flush()
            time.sleep(0.2)


def read(file):
    rows = []
    try:
        with open(file) as f:
            for line in f:
                values = line.split()
                # An older run's samples have fewer columns: CPU alone, or CPU and the
                # first two counters. What they lack reads as not sampled.
                if len(values) in (1 + len(PROCESSES), 1 + len(PROCESSES) + 2, 1 + len(COLUMNS)):
                    numbers = [float(v) for v in values[1:]]
                    numbers += [math.nan] * (len(COLUMNS) - len(numbers))
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
    return {name: max(0.0, e - s) for name, s, e in zip(COLUMNS, start, end)
            if not (math.isnan(s) or math.isnan(e) or (name in COUNTERS and min(s, e) < 0))}


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "sample":
        sample(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        sys.exit(__doc__)
