#!/usr/bin/env python3
"""Fault matrix (issue #9): every built garden-* executable, in a real process, on every fault.

Each cell checks the exit status (docs/exit-status.md), the `garden-<stage>: FILE:LINE: reason` line
of a rejected record, that the stage's closing meta record reconciles its counts (docs/schema.md,
"Counts"), that its output is valid UTF-8 (NDJSON for stages 1-4), and that nothing crashed: no
death by a signal we did not send, no "Fatal error", no status 70.

  fault_matrix.py               the default matrix (well under a minute on the debug build)
  fault_matrix.py --big         also the ~300 MB inputs under a peak-RSS bound (slow; opt-in)
  fault_matrix.py --only nul    only rows whose name contains "nul"
  fault_matrix.py --markdown    the table of expected results (docs/faults.md is made from it)

Binaries: $GARDEN_BIN, else .build/debug of the package this script sits in. Prints one line per
cell, then `N passed, N failed`; exits 1 when any cell failed.
"""

import argparse
import fcntl
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from typing import NamedTuple

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STAGES = ("parse", "cluster", "score", "issues", "render")
NEXT = {"parse": "cluster", "cluster": "score", "score": "issues", "issues": "render"}
TIMEOUT = 300  # seconds any one process may take before the cell fails
BIG_RSS_LIMIT_MB = 100


# ---------------------------------------------------------------- records the faults inject


def per_stage(parse, cluster, rest):
    """A record to inject, chosen by stage: parse reads LogEntries, cluster events, the rest clusters."""
    def make(stage, base):
        rec = {"parse": parse, "cluster": cluster}.get(stage, rest)
        return rec(stage, base) if callable(rec) else rec
    return make


def cluster_like(base, **changes):
    """The stage's first cluster record with `changes`, under a fingerprint of its own."""
    first = next(json.loads(l) for l in base.splitlines() if b'"kind":"cluster"' in l)
    first.update({"fingerprint": "feedfacefeedface", "signatures": ["feedfacefeedface"]}, **changes)
    return json.dumps(first, ensure_ascii=False, separators=(",", ":")).encode()


def huge_text(size=10 << 20):
    """About `size` bytes of log-like text: ids, numbers, an address and a token, repeated."""
    parts, n, i = [], 0, 0
    while n < size:
        p = f"GET /api/v1/items/{i} took {i % 997}ms for alice{i}@example.com token=sk_live_{i:08x} "
        parts.append(p)
        n += len(p)
        i += 1
    return "".join(parts)


def event(message, **extra):
    o = {"kind": "event", "ts": "2025-09-15T13:30:00Z", "severity": "ERROR", "service": "llm-backend"}
    if message is not None:
        o["message"] = message
    o.update(extra)
    return json.dumps(o, ensure_ascii=False, separators=(",", ":")).encode()


def entry(text):
    o = {"insertId": "fault-1", "timestamp": "2025-09-15T13:30:00Z", "severity": "ERROR"}
    if text is not None:
        o["textPayload"] = text
    return json.dumps(o, ensure_ascii=False, separators=(",", ":")).encode()


def raw_in_string(raw):
    """A record per stage holding `raw` bytes inside a string value."""
    def make(stage, base):
        if stage == "parse":
            rec = entry("before @@ after")
        elif stage == "cluster":
            rec = event("before @@ after")
        else:
            rec = cluster_like(base, title="before @@ after")
        return rec.replace(b"@@", raw)
    return make


def huge_record(stage, base):
    text = huge_text()
    if stage == "parse":
        return entry(text)
    if stage == "cluster":
        return event(text)
    return cluster_like(base, title=text[:200], template=text)


# ---------------------------------------------------------------- how a fault reaches a stage


class Insert(NamedTuple):
    """Injects one record as line `at` (1-based) of the stage's valid input."""
    record: object = None  # bytes, or f(stage, base) -> bytes; None injects nothing
    at: int = 3

    def build(self, stage, base):
        lines = base.splitlines()
        rec = self.record(stage, base) if callable(self.record) else self.record
        if rec is None:
            return base, None
        lines.insert(self.at - 1, rec)
        return b"\n".join(lines) + b"\n", self.at


