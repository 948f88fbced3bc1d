#!/usr/bin/env python3
"""Benchmarks: our library against the official C SDK, side by side in one run.

bench/run.sh builds both libraries and compiles bench/oss_bench.c against each (BENCH_OURS,
BENCH_OFFICIAL: the two driver binaries; BENCH_OFFICIAL empty = no official SDK, its columns are
skipped). This script starts our oss-server (release build, root in tmpfs so the server's fsync
is not what is measured) and nginx on 127.0.0.1, then times every case for both drivers,
alternating runs (ours, official, ours, ...): resumable downloads (tmpfs, disk with "until
durable" = the run then `sync`, 10,000 parts with checkpoint off and on, thread and part-size
curves), resumable uploads (the same shapes), PutObject of a file, get_object_to_buffer, and many
small operations in one process (HEADs; PUTs + GETs of 4 KiB). Reported per case: median and min
wall time, MB/s, median CPU (user + sys of the client process), peak RSS, the machine's idle share
during the runs (/proc/stat), and the ours/official ratios; then the targets of issues 14, 15 and
17, met or missed. Writes bench/results.md and the PNG curves, and prints the tables.

    bench/run.sh                                  # everything
    BENCH_SIZE_MIB=64 BENCH_RUNS=1 BENCH_QUICK=1 bench/run.sh   # a quick look

Environment: BENCH_RUNS (3; the tmpfs headline uses max(5, RUNS)), BENCH_SIZE_MIB (1024, the
transfer size), BENCH_BUFFER_MIB (256, get_object_to_buffer), BENCH_HEADS (2000), BENCH_SMALL
(1000 PUTs + 1000 GETs), BENCH_QUICK=1 skips the official SDK's checkpointed 10,000-part download
(~6 min and ~14 GiB; its upload twin takes ~12 s and runs as the others), BENCH_TIMEOUT (300 s per run), BENCH_SLOW_TIMEOUT (900 s for those
cases), BENCH_NGINX=0 skips the nginx section, BENCH_BIG=1 adds an 8 GiB sparse object (ours,
peak RSS flat in object size), BENCH_OUT (bench/).
"""

import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
HEAD_RUNS = max(5, RUNS)
SIZE_MIB = int(os.environ.get("BENCH_SIZE_MIB", "1024"))
BUFFER_MIB = int(os.environ.get("BENCH_BUFFER_MIB", "256"))
HEADS = int(os.environ.get("BENCH_HEADS", "2000"))
SMALL = int(os.environ.get("BENCH_SMALL", "1000"))
QUICK = os.environ.get("BENCH_QUICK") == "1"
TIMEOUT = int(os.environ.get("BENCH_TIMEOUT", "300"))
SLOW_TIMEOUT = int(os.environ.get("BENCH_SLOW_TIMEOUT", "900"))
NGINX = os.environ.get("BENCH_NGINX", "1") != "0"
BIG = os.environ.get("BENCH_BIG") == "1"
OUT = os.environ.get("BENCH_OUT", os.path.join(REPO, "bench"))
TARGET_DIR = os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target"))
SERVER_BIN = os.path.join(TARGET_DIR, "release", "oss-server")
OURS = os.environ.get("BENCH_OURS") or os.path.join(TARGET_DIR, "bench", "oss_bench_ours")
OFFICIAL = os.environ.get("BENCH_OFFICIAL", "")
# The floor under small operations: HEADs over a raw socket, no HTTP library (bench/raw_heads.c).
RAW_HEADS = os.path.join(TARGET_DIR, "bench", "raw_heads")
BUCKET = "bench"
AK, SK = "LTAI5tLocalTestKey", "LocalTestSecret0123456789abcdef"
MiB = 1024 * 1024


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def cpu_jiffies():
    """(busy, total) jiffies of the whole machine from the first line of /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


# The servers whose CPU time each run records (pids), so a table can say where the cores went.
SERVER_PIDS = []
CLK_TCK = os.sysconf("SC_CLK_TCK")


def servers_cpu():
    """CPU seconds (user + sys) used so far by the servers in SERVER_PIDS."""
    total = 0
    for pid in SERVER_PIDS:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            pass
    return total / CLK_TCK


class Run:
    """One run: wall s, CPU s (user + sys, and apart), peak RSS MiB, machine idle share, the
    servers' CPU s, sync s; or an error."""

    def __init__(self, wall, cpu=None, rss=None, idle=None, sync=0.0, error=None, user=None, sys_=None, server=None):
        self.wall, self.cpu, self.rss, self.idle, self.sync, self.error = wall, cpu, rss, idle, sync, error
        self.user, self.sys, self.server = user, sys_, server


