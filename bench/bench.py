#!/usr/bin/env python3
"""Download benchmarks, side by side in one run.

Serves one generated object from nginx and from our oss-server (same file, 127.0.0.1), then times
our oss_download CLI (the C API) at several part sizes and thread counts, with and without
checkpoint and CRC, next to curl (to a file and to /dev/null), aria2c and cp (the file-write
ceiling). Each case runs RUNS times, alternating between programs; the table gives medians (and
the best run for the headline tmpfs comparison) of wall time, MB/s, CPU seconds (user+sys) and
peak RSS, from /usr/bin/time. Writes bench/results.md and the PNG curves, and prints the table.

    bench/run.sh                      # installs what is missing, builds, runs this
    BENCH_RUNS=5 BENCH_SIZE_MIB=1024 BENCH_BIG=1 bench/run.sh

Environment: BENCH_RUNS (default 3, the tmpfs headline uses max(5, RUNS)), BENCH_SIZE_MIB (1024),
BENCH_BIG=1 adds an 8 GiB sparse object (peak RSS flat in object size), BENCH_OUT (bench/).
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
SIZE_MIB = int(os.environ.get("BENCH_SIZE_MIB", "1024"))
BIG = os.environ.get("BENCH_BIG") == "1"
OUT = os.environ.get("BENCH_OUT", os.path.join(REPO, "bench"))
TARGET_DIR = os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target"))
SERVER_BIN = os.path.join(TARGET_DIR, "release", "oss-server")
CLI = os.path.join(REPO, "build", "c_examples", "oss_download")
BUCKET = "bench"
AK, SK = "LTAI5tLocalTestKey", "LocalTestSecret0123456789abcdef"
MiB = 1024 * 1024


def log(*args):
    print(*args, file=sys.stderr, flush=True)


class Timed:
    """One run: wall seconds, CPU seconds (user + sys), peak RSS in MiB."""

    def __init__(self, wall, cpu, rss):
        self.wall, self.cpu, self.rss = wall, cpu, rss


def timed(cmd, env=None):
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        full = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", tf.name] + cmd
        r = subprocess.run(full, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr[-2000:]}")
        wall, user, sys_, rss_kib = tf.read().split()[-4:]
        return Timed(float(wall), float(user) + float(sys_), int(rss_kib) / 1024.0)


def wait_for_line(path, timeout=120):
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
    for _ in range(100):
        try:
            import urllib.request
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            break
        except Exception as e:  # 403/404 still mean "up"
            if hasattr(e, "code"):
                break
            time.sleep(0.05)
    return proc, f"127.0.0.1:{port}"


def start_oss_server(root, work, objects):
    addr_file = os.path.join(work, "oss-server.addr")
    cmd = [SERVER_BIN, "--listen", "127.0.0.1:0", "--root", root, "--anonymous"]
    for spec in objects:
        cmd += ["--create-object", spec]
    proc = subprocess.Popen(cmd, stdout=open(addr_file, "w"), stderr=subprocess.DEVNULL)
    return proc, wait_for_line(addr_file, timeout=600)


class Case:
    def __init__(self, name, group, cmd, output, size, env=None):
        self.name, self.group, self.cmd, self.output, self.size, self.env = name, group, cmd, output, size, env
        self.runs = []

    def run_once(self):
        for path in (self.output, self.output + ".cp", self.output + ".tmp"):
            if path and path != "/dev/null" and os.path.exists(path):
                os.remove(path)
        self.runs.append(timed(self.cmd, self.env))
        if self.output and self.output != "/dev/null":
            got = os.path.getsize(self.output)
            if got != self.size:
                raise RuntimeError(f"{self.name}: wrote {got} bytes, expected {self.size}")
            os.remove(self.output)

    def median(self, attr):
        return statistics.median(getattr(r, attr) for r in self.runs)

    def best(self, attr):
        return min(getattr(r, attr) for r in self.runs)


def ours(name, group, endpoint, key, size, out, part, threads, checkpoint=True, crc=True):
    cmd = [CLI, "-q", "-p", str(part), "-t", str(threads)]
    if not checkpoint:
        cmd.append("-n")
    if not crc:
        cmd.append("-C")
    cmd += [BUCKET, key, out]
    env = dict(os.environ, OSS_ENDPOINT=f"http://{endpoint}", OSS_ACCESS_KEY_ID=AK, OSS_ACCESS_KEY_SECRET=SK)
    return Case(name, group, cmd, out, size, env)


def curl(name, group, url, out, size):
    return Case(name, group, ["curl", "-sS", "-f", "-o", out, url], out, size)


def run_alternating(cases, runs):
    for i in range(runs):
        for c in cases:
            log(f"  run {i + 1}/{runs}: {c.name}")
            c.run_once()


def fmt_row(c, base=None):
    wall, cpu, rss = c.median("wall"), c.median("cpu"), max(r.rss for r in c.runs)
    mbs = c.size / 1e6 / wall
    ratio = f"{wall / base.median('wall'):.2f} / {cpu / base.median('cpu'):.2f}" if base else ""
    return f"| {c.name} | {wall:.2f} | {mbs:.0f} | {cpu:.2f} | {rss:.1f} | {ratio} |"


def table(title, cases, base=None):
    lines = [f"### {title}", "", "| case | wall s (median) | MB/s | CPU s (median) | peak RSS MiB | wall / CPU vs curl |",
             "|---|---|---|---|---|---|"]
    lines += [fmt_row(c, base) for c in cases]
    return "\n".join(lines) + "\n"


def plot(path, title, xlabel, points, logx=False):
    data = path + ".dat"
    with open(data, "w") as f:
        for x, y in points:
            f.write(f"{x} {y}\n")
    script = f"""