class Whole(NamedTuple):
    """Replaces the stage's valid input by f(base)."""
    transform: object

    def build(self, stage, base):
        return self.transform(base), None


def garbage(base):
    """200 KB of seeded random bytes in 4,000 lines: a binary file, or a raw dump, given by mistake."""
    rng = random.Random(7)
    data = bytearray(rng.getrandbits(8) for _ in range(200_000))
    for i in range(49, len(data), 50):
        data[i] = 0x0A
    data[0] = 0xFF
    return bytes(data)


def crlf(base):
    return base.replace(b"\n", b"\r\n")


def only_meta(base):
    return b"".join(l + b"\n" for l in base.splitlines() if b'"kind":"meta"' in l)


class ClosedStdout(NamedTuple):
    """stdout is a pipe whose reader takes one line and goes away (`| head -1`)."""


class FullStdout(NamedTuple):
    """stdout is /dev/full."""


class Kill(NamedTuple):
    """The stage is killed with `sig` while it waits for the second half of a large input."""
    sig: int


class Help(NamedTuple):
    """`--help` must name every exit status a stage can return."""


class BigInput(NamedTuple):
    """A ~300 MB input; peak RSS must stay under BIG_RSS_LIMIT_MB (opt-in: --big)."""


# ---------------------------------------------------------------- the matrix
# expect: one cell per stage in STAGES order. A number is the exit status; `sig` means killed by the
# signal sent (state files untouched, the next stage exits 3); `-` means not applicable.
# message: a regex stderr must match (for refusals, I/O errors and --help).


class Fault(NamedTuple):
    name: str
    what: str
    how: object
    expect: str
    message: str = ""
    big: bool = False


FAULTS = [
    Fault("clean", "the valid stream, untouched", Insert(), "0 0 0 0 0"),
    Fault("malformed-json", "a malformed JSON line between good ones", Insert(b'{"kind":"event","message":"cut'), "2 2 2 2 2"),
    Fault("wrong-kind", "valid JSON of another kind (parse: the entry 42)", Insert(per_stage(b"42", b'{"kind":"widget","n":1}', b'{"kind":"widget","n":1}')), "2 0 0 0 0"),
    Fault("missing-fields", "parse: entry without payload; cluster: event without message; others: cluster without fingerprint/count", Insert(per_stage(entry(None), event(None), b'{"kind":"cluster","title":"no fingerprint, no count"}')), "0 0 2 2 2"),
    Fault("newer-schema", "a meta record with \"schema\":\"2.0\"", Insert(b'{"kind":"meta","schema":"2.0","stage":"parse","complete":true,"counts":{}}', at=1), "- 65 65 65 65", r"schema 2\.0, newer than this garden-\w+ understands"),
    Fault("huge-record", "one 10 MB record", Insert(huge_record), "0 0 0 0 0"),
    Fault("invalid-utf8", "invalid UTF-8 bytes inside a string", Insert(raw_in_string(b"\xff\xfe\xc3\x28\xed\xa0\x80")), "0 0 0 0 0"),
    Fault("nul-raw", "a raw NUL byte inside a string (invalid JSON)", Insert(raw_in_string(b"\x00")), "2 2 2 2 2"),
    Fault("nul-escaped", "an escaped NUL (\\u0000) inside a string", Insert(raw_in_string(b"\\u0000")), "0 0 0 0 0"),
    Fault("crlf", "CRLF line ends (output must equal the LF run's)", Whole(crlf), "0 0 0 0 0"),
    Fault("binary-garbage", "200 KB of random bytes: refused with one reason and at most 22 stderr lines", Whole(garbage), "65 65 65 65 65", r"(holds binary data|no line of the input is a Log Gardener record)"),
    Fault("empty", "an empty stream", Whole(lambda base: b""), "3 3 3 3 3"),
    Fault("only-meta", "a stream of meta records only", Whole(only_meta), "- 0 0 0 0"),
    Fault("stdout-closed", "stdout closed after one line (| head -1): quiet, status 0", ClosedStdout(), "0 0 0 0 0"),
    Fault("stdout-full", "stdout cannot be written (>/dev/full)", FullStdout(), "74 74 74 74 74", r"cannot write output: No space left on device"),
    Fault("sigterm", "SIGTERM mid-stream", Kill(signal.SIGTERM), "sig sig sig sig sig"),
    Fault("sigint", "SIGINT mid-stream", Kill(signal.SIGINT), "sig sig sig sig sig"),
    Fault("help", "--help names the exit statuses", Help(), "0 0 0 0 0", r"EXIT STATUS"),
    Fault("big-input", "a ~300 MB input (gcloud array for parse, events for cluster)", BigInput(), "0 0 - - -", big=True),
]

