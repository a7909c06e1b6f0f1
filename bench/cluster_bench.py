#!/usr/bin/env python3
"""Side-by-side throughput of garden-cluster and Drain3 on the same lines, in one run.

usage: bench/cluster_bench.py [--lines N] [--runs K] [--peer-runs K] [--seed S] [--data DIR] [--keep FILE]

Builds N lines (default 1,000,000): the Loghub 2k dev datasets' messages repeated with their variable
fields changed (digits and hex re-drawn), interleaved with a generated Cloud Run application stream.
Then times, K times each (default 3), on the same file:
  ours:   garden-parse --format lines FILE | garden-cluster      (release build)
  drain3: drain3.TemplateMiner().add_log_message(line) for every line (PyPI drain3, default config,
          in a venv this script makes under /tmp/loghub-peers)
and prints the median lines/second of each, their ratio, and each side's peak RSS (largest of the
runs, from wait4). Timings go to stdout and to bench/runs/<date>-cluster.txt. Not a test: the machine is
noisy, so read medians and ratios.
"""
import argparse, csv, os, random, re, resource, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VENV = "/tmp/loghub-peers"


def loghub_messages(data):
    msgs = []
    for name in sorted(os.listdir(data)):
        path = os.path.join(data, name, f"{name}_2k.log_structured_corrected.csv")
        if not os.path.exists(path):
            continue
        with open(path, newline="", encoding="utf-8", errors="replace") as fh:
            msgs += [row["Content"] for row in csv.DictReader(fh)]
    return msgs


CLOUD_RUN = [
    "GET /api/chat/{id} 200 in {ms}ms",
    "POST /api/sessions 503 in {s}s",
    "Database query timed out after {s}s on table conversations (pool {n})",
    "JWT validation failed for user usr_{hex}: token expired",
    "LLM Manager initialized with {n} providers in {ms}ms",
    "request req_{ts}_{n}_{hex} completed for tenant {n}",
    "Cache miss for key session:{hex} after {ms}ms",
    "Worker {n} started on instance 00{hex}{hex}",
]


def redraw(msg, rnd):
    msg = re.sub(r"\d", lambda m: str(rnd.randrange(10)), msg)
    return re.sub(r"\b[0-9a-f]{8,}\b", lambda m: "%0*x" % (len(m.group()), rnd.getrandbits(4 * len(m.group()))), msg)


def make_lines(n, seed, data, path):
    rnd = random.Random(seed)
    base = loghub_messages(data)
    if not base:
        sys.exit(f"no Loghub datasets under {data}")
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            if i % 4 == 3:
                t = CLOUD_RUN[rnd.randrange(len(CLOUD_RUN))]
                line = t.format(id=rnd.randrange(10**6), ms=rnd.randrange(2000), s=round(rnd.uniform(0.1, 40), 2),
                                n=rnd.randrange(100), hex="%08x" % rnd.getrandbits(32), ts=1757896982000 + i)
            else:
                line = redraw(base[rnd.randrange(len(base))], rnd)
            out.write(line.replace("\n", " ") + "\n")


def timed(cmd, **kw):
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, **kw)
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"command failed ({status}): {cmd}")
    return elapsed, usage.ru_maxrss / 1024.0


def ensure_drain3():
    py = os.path.join(VENV, "bin", "python")
    if not os.path.exists(py):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
    if subprocess.call([py, "-c", "import drain3"], stderr=subprocess.DEVNULL) != 0:
        subprocess.check_call([py, "-m", "pip", "install", "-q", "drain3"])
    return py


DRAIN3 = r"""
import sys, logging
logging.disable(logging.CRITICAL)
from drain3 import TemplateMiner
m = TemplateMiner()
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m.add_log_message(line.rstrip("\n"))
print(len(m.drain.clusters))
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--peer-runs", type=int, help="runs of Drain3 (default: --runs); it takes minutes per run")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--data", default=os.path.join(os.path.dirname(ROOT), "shared", "data", "loghub-dev"))
    ap.add_argument("--keep")
    a = ap.parse_args()
    subprocess.check_call(["swift", "build", "-c", "release"], cwd=ROOT, stdout=subprocess.DEVNULL)
    bin_dir = os.path.join(ROOT, ".build", "release")
    py = ensure_drain3()
    path = a.keep or tempfile.mktemp(suffix=".log")
    make_lines(a.lines, a.seed, a.data, path)
    mb = os.path.getsize(path) / 1e6
    ours_cmd = ["bash", "-c", f'"{bin_dir}/garden-parse" --format lines "$1" | "{bin_dir}/garden-cluster"', "bench", path]
    drain_script = os.path.join(tempfile.gettempdir(), "drain3_bench.py")
    with open(drain_script, "w") as fh:
        fh.write(DRAIN3)
    rows = {}
    for name, cmd, runs in (("garden", ours_cmd, a.runs), ("drain3", [py, drain_script, path], a.peer_runs or a.runs)):
        times, rss = [], 0.0
        for i in range(runs):
            t, r = timed(cmd)
            times.append(t)
            rss = max(rss, r)
            print(f"  {name} run {i + 1}: {t:.2f} s, {a.lines / t:,.0f} lines/s, peak RSS {r:.1f} MB", flush=True)
        rows[name] = (statistics.median(times), rss, times)
    report = [f"cluster benchmark: {a.lines} lines ({mb:.1f} MB), medians of {a.runs} (garden) and {a.peer_runs or a.runs} (drain3) runs",
              f"{'peer':8} {'median s':>9} {'lines/s':>12} {'peak RSS MB':>12}  runs"]
    for name, (med, rss, times) in rows.items():
        report.append(f"{name:8} {med:9.2f} {a.lines / med:12,.0f} {rss:12.1f}  " + " ".join(f"{t:.2f}" for t in times))
    report.append(f"ratio garden/drain3 lines per second: {rows['drain3'][0] / rows['garden'][0]:.1f}x")
    text = "\n".join(report)
    print(text)
    os.makedirs(os.path.join(HERE, "runs"), exist_ok=True)
    with open(os.path.join(HERE, "runs", time.strftime("%Y-%m-%d") + "-cluster.txt"), "w") as fh:
        fh.write(text + "\n")
    if not a.keep:
        os.unlink(path)


if __name__ == "__main__":
    main()