def timed(cmd, env, timeout, sync_after=False):
    """Runs cmd under GNU time in a process group of its own, killed whole after `timeout` s."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf, tempfile.TemporaryFile("w+") as err:
        full = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", tf.name] + cmd
        busy0, total0 = cpu_jiffies()
        server0 = servers_cpu()
        started = time.monotonic()
        proc = subprocess.Popen(full, env=env, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        rc = None
        try:
            rc = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            rc = None
        finally:
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()
        elapsed = time.monotonic() - started
        server = servers_cpu() - server0
        busy1, total1 = cpu_jiffies()
        idle = 1.0 - (busy1 - busy0) / max(1, total1 - total0)
        if rc is None:
            return Run(elapsed, error=f"timeout after {timeout} s")
        if rc != 0:
            err.seek(0)
            text = err.read().strip()
            # GNU time still writes its figures (after "Command terminated by signal N") for a child
            # killed by a signal, e.g. by the kernel's OOM killer.
            timing = tf.read().strip().splitlines()
            fields = timing[-1].split() if timing else []
            if len(timing) >= 2 and "signal" in timing[0] and len(fields) == 4:
                return Run(elapsed, error=f"{timing[0].strip()} after {float(fields[0]):.0f} s at "
                                          f"{int(fields[3]) / 1024 / 1024:.1f} GiB RSS")
            return Run(elapsed, error=f"exit {rc}: {text[-300:]}")
        sync = 0.0
        if sync_after:
            t0 = time.monotonic()
            os.sync()
            sync = time.monotonic() - t0
        wall, user, sys_, rss_kib = tf.read().split()[-4:]
        return Run(float(wall), float(user) + float(sys_), int(rss_kib) / 1024.0, idle, sync,
                   user=float(user), sys_=float(sys_), server=server)


class Case:
    """One program in one configuration; `runs` collects its Runs."""

    def __init__(self, cmd, size, env=None, output=None, cleanup=(), disk=False, timeout=None, max_runs=None):
        self.cmd, self.size, self.env, self.output = cmd, size, env, output
        self.cleanup, self.disk, self.timeout, self.max_runs = list(cleanup), disk, timeout or TIMEOUT, max_runs
        self.runs = []
        self.deferred = False  # run later, by the caller, not by run_alternating

    def run_once(self):
        if self.max_runs is not None and len(self.runs) >= self.max_runs:
            return
        if self.runs and self.runs[-1].error and "timeout" in self.runs[-1].error:
            return  # one timeout is enough to know
        for path in self.cleanup + ([self.output] if self.output else []):
            if os.path.exists(path):
                os.remove(path)
        if self.disk:
            os.sync()  # the previous run's writeback is not this run's
        run = timed(self.cmd, self.env, self.timeout, sync_after=self.disk)
        if run.error is None and self.output and self.output != "/dev/null":
            got = os.path.getsize(self.output) if os.path.exists(self.output) else -1
            if got != self.size:
                run.error = f"wrote {got} bytes, expected {self.size}"
        self.runs.append(run)
        if run.error:
            log(f"    FAILED: {run.error}")
        for path in self.cleanup + ([self.output] if self.output and self.output != "/dev/null" else []):
            if os.path.exists(path):
                os.remove(path)

    def ok(self):
        return [r for r in self.runs if r.error is None]

    def stat(self, attr, fn=statistics.median):
        good = self.ok()
        return fn(getattr(r, attr) for r in good) if good else None

    def durable(self):
        good = self.ok()
        return statistics.median(r.wall + r.sync for r in good) if good else None

    def error(self):
        bad = [r.error for r in self.runs if r.error]
        return bad[0] if bad and not self.ok() else None


class Pair:
    """A case run by both drivers (official None when there is no official SDK)."""

    def __init__(self, name, ours, official):
        self.name, self.ours, self.official = name, ours, official

    def cases(self):
        return [c for c in (self.ours, self.official) if c is not None]

    def ratio(self, attr):
        if self.official is None:
            return None
        if attr == "durable":
            a, b = self.ours.durable(), self.official.durable()
        elif attr == "rss":
            a, b = self.ours.stat("rss", max), self.official.stat("rss", max)
        else:
            a, b = self.ours.stat(attr), self.official.stat(attr)
        return a / b if a is not None and b else None


def run_alternating(items, runs, label):
    cases = [c for item in items for c in (item.cases() if isinstance(item, Pair) else [item])]
    for i in range(runs):
        for c in cases:
            if c.deferred or (c.max_runs is not None and len(c.runs) >= c.max_runs):
                continue
            log(f"  {label} run {i + 1}/{runs}: {' '.join(os.path.basename(x) if j == 0 else x for j, x in enumerate(c.cmd))[:160]}")
            c.run_once()


# ---- servers -------------------------------------------------------------------------------

def wait_for_line(path, timeout=600):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if os.path.exists(path) and os.path.getsize(path) > 0:
            with open(path) as f:
                line = f.readline().strip()
            if line:
                return line
        time.sleep(0.05)
    raise RuntimeError(f"nothing in {path}")


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_nginx(root, work):
    port = free_port()
    conf = os.path.join(work, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""
daemon off;
worker_processes 2;
user root;
pid {work}/nginx.pid;
error_log {work}/nginx.error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {work}/nginx-body;
    proxy_temp_path {work}/nginx-proxy;
    fastcgi_temp_path {work}/nginx-fastcgi;
    uwsgi_temp_path {work}/nginx-uwsgi;
    scgi_temp_path {work}/nginx-scgi;
    server {{ listen 127.0.0.1:{port}; root {root}; }}
}}
""")
    proc = subprocess.Popen(["nginx", "-c", conf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import urllib.request
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            break
        except Exception as e:  # 403/404 still mean "up"
            if hasattr(e, "code"):
                break
            time.sleep(0.05)
    return proc, f"127.0.0.1:{port}"


def start_oss_server(root, work, objects):
    addr_file = os.path.join(work, "oss-server.addr")
    cmd = [SERVER_BIN, "--listen", "127.0.0.1:0", "--root", root, "--anonymous", "--create-bucket", BUCKET]
    for spec in objects:
        cmd += ["--create-object", spec]
    proc = subprocess.Popen(cmd, stdout=open(addr_file, "w"), stderr=subprocess.DEVNULL)
    SERVER_PIDS.append(proc.pid)
    return proc, wait_for_line(addr_file)


# ---- cases ---------------------------------------------------------------------------------

class Bench:
    """Builds driver cases against one endpoint."""

    def __init__(self, endpoint):
        self.env = dict(os.environ, OSS_ENDPOINT=f"http://{endpoint}", OSS_ACCESS_KEY_ID=AK, OSS_ACCESS_KEY_SECRET=SK)

    def driver(self, binary, mode, args, size, **kw):
        return Case([binary, mode] + args, size, env=self.env, **kw)

    def pair(self, name, mode, args, size, official_kw=None, **kw):
        """The same arguments for both drivers; official_kw overrides keyword arguments for the official run."""
        ours = self.driver(OURS, mode, args, size, **kw)
        official = None
        if OFFICIAL:
            official = self.driver(OFFICIAL, mode, args, size, **dict(kw, **(official_kw or {})))
        return Pair(name, ours, official)

    def download(self, name, key, size, out, part, threads, checkpoint=None, disk=False, official_kw=None):
        args = ["-p", str(part), "-t", str(threads)] + (["-k", checkpoint] if checkpoint else []) + [BUCKET, key, out]
        cleanup = [out + ".tmp"] + ([checkpoint] if checkpoint else [])
        return self.pair(name, "download", args, size, official_kw, output=out, cleanup=cleanup, disk=disk)

    def upload(self, name, src, size, part, threads, checkpoint=None, official_kw=None):
        args = ["-p", str(part), "-t", str(threads)] + (["-k", checkpoint] if checkpoint else []) + [BUCKET, "up.bin", src]
        return self.pair(name, "upload", args, size, official_kw, cleanup=[checkpoint] if checkpoint else [])


# ---- formatting ----------------------------------------------------------------------------

def fnum(x, digits=2):
    return "–" if x is None else f"{x:.{digits}f}"


def side(c, with_mbs=True, durable=False):
    if c is None:
        return ["n/a"] * (5 + durable)
    err = c.error()
    if err:
        return [f"**{err[:60]}**"] + ["–"] * (4 + durable)
    if not c.ok():
        return ["not run"] + ["–"] * (4 + durable)
    wall, best = c.stat("wall"), c.stat("wall", min)
    cells = [f"{wall:.2f} ({best:.2f})"]
    if durable:
        cells.append(fnum(c.durable()))
    cells.append(f"{c.size / 1e6 / wall:.0f}" if with_mbs and c.size else "–")
    cells += [fnum(c.stat("cpu")), fnum(c.stat("rss", max), 1)]
    return cells


def pair_table(title, pairs, with_mbs=True, durable=False, note=""):
    head = ["wall s med (min)"] + (["until durable s"] if durable else []) + ["MB/s", "CPU s", "RSS MiB"]
    cols = ["case"] + [f"ours {h}" for h in head] + [f"official {h}" for h in head]
    cols += ["ours/official wall"] + (["until durable"] if durable else []) + ["CPU", "RSS", "idle %"]
    lines = [f"### {title}", ""] + ([note, ""] if note else [])
    lines += ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for p in pairs:
        idle = statistics.median(r.idle for c in p.cases() for r in c.ok()) if any(c.ok() for c in p.cases()) else None
        row = [p.name] + side(p.ours, with_mbs, durable) + side(p.official, with_mbs, durable)
        row += [fnum(p.ratio("wall"))] + ([fnum(p.ratio("durable"))] if durable else [])
        row += [fnum(p.ratio("cpu")), fnum(p.ratio("rss")), fnum(idle * 100 if idle is not None else None, 0)]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def single_table(title, named_cases):
    lines = [f"### {title}", "", "| case | wall s med (min) | MB/s | CPU s | RSS MiB |", "|---|---|---|---|---|"]
    for name, c in named_cases:
        lines.append("| " + " | ".join([name] + side(c)) + " |")
    return "\n".join(lines) + "\n"


def plot(path, title, xlabel, xs, pairs, logx=True):
    data = path + ".dat"
    with open(data, "w") as f:
        for x, p in zip(xs, pairs):
            vals = []
            for c in (p.ours, p.official):
                wall = c.stat("wall") if c is not None else None
                vals.append(f"{c.size / 1e6 / wall:.1f}" if wall else "NaN")
            f.write(f"{x} {vals[0]} {vals[1]}\n")
    lines = [f"'{data}' using 1:2 with linespoints lw 2 pt 7 title 'ours'"]
    if OFFICIAL:
        lines.append(f"'{data}' using 1:3 with linespoints lw 2 pt 5 title 'official 3.11.2'")
    script = f"""
set terminal pngcairo size 720,420 noenhanced
set output '{path}'
set title '{title}'
set xlabel '{xlabel}'
set ylabel 'MB/s (median)'
set grid
set key bottom right
set yrange [0:*]
{'set logscale x 2' if logx else ''}
plot {', '.join(lines)}
"""
    subprocess.run(["gnuplot"], input=script, text=True, check=True)
    os.remove(data)


# ---- where the time goes -------------------------------------------------------------------

def strace_counts(c):
    """System calls of one run of case c under `strace -f -c`: (total, [(name, calls)] by calls)."""
    with tempfile.NamedTemporaryFile("r", suffix=".strace") as tf:
        for path in c.cleanup + ([c.output] if c.output and c.output != "/dev/null" else []):
            if os.path.exists(path):
                os.remove(path)
        run = timed(["strace", "-f", "-c", "-o", tf.name] + c.cmd, c.env, c.timeout * 4)
        for path in c.cleanup + ([c.output] if c.output and c.output != "/dev/null" else []):
            if os.path.exists(path):
                os.remove(path)
        if run.error:
            return None, []
        calls = []
        for line in tf.read().splitlines():
            parts = line.split()
            if len(parts) >= 5 and parts[-1] != "total" and parts[0][0].isdigit():
                calls.append((parts[-1], int(parts[3])))
        calls.sort(key=lambda x: -x[1])
        return sum(n for _, n in calls), calls


def diagnose(items):
    """A table of user/sys CPU, the server's CPU, idle share (medians of the timed runs) and one
    strace-counted run's system calls, for both libraries, per case."""
    have_strace = shutil.which("strace") is not None
    lines = ["### Where the time goes", "",
             "Medians of the timed runs above; system calls counted in one extra run under `strace -f -c` "
             "(slower, so only the counts matter)." + ("" if have_strace else " (strace not installed: no counts.)"), "",
             "| case | library | wall s | user s | sys s | server CPU s | idle % | system calls | most frequent |",
             "|---|---|---|---|---|---|---|---|---|"]
    for label, pair in items:
        for who, c in (("ours", pair.ours), ("official", pair.official)):
            if c is None or not c.ok():
                continue
            med = lambda attr: statistics.median(getattr(r, attr) for r in c.ok())
            total, calls = strace_counts(c) if have_strace and not c.max_runs == 1 else (None, [])
            top = ", ".join(f"{name} ×{n}" for name, n in calls[:4])
            lines.append(f"| {label} | {who} | {med('wall'):.2f} | {med('user'):.2f} | {med('sys'):.2f} | "
                         f"{med('server'):.2f} | {med('idle') * 100:.0f} | {total if total is not None else '–'} | {top} |")
    return "\n".join(lines) + "\n"


# ---- targets -------------------------------------------------------------------------------

def verdict(value, limit, fmt="{:.2f}", le=True):
    if value is None:
        return "not measured", "–"
    ok = value <= limit if le else value >= limit
    return ("met" if ok else "**missed**"), fmt.format(value)


def targets(P):
    """Rows (issue, target, measured, verdict) from the pairs P (a dict by key)."""
    rows = []

    def add(issue, text, value, limit, le=True, fmt="{:.2f}"):
        v, shown = verdict(value, limit, fmt, le)
        rows.append((issue, text, shown, v))

    def worst(keys, attr):
        vals = [P[k].ratio(attr) for k in keys if k in P]
        vals = [v for v in vals if v is not None]
        return max(vals) if vals else None

    add("17", "download 8 MiB × 3 into tmpfs: wall ≤ 0.6× official", P["dl_tmpfs"].ratio("wall"), 0.6)
    add("17", "download 8 MiB × 3 into tmpfs: CPU ≤ 0.5× official", P["dl_tmpfs"].ratio("cpu"), 0.5)
    add("17", "download to disk, until durable ≤ 0.7× official", P["dl_disk"].ratio("durable"), 0.7)
    add("17", "download 10,000 parts (checkpoint off): wall ≤ 0.5× official", P["dl_10k"].ratio("wall"), 0.5)
    add("17", "download 10,000 parts, checkpoint on: wall ≤ 0.5× official", P["dl_10k_cp"].ratio("wall"), 0.5)
    add("17", "download, never slower at 1–16 threads (worst wall ratio ≤ 1)", worst(P["dl_threads"], "wall"), 1.0)
    add("17", "download RSS ≤ official at every thread count (worst RSS ratio ≤ 1)", worst(P["dl_threads"], "rss"), 1.0)
    up_keys = ["up_8m", "up_8m_cp", "up_10k", "up_10k_cp", "up_16t"]
    add("15", "upload faster than official in every case (worst wall ratio < 1)", worst(up_keys, "wall"), 1.0)
    add("15", "upload CPU ≤ 0.5× official in every case (worst)", worst(up_keys, "cpu"), 0.5)
    rss = [P[k].ours.stat("rss", max) for k in up_keys + P["up_psize"] if k in P]
    rss = [r for r in rss if r is not None]
    add("15", "upload RSS ≤ 16 MiB at any part size (ours, worst MiB)", max(rss) if rss else None, 16.0, fmt="{:.1f}")
    on, off = P["up_10k_cp"].ours.stat("wall"), P["up_10k"].ours.stat("wall")
    add("15", "upload 10,000 parts: checkpoint on ≤ 1.05 × off (ours)", on / off if on and off else None, 1.05)
    add("14", f"PutObject {SIZE_MIB} MiB: throughput ≥ official (wall ratio ≤ 1)", P["put"].ratio("wall"), 1.0)
    add("14", f"PutObject {SIZE_MIB} MiB: CPU ≤ 0.5× official", P["put"].ratio("cpu"), 0.5)
    add("14", f"PutObject {SIZE_MIB} MiB: RSS ≤ 16 MiB (ours, MiB)", P["put"].ours.stat("rss", max), 16.0, fmt="{:.1f}")
    body = P["get_buffer"].ours.size / MiB
    add("14", f"get_object_to_buffer {body:.0f} MiB: RSS ≤ body + 16 MiB (ours, MiB)", P["get_buffer"].ours.stat("rss", max), body + 16, fmt="{:.1f}")
    add("14", f"{HEADS} HEADs: ≤ 0.7× official", P["heads"].ratio("wall"), 0.7)
    add("14", f"{SMALL} PUTs + {SMALL} GETs of 4 KiB: ≤ 0.7× official", P["small"].ratio("wall"), 0.7)
    lines = ["### Targets (issues 14, 15, 17), from this run", "",
             "| issue | target | measured | verdict |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines) + "\n"


def summary(P):
    """One line per headline case: the figures the README quotes."""
    rows = [("download 8 MiB × 3, into tmpfs", "dl_tmpfs"), ("download 8 MiB × 3, to disk", "dl_disk"),
            ("download 10,000 parts, checkpoint off", "dl_10k"), ("download 10,000 parts, checkpoint on", "dl_10k_cp"),
            ("download 16 threads × 8 MiB", "dl_t16"), ("upload 8 MiB × 3, checkpoint off", "up_8m"),
            ("upload 8 MiB × 3, checkpoint on", "up_8m_cp"), ("upload 10,000 parts, checkpoint off", "up_10k"),
            ("upload 10,000 parts, checkpoint on", "up_10k_cp"), ("upload 16 threads × 8 MiB", "up_16t"),
            ("PutObject from a file", "put"), ("get_object_to_buffer", "get_buffer"),
            (f"{HEADS} HEADs", "heads"), (f"{SMALL} PUTs + {SMALL} GETs of 4 KiB", "small")]
    lines = ["### Summary (ours / official, same run)", "",
             "| case | ours wall s | official wall s | wall | CPU | ours RSS MiB | official RSS MiB |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for label, key in rows:
        p = P[key]
        o = p.official
        ow = o.stat("wall") if o is not None else None
        oerr = o.error() if o is not None else None
        lines.append(f"| {label} | {fnum(p.ours.stat('wall'))} | {oerr or fnum(ow)} | {fnum(p.ratio('wall'))} | "
                     f"{fnum(p.ratio('cpu'))} | {fnum(p.ours.stat('rss', max), 1)} | "
                     f"{fnum(o.stat('rss', max) if o is not None else None, 1)} |")
    d = P["dl_disk"]
    lines.append("")
    lines.append(f"Download to disk until durable (run + sync): ours {fnum(d.ours.durable())} s, official "
                 f"{fnum(d.official.durable() if d.official else None)} s, ratio {fnum(d.ratio('durable'))}.")
    raw, heads = P.get("raw_heads"), P["heads"]
    if raw is not None and raw.stat("wall") is not None and heads.official is not None:
        floor = raw.stat("wall") / heads.official.stat("wall") if heads.official.stat("wall") else None
        lines.append(f"{HEADS} HEADs over a raw socket (no HTTP library, bench/raw_heads.c): "
                     f"{fnum(raw.stat('wall'))} s, {fnum(floor)} of the official SDK's time: the floor for any client.")
    return "\n".join(lines) + "\n"


# ---- the run -------------------------------------------------------------------------------

def describe():
    curl = subprocess.run(["curl", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    return (f"Machine: {os.cpu_count()} cores, Linux {platform.release()}, {curl.split(' (')[0]}; "
            f"load average at start {os.getloadavg()[0]:.2f}. ")


def main():
    if not os.path.exists(OURS):
        sys.exit(f"{OURS} not found: run bench/run.sh")
    size = SIZE_MIB * MiB
    buf_size = BUFFER_MIB * MiB
    parts_10k = -(-size // 10_000)
    up_10k = max(parts_10k, 100 * 1024)  # OSS refuses parts under 100 KiB (but the last)
    shm = tempfile.mkdtemp(prefix="oss-bench-", dir="/dev/shm")
    work = tempfile.mkdtemp(prefix="oss-bench-", dir="/var/tmp")
    os.chmod(work, 0o755)
    os.chmod(shm, 0o755)
    root = os.path.join(shm, "storage")
    procs = []
    started = time.time()
    P = {}
    report = []  # strings, or functions rendering a section once every run is done
    deferred = []  # the official SDK's slow cases: run once, last
    try:
        log(f"oss-server: generating a {SIZE_MIB} MiB, a {BUFFER_MIB} MiB and a 4 KiB object")
        objects = [f"{BUCKET}/obj.bin={size}", f"{BUCKET}/buf.bin={buf_size}", f"{BUCKET}/tiny.bin=4096"]
        oss, oss_ep = start_oss_server(root, work, objects)
        procs.append(oss)
        for d in (root, os.path.join(root, BUCKET)):
            os.chmod(d, 0o755)
        src = os.path.join(root, BUCKET, "obj.bin")
        up_src = os.path.join(work, "upload.bin")  # on disk, page-cached: memory the kernel can take back
        shutil.copyfile(src, up_src)
        shm_out, disk_out = os.path.join(shm, "out.bin"), os.path.join(work, "out.bin")
        b = Bench(oss_ep)

        def slow(pair):
            """The official SDK's checkpointed 10,000-part download: once, last, bounded (or skipped if quick)."""
            if pair.official is not None:
                pair.official.max_runs = 0 if QUICK else 1
                pair.official.timeout = SLOW_TIMEOUT
                if not QUICK:
                    pair.official.deferred = True
                    deferred.append(pair.official)
            return pair

        report.append(
            describe() + f"Transfers: {SIZE_MIB} MiB (10,000 parts = {parts_10k} bytes each), served by our oss-server "
            f"(release, storage in tmpfs) on 127.0.0.1, V1-signed, path style; both libraries driven by the same "
            f"`bench/oss_bench.c`. {RUNS} alternated runs per case unless said (ours, official, ours, ...); "
            f"wall = median (min); CPU = user + sys of the client process (median); RSS = peak resident set "
            f"(max over runs); idle % = the machine's idle share during the runs (/proc/stat; the 2 cores are "
            f"shared by client and server); ratios are ours / official (medians; RSS: peaks). CRC-64 checked by "
            f"both. Uploads read a page-cached file on disk. The official SDK's checkpointed 10,000-part download "
            f"runs once, after the rest, with a {SLOW_TIMEOUT} s timeout{' (skipped: BENCH_QUICK=1)' if QUICK else ''}.\n")

        log("downloads")
        P["dl_tmpfs"] = b.download("8 MiB parts, 3 threads, into tmpfs", "obj.bin", size, shm_out, 8 * MiB, 3)
        run_alternating([P["dl_tmpfs"]], HEAD_RUNS, "download tmpfs")
        P["dl_disk"] = b.download("8 MiB parts, 3 threads, to disk", "obj.bin", size, disk_out, 8 * MiB, 3, disk=True)
        run_alternating([P["dl_disk"]], RUNS, "download disk")
        P["dl_10k"] = b.download("10,000 parts, 3 threads, checkpoint off, tmpfs", "obj.bin", size, shm_out, parts_10k, 3)
        P["dl_10k_cp"] = slow(b.download("10,000 parts, 3 threads, checkpoint on, tmpfs", "obj.bin", size, shm_out,
                                         parts_10k, 3, checkpoint=os.path.join(shm, "dl.cp")))
        run_alternating([P["dl_10k"], P["dl_10k_cp"]], RUNS, "download parts")
        threads = [1, 2, 3, 4, 8, 16]
        # The curves reuse the cases above where they coincide (3 threads; 8 MiB and 10,000 parts).
        t_pairs = [P["dl_tmpfs"] if t == 3 else
                   b.download(f"{t} threads, 8 MiB parts", "obj.bin", size, shm_out, 8 * MiB, t) for t in threads]
        run_alternating([p for t, p in zip(threads, t_pairs) if t != 3], RUNS, "download threads")
        psizes = [parts_10k, 256 * 1024, 1 * MiB, 8 * MiB, 16 * MiB, 64 * MiB]
        known = {parts_10k: P["dl_10k"], 8 * MiB: P["dl_tmpfs"]}
        p_pairs = [known.get(s) or b.download(f"{psize_name(s, parts_10k)} parts, 3 threads", "obj.bin", size, shm_out, s, 3)
                   for s in psizes]
        run_alternating([p for s, p in zip(psizes, p_pairs) if s not in known], RUNS, "download part sizes")
        P["dl_threads"] = []
        for t, p in zip(threads, t_pairs):
            P[f"dl_t{t}"] = p
            P["dl_threads"].append(f"dl_t{t}")
        report.append(lambda: pair_table("Resumable download (oss_resumable_download_file)",
                                         [P["dl_tmpfs"], P["dl_10k"], P["dl_10k_cp"], P["dl_t16"]]))
        report.append(lambda: pair_table(
            "Resumable download to disk", [P["dl_disk"]], durable=True,
            note="Until durable = the run followed by `sync` (we fsync before the rename; the official SDK does not)."))
        report.append(lambda: pair_table("Download thread scaling (8 MiB parts, into tmpfs)", t_pairs))
        report.append(lambda: pair_table("Download part sizes (3 threads, into tmpfs)", p_pairs))

        log("uploads")
        ucp = os.path.join(shm, "up.ucp")
        P["up_8m"] = b.upload("8 MiB parts, 3 threads, checkpoint off", up_src, size, 8 * MiB, 3)
        P["up_8m_cp"] = b.upload("8 MiB parts, 3 threads, checkpoint on", up_src, size, 8 * MiB, 3, checkpoint=ucp)
        P["up_10k"] = b.upload(f"{psize_name(up_10k, parts_10k)} parts, 3 threads, checkpoint off", up_src, size, up_10k, 3)
        P["up_10k_cp"] = b.upload(f"{psize_name(up_10k, parts_10k)} parts, 3 threads, checkpoint on", up_src, size,
                                  up_10k, 3, checkpoint=ucp)
        up_main = ["up_8m", "up_8m_cp", "up_10k", "up_10k_cp"]
        run_alternating([P[k] for k in up_main], RUNS, "upload")
        ut_pairs = [P["up_8m"] if t == 3 else b.upload(f"{t} threads, 8 MiB parts", up_src, size, 8 * MiB, t) for t in threads]
        run_alternating([p for t, p in zip(threads, ut_pairs) if t != 3], RUNS, "upload threads")
        up_psizes = [up_10k, 256 * 1024, 1 * MiB, 8 * MiB, 16 * MiB, 64 * MiB]
        known = {up_10k: P["up_10k"], 8 * MiB: P["up_8m"]}
        up_pairs = [known.get(s) or b.upload(f"{psize_name(s, parts_10k)} parts, 3 threads", up_src, size, s, 3)
                    for s in up_psizes]
        run_alternating([p for s, p in zip(up_psizes, up_pairs) if s not in known], RUNS, "upload part sizes")
        P["up_16t"] = ut_pairs[threads.index(16)]
        P["up_psize"] = []
        for i, p in enumerate(up_pairs):
            P[f"up_p{i}"] = p
            P["up_psize"].append(f"up_p{i}")
        report.append(lambda: pair_table("Resumable upload (oss_resumable_upload_file)",
                                         [P[k] for k in up_main] + [P["up_16t"]]))
        report.append(lambda: pair_table("Upload thread scaling (8 MiB parts, checkpoint off)", ut_pairs))
        report.append(lambda: pair_table("Upload part sizes (3 threads, checkpoint off)", up_pairs))

        log("single requests and small operations")
        P["put"] = b.pair(f"PutObject of a {SIZE_MIB} MiB file (oss_put_object_from_file)", "put", [BUCKET, "put.bin", up_src], size)
        P["get_buffer"] = b.pair(f"oss_get_object_to_buffer, {BUFFER_MIB} MiB", "get-buffer", [BUCKET, "buf.bin"], buf_size)
        P["heads"] = b.pair(f"{HEADS} × oss_head_object, one process", "heads", ["-n", str(HEADS), BUCKET, "tiny.bin"], 0)
        P["small"] = b.pair(f"{SMALL} × PUT + {SMALL} × GET of 4 KiB (buffer calls), one process", "small",
                            ["-n", str(SMALL), BUCKET, "small/obj"], 0)
        floor = []
        if os.path.exists(RAW_HEADS):
            port = oss_ep.rsplit(":", 1)[1]
            P["raw_heads"] = Case([RAW_HEADS, port, BUCKET, "tiny.bin", str(HEADS)], 0)
            floor = [(f"{HEADS} HEADs over one raw keep-alive socket, unsigned, no HTTP library (the floor)",
                      P["raw_heads"])]
        run_alternating([P["put"], P["get_buffer"], P["heads"], P["small"]] + [c for _, c in floor], RUNS, "requests")
        report.append(lambda: pair_table("Single requests", [P["put"], P["get_buffer"]]))
        report.append(lambda: pair_table("Many small operations in one process (connection reuse)",
                                         [P["heads"], P["small"]], with_mbs=False))
        if floor:
            report.append(lambda: single_table("The floor under small operations: the loopback round trip and the "
                                               "server's work, which every client pays", floor))

        if NGINX:
            report.append(nginx_section(root, work, shm, src, size, procs))
        if BIG:
            report.append(big_section(root, work, procs))

        log("where the time goes (strace)")
        diag = diagnose([("download 8 MiB × 3, tmpfs", P["dl_tmpfs"]), ("download 8 MiB × 3, disk", P["dl_disk"]),
                         ("download 16 threads", P["dl_t16"]), ("download 10,000 parts", P["dl_10k"]),
                         ("download 10,000 parts, checkpoint", P["dl_10k_cp"]),
                         ("upload 8 MiB × 3", P["up_8m"]), ("upload 10,000 parts", P["up_10k"]),
                         ("upload 10,000 parts, checkpoint", P["up_10k_cp"]), ("PutObject", P["put"]),
                         ("HEADs", P["heads"]), ("small PUT + GET", P["small"])])
        report.append(lambda: diag)

        # Objects the slow case does not need go, so its ~14 GiB find room (the server accepts
        # unsigned requests: --anonymous).
        for key in ("up.bin", "put.bin", "buf.bin"):
            subprocess.run(["curl", "-sS", "-o", "/dev/null", "-X", "DELETE", f"http://{oss_ep}/{BUCKET}/{key}"], check=False)
        for c in deferred:
            log(f"  slow official case, once (timeout {SLOW_TIMEOUT} s): {' '.join(c.cmd[1:])}")
            c.deferred = False
            c.run_once()

        os.makedirs(OUT, exist_ok=True)
        plot(os.path.join(OUT, "download-threads.png"), f"download {SIZE_MIB} MiB, 8 MiB parts, into tmpfs", "threads", threads, t_pairs)
        plot(os.path.join(OUT, "download-part-size.png"), f"download {SIZE_MIB} MiB, 3 threads, into tmpfs", "part size (KiB)",
             [s // 1024 for s in psizes], p_pairs)
        plot(os.path.join(OUT, "upload-threads.png"), f"upload {SIZE_MIB} MiB, 8 MiB parts", "threads", threads, ut_pairs)
        plot(os.path.join(OUT, "upload-part-size.png"), f"upload {SIZE_MIB} MiB, 3 threads", "part size (KiB)",
             [s // 1024 for s in up_psizes], up_pairs)
        if OFFICIAL:
            report.insert(1, targets(P))
            report.insert(2, summary(P))
        else:
            report.insert(1, "**No official SDK in this run** (no source tree): its columns are empty and no target is judged.\n")
        report.append(f"Total bench time {time.time() - started:.0f} s; load average at the end "
                      f"{os.getloadavg()[0]:.2f}. Command: `bench/run.sh` with BENCH_RUNS={RUNS} "
                      f"BENCH_SIZE_MIB={SIZE_MIB} BENCH_QUICK={int(QUICK)}.\n")
        text = "\n".join(part() if callable(part) else part for part in report)
        with open(os.path.join(OUT, "results.md"), "w") as f:
            f.write(text)
        print(text)
    finally:
        for p in procs:
            p.terminate()
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(shm, ignore_errors=True)


def psize_name(s, parts_10k):
    if s == parts_10k:
        return f"10,000 × {s / 1024:.0f} KiB"
    if s % MiB == 0:
        return f"{s // MiB} MiB"
    if s % 1024 == 0:
        return f"{s // 1024} KiB"
    return f"{s / 1024:.0f} KiB"


def nginx_section(root, work, shm, src, size, procs):
    """Downloads from nginx (unsigned requests are served as they are) beside curl, aria2 and cp."""
    log("nginx")
    ngx, ngx_ep = start_nginx(root, work)
    procs.append(ngx)
    url = f"http://{ngx_ep}/{BUCKET}/obj.bin"
    shm_out, disk_out = os.path.join(shm, "out.bin"), os.path.join(work, "out.bin")
    b = Bench(ngx_ep)
    tmpfs = b.download("8 MiB parts, 3 threads, into tmpfs (nginx)", "obj.bin", size, shm_out, 8 * MiB, 3)
    disk = b.download("8 MiB parts, 3 threads, to disk (nginx)", "obj.bin", size, disk_out, 8 * MiB, 3, disk=True)
    refs = [
        ("curl, one stream, into tmpfs", Case(["curl", "-sS", "-f", "-o", shm_out, url], size, output=shm_out)),
        ("curl, one stream, to /dev/null (network ceiling)", Case(["curl", "-sS", "-f", "-o", "/dev/null", url], size)),
        ("curl, one stream, to a file on disk (not synced)", Case(["curl", "-sS", "-f", "-o", disk_out, url], size, output=disk_out, disk=True)),
        ("aria2c -x8 -s8, to disk", Case(["aria2c", "-q", "-x8", "-s8", "--allow-overwrite=true", "--file-allocation=none",
                                          "-d", work, "-o", "out.bin", url], size, output=disk_out, disk=True)),
        ("cp of the source file to disk (file-write ceiling)", Case(["cp", src, disk_out], size, output=disk_out, disk=True)),
    ]
    run_alternating([tmpfs, disk] + [c for _, c in refs], RUNS, "nginx")
    return (pair_table("From nginx (the same object, unsigned requests ignored by nginx)", [tmpfs]) + "\n"
            + pair_table("From nginx, to disk", [disk], durable=True) + "\n"
            + single_table("Reference programs against the same nginx", refs))


def big_section(root, work, procs):
    log("8 GiB sparse object")
    big = os.path.join(root, BUCKET, "big.bin")
    with open(big, "wb") as f:
        f.truncate(8 * 1024 * MiB)
    ngx = [p for p in procs if p.args and p.args[0] == "nginx"]
    if not ngx:
        return ""
    ep = open(os.path.join(work, "nginx.conf")).read().split("listen ")[1].split(";")[0]
    out = os.path.join(work, "big.out")
    c = Bench(ep).driver(OURS, "download", ["-p", str(8 * MiB), "-t", "3", BUCKET, "big.bin", out], 8 * 1024 * MiB, output=out)
    run_alternating([c], 1, "big")
    os.remove(big)
    return single_table("Peak RSS flat in object size (ours, 8 GiB sparse object from nginx, to disk, 1 run)",
                        [("8 MiB parts, 3 threads", c)])


if __name__ == "__main__":
    # SIGTERM (e.g. from `timeout`) unwinds like Ctrl-C: the servers and the running driver are stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    main()