HELP_STATUSES = (0, 2, 3, 64, 65, 66, 70, 74)


# ---------------------------------------------------------------- running a stage


class Context:
    def __init__(self, bin_dir, work, big):
        self.bin = bin_dir
        self.work = work
        self.big = big
        self.issues_file = os.path.join(work, "issues-empty.json")
        with open(self.issues_file, "w") as f:
            f.write("[]\n")
        self.base = {}
        self.baseline_stderr = {}
        self.baseline_size = {}
        self.kill_inputs = {}

    def argv(self, stage, *extra):
        args = [os.path.join(self.bin, "garden-" + stage)]
        if stage == "issues":
            args += ["--issues-file", self.issues_file]
        return args + list(extra)

    def run(self, stage, args, stdin_bytes=None, cwd=None, stdout=None):
        """Runs a stage; stdin from bytes (through a file), stdout captured unless given."""
        cwd = cwd or self.work
        stdin = subprocess.DEVNULL
        if stdin_bytes is not None:
            path = os.path.join(cwd, ".stdin")
            with open(path, "wb") as f:
                f.write(stdin_bytes)
            stdin = open(path, "rb")
        try:
            p = subprocess.run(self.argv(stage, *args), stdin=stdin, cwd=cwd, timeout=TIMEOUT,
                               stdout=stdout if stdout is not None else subprocess.PIPE,
                               stderr=subprocess.PIPE)
        finally:
            if stdin is not subprocess.DEVNULL:
                stdin.close()
        return p.returncode, p.stdout or b"", p.stderr

    def prepare(self):
        """The valid input of each stage: the real upstream stages run on the bundled example."""
        example = os.path.join(ROOT, "examples", "staging-export.json")
        with open(example, "rb") as f:
            entries = json.load(f)
        self.base["parse"] = b"".join(
            json.dumps(e, ensure_ascii=False, separators=(",", ":")).encode() + b"\n" for e in entries)
        for stage in STAGES:
            path = os.path.join(self.work, stage + ".in.ndjson")
            with open(path, "wb") as f:
                f.write(self.base[stage])
            status, out, err = self.run(stage, [path])
            if status != 0:
                raise SystemExit(f"setup: garden-{stage} on the example exited {status}: {err[-500:]!r}")
            self.baseline_stderr[stage] = err
            self.baseline_size[stage] = len(out)
            if stage in NEXT:
                self.base[NEXT[stage]] = out
        # A larger stream for the kill rows: LogEntries for parse, their events for the others.
        gen = os.path.join(self.work, "kill.entries.ndjson")
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen-export.py"), "--entries", "2500",
                        "--format", "ndjson", "-o", gen], check=True, stderr=subprocess.DEVNULL)
        with open(gen, "rb") as f:
            self.kill_inputs["parse"] = f.read()
        status, events, err = self.run("parse", [gen])
        if status != 0:
            raise SystemExit(f"setup: garden-parse on the generated stream exited {status}")
        for stage in STAGES[1:]:
            self.kill_inputs[stage] = events


# ---------------------------------------------------------------- checks


class Cell:
    def __init__(self, stage, fault, expected):
        self.stage, self.fault, self.expected = stage, fault, expected
        self.problems = []
        self.status = None
        self.notes = []

    def fail(self, text):
        self.problems.append(text)

    def line(self):
        word = "PASS" if not self.problems else "FAIL"
        s = f"{word} {self.stage} {self.fault.name}: status={self.status} expected={self.expected}"
        if self.notes:
            s += " (" + "; ".join(self.notes) + ")"
        if self.problems:
            s += " -- " + "; ".join(self.problems)
        return s