set terminal pngcairo size 720,420 noenhanced
set output '{path}'
set title '{title}'
set xlabel '{xlabel}'
set ylabel 'MB/s (median)'
set grid
set yrange [0:*]
{'set logscale x 2' if logx else ''}
plot '{data}' using 1:2 with linespoints lw 2 pt 7 notitle
"""
    subprocess.run(["gnuplot"], input=script, text=True, check=True)
    os.remove(data)


def main():
    size = SIZE_MIB * MiB
    small = 256 * MiB
    parts_10k = -(-size // 10_000)
    work = tempfile.mkdtemp(prefix="oss-bench-", dir="/var/tmp")
    shm = tempfile.mkdtemp(prefix="oss-bench-", dir="/dev/shm")
    os.chmod(work, 0o755)
    root = os.path.join(work, "storage")
    procs = []
    try:
        log(f"generating a {SIZE_MIB} MiB and a 256 MiB object")
        objects = [f"{BUCKET}/obj.bin={size}", f"{BUCKET}/small.bin={small}"]
        oss, oss_ep = start_oss_server(root, work, objects)
        procs.append(oss)
        for d in (root, os.path.join(root, BUCKET)):
            os.chmod(d, 0o755)
        if BIG:
            big = os.path.join(root, BUCKET, "big.bin")
            with open(big, "wb") as f:
                f.truncate(8 * 1024 * MiB)
        ngx, ngx_ep = start_nginx(root, work)
        procs.append(ngx)
        src = os.path.join(root, BUCKET, "obj.bin")
        subprocess.run(["cat", src], stdout=subprocess.DEVNULL, check=True)  # page-cache it
        url = f"http://{ngx_ep}/{BUCKET}/obj.bin"
        disk_out, shm_out = os.path.join(work, "out.bin"), os.path.join(shm, "out.bin")
        report = [f"Object: {SIZE_MIB} MiB, served by nginx on 127.0.0.1 (and by oss-server where said); "
                  f"{RUNS} runs per case unless said, alternated; CPU = user + sys; ratios are ours / curl to a "
                  f"file in the same place.\n"]

        # 1. Headline, into tmpfs: ours vs curl, best and median of >= 5 alternated runs.
        log("tmpfs headline")
        head_runs = max(5, RUNS)
        h_ours = ours("ours, 8 MiB parts, 3 threads, CRC on, to tmpfs", "head", ngx_ep, "obj.bin", size, shm_out, 8 * MiB, 3, checkpoint=False)
        h_curl = curl("curl, one stream, to tmpfs", "head", url, shm_out, size)
        run_alternating([h_ours, h_curl], head_runs)
        report.append(table(f"Into tmpfs (/dev/shm), median of {head_runs} alternated runs", [h_ours, h_curl], base=h_curl))
        report.append(f"Best of {head_runs}: ours {h_ours.best('wall'):.2f} s wall / {h_ours.best('cpu'):.2f} s CPU; "
                      f"curl {h_curl.best('wall'):.2f} s / {h_curl.best('cpu'):.2f} s; ratios (best/best) wall "
                      f"{h_ours.best('wall') / h_curl.best('wall'):.2f}, CPU {h_ours.best('cpu') / h_curl.best('cpu'):.2f}.\n")

        # 2. To disk, against the field.
        log("to disk")
        d_curl = curl("curl, one stream, to a file", "disk", url, disk_out, size)
        cases = [
            ours("ours, 8 MiB parts, 3 threads, CRC on", "disk", ngx_ep, "obj.bin", size, disk_out, 8 * MiB, 3, checkpoint=False),
            ours("ours, same, checkpoint on", "disk", ngx_ep, "obj.bin", size, disk_out, 8 * MiB, 3),
            ours("ours, same, CRC off", "disk", ngx_ep, "obj.bin", size, disk_out, 8 * MiB, 3, checkpoint=False, crc=False),
            d_curl,
            curl("curl, one stream, to /dev/null (network ceiling)", "disk", url, "/dev/null", size),
            Case("aria2c -x8 -s8", "disk", ["aria2c", "-q", "-x8", "-s8", "--allow-overwrite=true", "--file-allocation=none",
                                             "-d", work, "-o", "out.bin", url], disk_out, size),
            Case("cp of the page-cached file (file-write ceiling)", "disk", ["cp", src, disk_out], disk_out, size),
        ]
        run_alternating(cases, RUNS)
        report.append(table("To a file on disk", cases, base=d_curl))

        # 3. Small parts and many parts, into tmpfs.
        log("part counts")
        s_curl = curl("curl, 256 MiB, to tmpfs", "parts", f"http://{ngx_ep}/{BUCKET}/small.bin", shm_out, small)
        cases = [
            ours("ours, 256 MiB, 8 MiB parts, 3 threads", "parts", ngx_ep, "small.bin", small, shm_out, 8 * MiB, 3, checkpoint=False),
            ours("ours, 256 MiB, 100 KiB parts, 3 threads", "parts", ngx_ep, "small.bin", small, shm_out, 100 * 1024, 3, checkpoint=False),
            s_curl,
            ours(f"ours, {SIZE_MIB} MiB as 10,000 parts, checkpoint off", "parts", ngx_ep, "obj.bin", size, shm_out, parts_10k, 3, checkpoint=False),
            ours(f"ours, {SIZE_MIB} MiB as 10,000 parts, checkpoint on", "parts", ngx_ep, "obj.bin", size, shm_out, parts_10k, 3),
            ours(f"ours, {SIZE_MIB} MiB as 100 parts, checkpoint on", "parts", ngx_ep, "obj.bin", size, shm_out, -(-size // 100), 3),
        ]
        run_alternating(cases, RUNS)
        report.append(table("Part sizes and part counts, into tmpfs", cases))

        # 4. Against our own OSS server (signed requests for ours, anonymous for curl).
        log("oss-server")
        oss_url = f"http://{oss_ep}/{BUCKET}/obj.bin"
        o_curl = curl("curl, one stream, to tmpfs (oss-server)", "oss", oss_url, shm_out, size)
        cases = [
            ours("ours, 8 MiB parts, 3 threads, to tmpfs (oss-server, V1-signed)", "oss", oss_ep, "obj.bin", size, shm_out, 8 * MiB, 3, checkpoint=False),
            o_curl,
            curl("curl, one stream, to /dev/null (oss-server)", "oss", oss_url, "/dev/null", size),
        ]
        run_alternating(cases, RUNS)
        report.append(table("Against the local oss-server", cases, base=o_curl))

        # 5. Curves, into tmpfs.
        log("curves")
        threads = [1, 2, 3, 4, 8, 16]
        t_cases = [ours(f"{t} threads", "threads", ngx_ep, "obj.bin", size, shm_out, 8 * MiB, t, checkpoint=False) for t in threads]
        run_alternating(t_cases, RUNS)
        sizes_kib = [256, 1024, 4096, 8192, 16384, 65536]
        p_cases = [ours(f"{k} KiB parts", "psize", ngx_ep, "obj.bin", size, shm_out, k * 1024, 3, checkpoint=False) for k in sizes_kib]
        run_alternating(p_cases, RUNS)
        report.append(table("Thread scaling (8 MiB parts, into tmpfs)", t_cases))
        report.append(table("Part-size curve (3 threads, into tmpfs)", p_cases))
        os.makedirs(OUT, exist_ok=True)
        plot(os.path.join(OUT, "thread-scaling.png"), f"{SIZE_MIB} MiB, 8 MiB parts, into tmpfs", "threads",
             [(t, c.size / 1e6 / c.median("wall")) for t, c in zip(threads, t_cases)], logx=True)
        plot(os.path.join(OUT, "part-size.png"), f"{SIZE_MIB} MiB, 3 threads, into tmpfs", "part size (KiB)",
             [(k, c.size / 1e6 / c.median("wall")) for k, c in zip(sizes_kib, p_cases)], logx=True)

        if BIG:
            log("8 GiB sparse object")
            big_out = os.path.join(work, "big.out")
            c = ours("ours, 8 GiB sparse object, 8 MiB parts, 3 threads, to disk", "big", ngx_ep, "big.bin", 8 * 1024 * MiB, big_out, 8 * MiB, 3)
            run_alternating([c], 1)
            report.append(table("Peak RSS flat in object size (1 run)", [c]))

        text = "\n".join(report)
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


if __name__ == "__main__":
    main()
