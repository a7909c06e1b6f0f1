#!/usr/bin/env python3
"""Side-by-side throughput of garden-parse and jq doing the same field extraction, in one run.

usage: bench/parse_bench.py [--size 200M] [--seed 1] [--runs K] [--big] [--garden-cmd CMD]
                            [--no-build] [--data-dir DIR] [--keep]

Generates (once, cached in --data-dir) a gcloud JSON array with bench/gen-export.py --size 200M
--seed 1, then times, K times each (default 3), output to /dev/null:
  garden:    .build/release/garden-parse FILE   (built first with swift build -c release; one
             thread per CPU, at most 8: the default)
  garden-1t: the same with --threads 1
  jq:     jq -c '.[] | {ts: .timestamp, severity: ..., message: ..., ...}' FILE  (Debian's jq)
and prints each side's median seconds, MB/s (10^6 bytes), the throughput ratio garden/jq, and each
side's peak RSS (largest over the runs, from wait4) and median CPU seconds (user + system), so
the work per byte can be compared apart from the threads. Before timing, one untimed pass on the 20 MB
file counts each side's output lines, so a stand-in or broken build that does no work shows up.

Memory flatness: garden-parse also runs once on a 20 MB file and (with --big) a 2 GB file; their
peak RSS is printed next to the 200 MB one. Flat means the three are about equal.

--garden-cmd replaces the garden command (a shell-like string; {file} is replaced by the input
path, or the path is appended), e.g. to check the plumbing before garden-parse exists:
  bench/parse_bench.py --size 20M --runs 1 --garden-cmd "jq -c '.[] | .insertId' {file}"

Results are appended to bench/runs/<date>-parse.txt. Exit status: 0 when every command finished,
1 when one failed (the report says which), 2 for a setup problem (jq missing, build failed).
Not a test: the machine is shared and noisy, so read medians and ratios.
"""
import argparse
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GEN = os.path.join(HERE, "gen-export.py")

JQ_FILTER = (
    '.[] | {ts: .timestamp, severity: (.severity // "DEFAULT"), message: (.textPayload // '
    '.jsonPayload.message // .protoPayload.methodName // ""), service: .resource.labels.service_name, '
    "revision: .resource.labels.revision_name, log: .logName, id: .insertId, trace: .trace}"
)
SIZE_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}
# garden-parse exit statuses that still mean "read the whole input" (see docs: rejected, partial).
GARDEN_FINISHED = {0, 2, 3}


def parse_size(text):
    m = re.fullmatch(r"(\d+)([KMG]?)", text.strip().upper())
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (try 20M, 200M, 2G)")
    return int(m.group(1)) * SIZE_UNITS[m.group(2)]


def human(n):
    for unit, div in (("G", 1024**3), ("M", 1024**2), ("K", 1024)):
        if n >= div and n % div == 0:
            return f"{n // div}{unit}"
    return str(n)


def log(msg):
    print(f"[parse-bench] {msg}", file=sys.stderr, flush=True)


def export(data_dir, size, seed):
    """Path of a generated export of `size` bytes, made once and reused (by size and seed)."""
    path = os.path.join(data_dir, f"export-{human(size)}-seed{seed}.json")
    if os.path.exists(path) and os.path.getsize(path) > 0:
        return path
    os.makedirs(data_dir, exist_ok=True)
    need = size * 1.1 + (64 << 20)
    free = shutil.disk_usage(data_dir).free
    if free < need:
        sys.exit(f"parse-bench: {data_dir} has {free >> 20} MiB free, {int(need) >> 20} MiB needed for {human(size)}")
    log(f"generating {path} (gen-export.py --size {human(size)} --seed {seed})")
    tmp = path + ".partial"
    start = time.perf_counter()
    subprocess.check_call([sys.executable, GEN, "--size", human(size), "--seed", str(seed), "-o", tmp])
    os.replace(tmp, path)  # a killed run leaves only .partial, never a short export under the real name
    log(f"generated {os.path.getsize(path) / 1e6:.1f} MB in {time.perf_counter() - start:.0f}s")
    return path


def command(template, path):
    """argv for a command template: {file} is replaced by path, else path is appended."""
    argv = shlex.split(template)
    if any("{file}" in a for a in argv):
        return [a.replace("{file}", path) for a in argv]
    return argv + [path]