def status_text(code):
    return f"signal {signal.Signals(-code).name}" if code < 0 else str(code)


def no_crash(cell, code, err, allowed_signal=None):
    if code < 0 and -code != allowed_signal:
        cell.fail(f"died by {signal.Signals(-code).name}")
    if code == 70:
        cell.fail("status 70 (internal error)")
    if b"Fatal error" in err or b"internal error" in err:
        cell.fail("crash text on stderr: " + first_line(err, b"Fatal error", b"internal error"))


def first_line(err, *needles):
    for l in err.splitlines():
        if any(n in l for n in needles):
            return l[:200].decode("utf-8", "replace")
    return ""


def reject_lines(stage, err, name):
    # `FILE:LINE: warning: …` lines (a time or bytes that could not be read as they are) keep
    # their record; they are not rejections.
    pat = re.compile(rb"^garden-" + stage.encode() + rb": " + re.escape(name.encode()) + rb":(\d+): (?!warning: )\S")
    return [int(m.group(1)) for m in (pat.match(l) for l in err.splitlines()) if m]


def nonblank_lines(data):
    return sum(1 for l in data.split(b"\n") if l.strip(b" \t\r"))


def closing_meta(cell, out, stage=None):
    """The stage's own closing meta record (the last line), checking every line on the way."""
    stage = stage or cell.stage
    last = None
    for i, l in enumerate(out.split(b"\n")):
        if not l:
            continue
        try:
            rec = json.loads(l.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            cell.fail(f"output line {i + 1} is not UTF-8 JSON: {e}")
            return None
        if not isinstance(rec, dict) or "kind" not in rec:
            cell.fail(f"output line {i + 1} is not a record")
            return None
        last = rec
    if not out.endswith(b"\n"):
        cell.fail("output does not end with a newline")
    if not last or last.get("kind") != "meta" or last.get("stage") != stage:
        cell.fail(f"output does not end with garden-{stage}'s meta record")
        return None
    return last


def reconcile(stage, c):
    """The count equation of docs/schema.md for `stage`, as (holds, text)."""
    g = lambda k: c.get(k, 0)
    if stage == "parse":
        rhs = g("events_out") + g("rejected") + g("duplicates") + g("filtered") + g("joined")
        return g("entries_in") == rhs, f"entries_in {g('entries_in')} vs {rhs}"
    if stage == "cluster":
        rhs = g("events_in") + g("meta_in") + g("passed_through") + g("rejected")
        ok = g("records_in") == rhs and g("events_in") == g("events_in_clusters")
        return ok, f"records_in {g('records_in')} vs {rhs}, events_in {g('events_in')} vs in clusters {g('events_in_clusters')}"
    rhs = g("records_out") + g("rejected")
    return g("records_in") == rhs, f"records_in {g('records_in')} vs {rhs}"


RENDER_COUNTS = re.compile(
    r"^\| render \| records_in ([\d,]+) [=≠] meta ([\d,]+) \+ cluster ([\d,]+)(?: \+ other ([\d,]+))? "
    r"\+ rejected ([\d,]+) \| (yes|\*\*no\*\*) \|$", re.M)


def render_counts(cell, out):
    """render has no meta record: its worklog's own counts row, as {records_in, rejected, sum}."""
    try:
        text = out.decode("utf-8")
    except UnicodeDecodeError as e:
        cell.fail(f"worklog is not UTF-8: {e}")
        return None
    m = RENDER_COUNTS.search(text)
    if not m:
        cell.fail("worklog has no render counts row")
        return None
    n = [int((x or "0").replace(",", "")) for x in m.groups()[:5]]
    return {"records_in": n[0], "rejected": n[4], "sum": n[1] + n[2] + n[3] + n[4], "adds_up": m.group(6) == "yes"}


def check_output(cell, ctx, code, out, err, data, line, name):
    """Status, rejection lines, counts and output validity of an ordinary run."""
    stage, expected = cell.stage, cell.expected
    if code != expected:
        cell.fail(f"stderr: {err[-300:].decode('utf-8', 'replace').strip()!r}")
    if b"\x00" in out:
        cell.fail("raw NUL byte in the output")
    rejects = reject_lines(stage, err, name)
    if expected in (65, 74):
        rejects = []  # a refusal may name FILE:LINE too; it is checked against `message` below
    if expected == 2:
        if line is not None and rejects != [line]:
            cell.fail(f"expected one `garden-{stage}: {name}:{line}: reason` line, got lines {rejects}")
    elif rejects:
        cell.fail(f"unexpected rejection lines {rejects}")
    if cell.fault.name == "binary-garbage" and len(err.splitlines()) > 22:
        cell.fail(f"{len(err.splitlines())} stderr lines: rejections must be capped")
    if expected in (65, 74):
        if cell.fault.message and not re.search(rb"^garden-" + stage.encode() + rb": .*" + cell.fault.message.encode(), err, re.M):
            cell.fail(f"stderr lacks /{cell.fault.message}/: {err[-300:]!r}")
        return
    if stage == "render":
        c = render_counts(cell, out)
        if not c:
            return
        if c["records_in"] != c["sum"] or not c["adds_up"]:
            cell.fail(f"render counts do not add up: {c}")
        rejected, records_in = c["rejected"], c["records_in"]
        cell.notes.append(f"records_in {records_in} = sum {c['sum']}")
    else:
        meta = closing_meta(cell, out)
        if not meta:
            return
        counts = meta.get("counts", {})
        ok, text = reconcile(stage, counts)
        if not ok:
            cell.fail("counts do not reconcile: " + text)
        cell.notes.append(text)
        rejected = counts.get("rejected", 0)
        records_in = counts.get("entries_in" if stage == "parse" else "records_in", 0)
        if meta.get("complete") != (expected != 3):
            cell.fail(f"meta complete={meta.get('complete')} with status {code}")
        if expected == 3 and stage != "parse" and not any("did not finish" in w for w in meta.get("warnings", [])):
            cell.fail("partial, but the meta warnings do not say the upstream did not finish")
        if stage == "parse" and cell.fault.name == "invalid-utf8":
            # Read as U+FFFD, never silently: counted, and the line named on stderr.
            if counts.get("invalid_utf8") != 1:
                cell.fail(f"invalid_utf8={counts.get('invalid_utf8')}, expected 1")
            warned = re.compile(rb"^garden-parse: " + re.escape(name.encode()) + rb":" + str(line).encode() + rb": warning: bytes that are not UTF-8", re.M)
            if line is not None and not warned.search(err):
                cell.fail(f"no `{name}:{line}: warning: bytes that are not UTF-8` line on stderr")
    if rejected != len(rejects):
        cell.fail(f"rejected={rejected} but {len(rejects)} rejection lines on stderr")
    lines = nonblank_lines(data)
    if records_in != lines:
        cell.fail(f"records in {records_in}, input has {lines} lines")


def run_input_cell(cell, ctx, how):
    stage = cell.stage
    data, line = how.build(stage, ctx.base[stage])
    cwd = tempfile.mkdtemp(dir=ctx.work)
    name = "in.ndjson"
    with open(os.path.join(cwd, name), "wb") as f:
        f.write(data)
    started = time.monotonic()
    code, out, err = ctx.run(stage, [name], cwd=cwd)
    cell.status = status_text(code)
    no_crash(cell, code, err)
    check_output(cell, ctx, code, out, err, data, line, name)
    if cell.fault.name == "crlf" and code == 0:
        lf = os.path.join(cwd, "lf")
        os.mkdir(lf)
        with open(os.path.join(lf, name), "wb") as f:
            f.write(ctx.base[stage])
        _, lf_out, _ = ctx.run(stage, [name], cwd=lf)
        if lf_out != out:
            cell.fail("output differs from the LF run's")
    elapsed = time.monotonic() - started
    if elapsed > 5:
        cell.notes.append(f"{elapsed:.1f} s")
    shutil.rmtree(cwd, ignore_errors=True)


def run_closed_stdout(cell, ctx):
    """Reads one line through a 4 KiB pipe, then closes it: the stage must hit EPIPE and stay quiet."""
    stage = cell.stage
    path = os.path.join(ctx.work, stage + ".in.ndjson")
    r, w = os.pipe()
    try:
        pipe_size = fcntl.fcntl(w, fcntl.F_SETPIPE_SZ, 4096)
    except (AttributeError, OSError):
        pipe_size = 65536
    if ctx.baseline_size[stage] < 4 * pipe_size:
        cell.fail(f"a normal run writes {ctx.baseline_size[stage]} bytes: too few to fill the pipe and meet EPIPE")
    err_path = os.path.join(ctx.work, "closed.err")
    with open(err_path, "wb") as errf:
        p = subprocess.Popen(ctx.argv(stage, path), stdin=subprocess.DEVNULL, stdout=w, stderr=errf, cwd=ctx.work)
    os.close(w)
    got = b""
    while b"\n" not in got:
        chunk = os.read(r, 1)
        if not chunk:
            break
        got += chunk
    os.close(r)
    code = p.wait(timeout=TIMEOUT)
    with open(err_path, "rb") as f:
        err = f.read()
    cell.status = status_text(code)
    no_crash(cell, code, err)
    if not got:
        cell.fail("no first line came")
    if code != cell.expected:
        cell.fail(f"stderr: {err[-300:]!r}")
    if err != ctx.baseline_stderr[stage]:
        cell.fail(f"stderr says more than a normal run: {err[-300:]!r}")
    cell.notes.append(f"pipe {pipe_size} bytes, a full run writes {ctx.baseline_size[stage]}")


def run_full_stdout(cell, ctx):
    stage = cell.stage
    path = os.path.join(ctx.work, stage + ".in.ndjson")
    with open("/dev/full", "wb") as full:
        code, _, err = ctx.run(stage, [path], stdout=full)
    cell.status = status_text(code)
    no_crash(cell, code, err)
    check_output(cell, ctx, code, b"", err, b"", None, path)


def snapshot(paths):
    out = {}
    for p in paths:
        with open(p, "rb") as f:
            out[p] = f.read()
    return out


def run_kill(cell, ctx, sig):
    """Kills the stage while it waits for the rest of its input; then checks state and the next stage."""
    stage = cell.stage
    cwd = tempfile.mkdtemp(dir=ctx.work)
    state, extra = [], []
    if stage == "score":
        hist = os.path.join(cwd, "history.json")
        code, _, err = ctx.run("score", ["--history", hist, os.path.join(ctx.work, "score.in.ndjson")])
        if code != 0 or not os.path.exists(hist):
            cell.fail(f"setup: could not write a history ({code}): {err[-200:]!r}")
        state, extra = [hist], ["--history", hist]
    elif stage == "issues":
        ledger = os.path.join(cwd, "ledger.json")
        with open(ledger, "w") as f:
            json.dump({"version": 1, "entries": [{"key": "create|feedfacefeedface|w", "status": "done", "issue": 7}],
                       "tracking": {"feedfacefeedface": 7}, "posted": []}, f, indent=2)
            f.write("\n")
        state, extra = [ledger], ["--ledger", ledger]
    before = snapshot(state)
    files_before = sorted(os.listdir(cwd))
    data = ctx.kill_inputs[stage]
    half = len(data) // 2 + 7  # mid-record on purpose
    out_path, err_path = os.path.join(cwd, "out"), os.path.join(cwd, "err")
    with open(out_path, "wb") as outf, open(err_path, "wb") as errf:
        p = subprocess.Popen(ctx.argv(stage, *extra, "-"), stdin=subprocess.PIPE, stdout=outf, stderr=errf, cwd=cwd)
        try:
            p.stdin.write(data[:half])  # returns once the stage has read all but a pipe buffer
            p.stdin.flush()
        except BrokenPipeError:
            pass
        deadline = time.monotonic() + 30
        while stage == "parse" and os.path.getsize(out_path) == 0 and time.monotonic() < deadline:
            time.sleep(0.05)  # parse streams: kill it after some output
        time.sleep(0.3)
        if p.poll() is not None:
            cell.fail(f"exited ({p.returncode}) before the signal")
        else:
            p.send_signal(sig)
        try:
            code = p.wait(timeout=TIMEOUT)
        finally:
            try:
                p.stdin.close()
            except BrokenPipeError:
                pass
    with open(err_path, "rb") as f:
        err = f.read()
    with open(out_path, "rb") as f:
        out = f.read()
    cell.status = status_text(code)
    no_crash(cell, code, err, allowed_signal=sig)
    if code not in (-sig, 128 + sig):
        cell.fail(f"expected death by {signal.Signals(sig).name}")
    for path, old in before.items():
        with open(path, "rb") as f:
            now = f.read()
        try:
            json.loads(now)
        except ValueError:
            cell.fail(f"{os.path.basename(path)} is no longer valid JSON")
        if now != old:
            cell.fail(f"{os.path.basename(path)} changed")
    leftovers = sorted(set(os.listdir(cwd)) - set(files_before) - {"out", "err"})
    leftovers = [f for f in leftovers if not f.endswith(".lock")]
    if leftovers:
        cell.fail(f"left files behind: {leftovers}")
    if stage in NEXT:
        nxt = NEXT[stage]
        code2, out2, err2 = ctx.run(nxt, [out_path], cwd=cwd)
        cell.notes.append(f"{len(out)} bytes out; next stage {nxt}: {status_text(code2)}")
        if code2 != 3:
            cell.fail(f"garden-{nxt} on the partial output exited {status_text(code2)}, expected 3")
        if nxt != "render":
            meta = closing_meta(cell, out2, nxt)
            if meta and (meta.get("complete") or not any("did not finish" in w for w in meta.get("warnings", []))):
                cell.fail(f"garden-{nxt}'s meta does not say the upstream did not finish")
    elif out:
        cell.fail(f"wrote {len(out)} bytes before its input ended")
    shutil.rmtree(cwd, ignore_errors=True)


def run_help(cell, ctx):
    code, out, err = ctx.run(cell.stage, ["--help"])
    cell.status = status_text(code)
    no_crash(cell, code, err)
    text = out.decode("utf-8", "replace")
    section = text.split("EXIT STATUS", 1)[1] if "EXIT STATUS" in text else ""
    listed = {int(m) for m in re.findall(r"^\s+(\d+)\s", section, re.M)}
    missing = [s for s in HELP_STATUSES if s not in listed]
    if code != cell.expected or not section:
        cell.fail("no EXIT STATUS section")
    elif missing:
        cell.fail(f"--help does not name exit statuses {missing}")


def run_big(cell, ctx):
    """Peak RSS (os.wait4) on a ~300 MB input; parse reads a gcloud array, cluster its events."""
    stage = cell.stage
    array = os.path.join(ctx.work, "big.json")
    events = os.path.join(ctx.work, "big.events.ndjson")
    if stage == "parse":
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen-export.py"), "--size", "300M", "-o", array],
                       check=True, stderr=subprocess.DEVNULL)
        path, out_path = array, events
    else:
        if not os.path.exists(events):
            cell.fail("needs the parse big-input cell's output")
            return
        path, out_path = events, os.path.join(ctx.work, "big.clusters.ndjson")
    size = os.path.getsize(path)
    err_path = os.path.join(ctx.work, "big.err")
    started = time.monotonic()
    with open(out_path, "wb") as outf, open(err_path, "wb") as errf:
        p = subprocess.Popen(ctx.argv(stage, path), stdin=subprocess.DEVNULL, stdout=outf, stderr=errf)
        _, wstatus, usage = os.wait4(p.pid, 0)
    code = os.waitstatus_to_exitcode(wstatus)
    elapsed = time.monotonic() - started
    rss_mb = usage.ru_maxrss / 1024
    with open(err_path, "rb") as f:
        err = f.read()
    cell.status = status_text(code)
    no_crash(cell, code, err)
    cell.notes.append(f"input {size / 2**20:.0f} MiB, peak RSS {rss_mb:.1f} MiB, {elapsed:.0f} s")
    if code != cell.expected:
        cell.fail(f"stderr: {err[-300:]!r}")
    if rss_mb >= BIG_RSS_LIMIT_MB:
        cell.fail(f"peak RSS {rss_mb:.1f} MiB >= {BIG_RSS_LIMIT_MB} MiB")
    with open(out_path, "rb") as f:
        f.seek(max(0, os.path.getsize(out_path) - 65536))
        tail = f.read().split(b"\n")
    meta = json.loads(tail[-2]) if len(tail) > 1 else {}
    ok, text = reconcile(stage, meta.get("counts", {}))
    cell.notes.append(text)
    if meta.get("stage") != stage or not ok:
        cell.fail("closing meta missing or counts do not reconcile: " + text)
    if stage == "cluster":
        for p_ in (array, events, out_path):
            if os.path.exists(p_):
                os.remove(p_)


def run_cell(ctx, stage, fault, expected):
    cell = Cell(stage, fault, expected)
    how = fault.how
    try:
        if isinstance(how, (Insert, Whole)):
            run_input_cell(cell, ctx, how)
        elif isinstance(how, ClosedStdout):
            run_closed_stdout(cell, ctx)
        elif isinstance(how, FullStdout):
            run_full_stdout(cell, ctx)
        elif isinstance(how, Kill):
            run_kill(cell, ctx, how.sig)
        elif isinstance(how, Help):
            run_help(cell, ctx)
        elif isinstance(how, BigInput):
            run_big(cell, ctx)
    except subprocess.TimeoutExpired as e:
        cell.fail(f"timed out after {e.timeout} s")
    return cell


def expectations(fault):
    cells = fault.expect.split()
    assert len(cells) == len(STAGES), fault.name
    return [None if c == "-" else c if c == "sig" else int(c) for c in cells]


# ---------------------------------------------------------------- the table, for docs/faults.md


def describe(fault, expected, stage):
    """One cell of docs/faults.md; the legend there explains the words."""
    if expected is None:
        return "–"
    if expected == "sig":
        return "killed, next 3" if stage in NEXT else "killed, no output"
    if isinstance(fault.how, Help):
        return "0, lists all"
    if isinstance(fault.how, ClosedStdout):
        return "0, quiet"
    if isinstance(fault.how, BigInput):
        return f"0, RSS < {BIG_RSS_LIMIT_MB} MB"
    if expected == 2:
        return "2 + line"
    return str(expected)