def timed(argv):
    """Runs argv with stdout to /dev/null; returns (seconds, peak RSS MiB, exit status, stderr tail,
    CPU seconds user + system)."""
    start = time.perf_counter()
    try:
        p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    except OSError as e:
        return 0.0, 0.0, 127, str(e), 0.0
    # Read stderr while waiting so a chatty command cannot block on a full pipe; keep its tail.
    tail = b""
    for chunk in iter(lambda: p.stderr.read(65536), b""):
        tail = (tail + chunk)[-4096:]
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
    p.stderr.close()
    p.returncode = os.waitstatus_to_exitcode(status)  # reaped here; keeps Popen from waiting again
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, usage.ru_maxrss / 1024.0, p.returncode, tail.decode("utf-8", "replace").strip(), cpu


def count_lines(argv):
    """Output lines of one untimed run, and its exit status. Streams, so this process stays small:
    a child's ru_maxrss can never read below its parent's RSS at fork time (see rss_floor)."""
    try:
        p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:
        return 0, 127
    lines = 0
    for chunk in iter(lambda: p.stdout.read(1 << 16), b""):
        lines += chunk.count(b"\n")
    p.stdout.close()
    return lines, p.wait()


def rss_floor():
    """Peak RSS wait4 reports for a command that does nothing. Linux counts a child's memory from
    before its exec (the forked copy of this script), so no measurement here can read lower."""
    _, rss, _, _, _ = timed(["/bin/true"])
    return rss


def ok(name, status):
    return status in GARDEN_FINISHED if name.startswith("garden") else status == 0


def check_jq():
    jq = shutil.which("jq")
    if not jq:
        sys.exit("parse-bench: jq is not installed; install Debian's with: sudo apt-get install -y jq")
    version = subprocess.run([jq, "--version"], capture_output=True, text=True).stdout.strip()
    return jq, version


def build():
    log("building garden-parse (swift build -c release --product garden-parse)")
    p = subprocess.run(["swift", "build", "-c", "release", "--product", "garden-parse"], cwd=ROOT,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stderr[-4000:])
        sys.exit("parse-bench: swift build -c release failed")