def markdown():
    head = "| fault | what | " + " | ".join(STAGES) + " |"
    rows = [head, "|" + "---|" * (len(STAGES) + 2)]
    for f in FAULTS:
        cells = [describe(f, e, s) for s, e in zip(STAGES, expectations(f))]
        what = f.what.replace("|", "\\|") + (" (`--big`)" if f.big else "")
        rows.append(f"| `{f.name}` | {what} | " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--big", action="store_true", help="also run the ~300 MB rows (slow)")
    ap.add_argument("--only", help="only rows whose name contains this")
    ap.add_argument("--stage", action="append", choices=STAGES, help="only these stages")
    ap.add_argument("--markdown", action="store_true", help="print the expected-results table and exit")
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder")
    a = ap.parse_args()
    if a.markdown:
        sys.stdout.write(markdown())
        return 0
    bin_dir = os.environ.get("GARDEN_BIN") or os.path.join(ROOT, ".build", "debug")
    for s in STAGES:
        if not os.access(os.path.join(bin_dir, "garden-" + s), os.X_OK):
            print(f"garden-{s} not found in {bin_dir}: run `swift build` or set GARDEN_BIN", file=sys.stderr)
            return 66
    work = tempfile.mkdtemp(prefix="garden-faults-")
    started = time.monotonic()
    try:
        ctx = Context(bin_dir, work, a.big)
        ctx.prepare()
        passed = failed = 0
        for fault in FAULTS:
            if (fault.big and not a.big) or (a.only and a.only not in fault.name):
                continue
            for stage, expected in zip(STAGES, expectations(fault)):
                if expected is None or (a.stage and stage not in a.stage):
                    continue
                cell = run_cell(ctx, stage, fault, expected)
                print(cell.line(), flush=True)
                if cell.problems:
                    failed += 1
                else:
                    passed += 1
        print(f"{passed} passed, {failed} failed ({time.monotonic() - started:.0f} s)")
        return 1 if failed else 0
    finally:
        if a.keep:
            print(f"scratch kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