def git_head():
    p = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return p.stdout.strip() or "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=parse_size, default=parse_size("200M"), help="export size timed (default 200M)")
    ap.add_argument("--seed", type=int, default=1, help="gen-export seed (default 1)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per command (default 3)")
    ap.add_argument("--big", action="store_true", help="also measure garden-parse peak RSS on a 2 GB export")
    ap.add_argument("--garden-cmd", help="garden command template ({file} = input); default the release binary")
    ap.add_argument("--no-build", action="store_true", help="do not run swift build -c release first")
    ap.add_argument("--data-dir", default="/tmp/garden-parse-bench", help="where exports are generated and kept")
    ap.add_argument("--keep", action="store_true", help="keep the generated exports (default: delete the 2 GB one)")
    a = ap.parse_args()
    if a.runs < 1:
        ap.error("--runs must be at least 1")

    jq, jq_version = check_jq()
    binary = os.path.join(ROOT, ".build", "release", "garden-parse")
    if a.garden_cmd:
        garden_template = a.garden_cmd
    else:
        if not a.no_build:
            build()
        if not os.access(binary, os.X_OK):
            sys.exit(f"parse-bench: {binary} is missing; build with: swift build -c release")
        garden_template = shlex.quote(binary) + " {file}"

    main_file = export(a.data_dir, a.size, a.seed)
    small_file = export(a.data_dir, parse_size("20M"), a.seed)
    size_mb = os.path.getsize(main_file) / 1e6
    commands = {
        "garden": lambda f: command(garden_template, f),
        "jq": lambda f: [jq, "-c", JQ_FILTER, f],
    }
    if not a.garden_cmd:
        # The same binary on one thread: what it costs when the other cores are busy (cron, a pipe).
        commands["garden-1t"] = lambda f: command(garden_template, f) + ["--threads", "1"]

    failed = []
    # Untimed sanity pass: both sides must produce output (garden-parse adds a closing meta line and
    # may stitch or drop entries, so the counts are printed, not compared).
    sanity = {}
    for name, make in commands.items():
        lines, status = count_lines(make(small_file))
        sanity[name] = (lines, status)
        if not ok(name, status):
            failed.append(f"{name} exited {status} on the 20 MB export")
        elif lines == 0:
            failed.append(f"{name} wrote no output on the 20 MB export (placeholder or stand-in?)")

    # Warm the page cache so the first timed run does not pay for the disk alone.
    # (cat, not a read loop here: this process's RSS is the floor of every child's ru_maxrss.)
    subprocess.run(["cat", main_file], stdout=subprocess.DEVNULL, check=False)

    # Runs alternate between the tools so drift in machine load hits both alike.
    runs = {name: ([], 0.0, [], []) for name in commands}
    for i in range(a.runs):
        for name, make in commands.items():
            times, rss, statuses, cpus = runs[name]
            if statuses and not ok(name, statuses[-1]):
                continue  # a failing command's timings mean nothing; do not repeat it
            log(f"{name} run {i + 1}/{a.runs} on {size_mb:.0f} MB")
            t, r, status, tail, cpu = timed(make(main_file))
            times.append(t)
            statuses.append(status)
            cpus.append(cpu)
            runs[name] = (times, max(rss, r), statuses, cpus)
            if not ok(name, status):
                failed.append(f"{name} run {i + 1} exited {status}: {tail[-300:]}")
    rows = {name: (statistics.median(t), rss, t, st, statistics.median(c)) for name, (t, rss, st, c) in runs.items()}

    # Peak RSS of garden-parse by input size; the main size comes from the timed runs above.
    flat = [(human(a.size), os.path.getsize(main_file), rows["garden"][1], rows["garden"][3][-1])]
    if small_file != main_file:
        _, r, status, tail, _ = timed(commands["garden"](small_file))
        flat.insert(0, ("20M", os.path.getsize(small_file), r, status))
        if not ok("garden", status):
            failed.append(f"garden exited {status} on the 20M export: {tail[-300:]}")
    big_file = None
    if a.big:
        big_file = export(a.data_dir, parse_size("2G"), a.seed)
        log("garden run on the 2 GB export (memory flatness)")
        t, r, status, tail, _ = timed(commands["garden"](big_file))
        flat.append((f"2G ({t:.0f}s)", os.path.getsize(big_file), r, status))
        if not ok("garden", status):
            failed.append(f"garden exited {status} on the 2 GB export: {tail[-300:]}")

    floor = rss_floor()
    g_med, j_med = rows["garden"][0], rows["jq"][0]
    report = [
        f"parse benchmark {time.strftime('%Y-%m-%d %H:%M:%S')}  commit {git_head()}  "
        f"{platform.node()} {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}",
        f"input: {os.path.basename(main_file)} ({size_mb:.1f} MB), {a.runs} runs each, medians; MB = 10^6 bytes",
        f"garden: {garden_template}" + ("" if a.garden_cmd is None else "   (STAND-IN via --garden-cmd)"),
        f"jq:     {jq_version} -c '{JQ_FILTER}'",
        f"output lines on the 20 MB export: garden {sanity['garden'][0]}, jq {sanity['jq'][0]}",
        f"{'tool':9} {'median s':>9} {'MB/s':>9} {'CPU s':>7} {'peak RSS MB':>12}  runs (exit status)",
    ]
    for name, (med, rss, times, statuses, cpu) in rows.items():
        runs = " ".join(f"{t:.2f}" + ("" if s == 0 else f"({s})") for t, s in zip(times, statuses))
        report.append(
            f"{name:9} {med:9.2f} {size_mb / med if med > 0 else 0:9.1f} {cpu:7.2f} {rss:12.1f}  {runs}")
    both_ok = all(ok(n, st) for n in rows for st in rows[n][3]) and all(sanity[n][0] > 0 for n in sanity)
    if both_ok and g_med > 0 and j_med > 0:
        report.append(f"ratio garden/jq throughput: {j_med / g_med:.2f}x (>1 means garden-parse is faster)")
        if "garden-1t" in rows and rows["garden-1t"][0] > 0:
            report.append(f"ratio garden --threads 1 / jq throughput: {j_med / rows['garden-1t'][0]:.2f}x")
        if rows["garden"][4] > 0:
            report.append(
                f"ratio of CPU time jq/garden: {rows['jq'][4] / rows['garden'][4]:.2f}x "
                "(work per byte, whatever the threads)")
    else:
        report.append("ratio garden/jq throughput: n/a (a side failed or wrote nothing; see FAILED)")
    report.append(f"garden-parse peak RSS by input size (memory flatness; floor {floor:.1f} MB = /bin/true):")
    for label, size, rss, status in flat:
        report.append(f"  {label:>14} {size / 1e6:10.1f} MB  {rss:8.1f} MB RSS" + ("" if status == 0 else f"  exit {status}"))
    if not a.big:
        report.append("  (2 GB case skipped; add --big)")
    for f in failed:
        report.append(f"FAILED: {f}")
    text = "\n".join(report)
    print(text)
    os.makedirs(os.path.join(HERE, "runs"), exist_ok=True)
    out = os.path.join(HERE, "runs", time.strftime("%Y-%m-%d") + "-parse.txt")
    with open(out, "a") as fh:
        fh.write(text + "\n\n")
    log(f"appended to {out}")
    if big_file and not a.keep:
        os.unlink(big_file)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
