// Carries out plans with gh (--apply): caps per run, a pause between writes, back-off and retry on
// rate limits, and a ledger entry saved before and after each write, so that a rerun repeats nothing
// that succeeded.
import Foundation
import GardenKit

/// Limits and pacing for writes.
struct ApplyConfig {
  var maxCreates = 10
  var maxComments = 30
  var pauseMilliseconds = 1000
  var backoffMilliseconds = 60_000
  var retries = 2
  var label = "log-gardener"
}

/// What --apply did, for the meta record.
struct ApplyReport {
  var done = 0
  var failed = 0
  var skipped = 0
  var capsHit: [String] = []
  var warnings: [String] = []
}

/// Performs the writes of a list of plans.
struct DecisionApplier {
  let gh: GhClient
  let config: ApplyConfig
  var ledger: Ledger
  var report = ApplyReport()
  var creates = 0
  var comments = 0
  var wroteOnce = false
  var ensuredLabels: Set<String> = []
  var stopReason: String?
  let tempDir: String

  init(gh: GhClient, config: ApplyConfig, ledger: Ledger) {
    self.gh = gh
    self.config = config
    self.ledger = ledger
    tempDir = NSTemporaryDirectory() + "garden-issues.\(getpid())"
    try? FileManager.default.createDirectory(atPath: tempDir, withIntermediateDirectories: true)
  }

  func cleanUp() { try? FileManager.default.removeItem(atPath: tempDir) }

  /// Marks every plan that has writes as skipped, with the reason.
  static func skipAll(_ plans: inout [Plan], because why: String) -> Int {
    var n = 0
    for i in plans.indices where !plans[i].writes.isEmpty {
      plans[i].decision.applied = "skipped"
      plans[i].decision.reason += "; not written: " + why
      n += 1
    }
    return n
  }

  mutating func apply(_ plans: inout [Plan]) throws(StageError) {
    for i in plans.indices where !plans[i].writes.isEmpty {
      try apply(&plans[i])
    }
  }

  mutating func apply(_ plan: inout Plan) throws(StageError) {
    func skip(_ why: String) {
      plan.decision.applied = "skipped"
      plan.decision.reason += "; not written: " + why
      report.skipped += 1
    }
    if let stopReason { return skip(stopReason) }
    let needCreates = plan.writes.filter { $0.kind == "create" }.count
    let needComments = plan.writes.filter { $0.kind == "comment" || $0.kind == "reopen" }.count
    if needCreates > 0, creates + needCreates > config.maxCreates {
      if !report.capsHit.contains("max-creates") { report.capsHit.append("max-creates") }
      return skip("over --max-creates \(config.maxCreates) for this run; the next run picks it up")
    }
    if needComments > 0, comments + needComments > config.maxComments {
      if !report.capsHit.contains("max-comments") { report.capsHit.append("max-comments") }
      return skip(
        "over --max-comments \(config.maxComments) for this run; the next run picks it up")
    }
    let fp = plan.facts.identities.first ?? ""
    for w in plan.writes {
      if ledger.isDone(w.key) { continue }
      if w.kind == "create" { try ensureLabels(w.labels) }
      if w.kind == "comment", let n = w.issue,
        alreadyOnIssue(n, fingerprint: fp, window: plan.facts.window)
      {
        try ledger.record(w.key, "done", issue: n, detail: "found on the issue")
        continue
      }
      let result = try perform(w)
      guard result.ok else {
        report.failed += 1
        try ledger.record(w.key, "failed", issue: w.issue, detail: result.firstErrorLine)
        plan.decision.applied = "failed"
        plan.decision.reason += "; gh \(w.kind) failed: " + result.firstErrorLine
        if result.rateLimited {
          stopReason =
            "GitHub rate limit persisted after \(config.retries) retries; the run stopped writing"
          report.warnings.append(stopReason!)
        }
        return
      }
      report.done += 1
      switch w.kind {
      case "create":
        creates += 1
        let url = String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(
          in: .whitespacesAndNewlines)
        let number = Int(url.split(separator: "/").last ?? "")
        try ledger.record(w.key, "done", issue: number, detail: url)
        if let number {
          for id in plan.facts.identities { ledger.tracking[id] = number }
          plan.decision.number = number
          plan.decision.url = url.hasPrefix("http") ? url : nil
          plan.decision.state = "OPEN"
        }
      case "comment":
        comments += 1
        if let n = w.issue, let body = w.body {
          ledger.posted.insert("\(n):\(Fingerprint.of(body))")
          for id in plan.facts.identities { ledger.tracking[id] = n }
        }
        try ledger.record(w.key, "done", issue: w.issue)
      case "reopen":
        comments += 1
        plan.decision.state = "OPEN"
        try ledger.record(w.key, "done", issue: w.issue)
      default:
        try ledger.record(w.key, "done", issue: w.issue)
      }
    }
    plan.decision.applied = "done"
  }

  /// True when the issue already has our evidence comment for this fingerprint and window.
  func alreadyOnIssue(_ n: Int, fingerprint: String, window: String) -> Bool {
    guard let bodies = gh.commentBodies(n) else { return false }
    return bodies.contains { b in
      Marker.all(in: b).contains {
        $0.verb == "update" && $0.fingerprint == Marker.clean(fingerprint)
          && $0.window == Marker.clean(window)
      }
    }
  }

  /// Creates the tool's and the priority labels once per run; an existing label is left as it is.
  mutating func ensureLabels(_ labels: [String]) throws(StageError) {
    for l in labels where !ensuredLabels.contains(l) {
      let (color, desc) =
        l == config.label
        ? ("0e8a16", "Filed by log-gardener from Cloud Logging clusters")
        : ("d93f0b", "Priority \(l)")
      let r = try runWrite([
        "label", "create", l, "-R", gh.repo, "--color", color, "--description", desc,
      ])
      if !r.ok && !r.stderr.lowercased().contains("already exists") {
        report.warnings.append("could not create label \(l): \(r.firstErrorLine)")
      }
      ensuredLabels.insert(l)
    }
  }

  mutating func perform(_ w: PlannedWrite) throws(StageError) -> GhResult {
    var args: [String]
    let n = String(w.issue ?? 0)
    var bodyFile: String?
    if let body = w.body {
      let path = tempDir + "/body-\(Fingerprint.of(w.key)).md"
      try FileBytes.writeAtomically(path, Array(body.utf8))
      bodyFile = path
    }
    defer { if let bodyFile { unlink(bodyFile) } }
    switch w.kind {
    case "create":
      args = [
        "issue", "create", "-R", gh.repo, "--title", w.title ?? "", "--body-file",
        bodyFile ?? "/dev/null",
      ]
      for l in w.labels { args += ["--label", l] }
    case "comment":
      args = ["issue", "comment", n, "-R", gh.repo, "--body-file", bodyFile ?? "/dev/null"]
    case "reopen":
      args = ["issue", "reopen", n, "-R", gh.repo]
    default:
      args = ["issue", "edit", n, "-R", gh.repo]
      if let t = w.title { args += ["--title", t] }
      if let bodyFile { args += ["--body-file", bodyFile] }
    }
    try ledger.record(w.key, "pending", issue: w.issue)
    return try runWrite(args)
  }

  /// One write: paced after the previous one, retried with back-off while rate-limited.
  mutating func runWrite(_ args: [String]) throws(StageError) -> GhResult {
    if wroteOnce, config.pauseMilliseconds > 0 {
      usleep(UInt32(min(config.pauseMilliseconds, 600_000)) * 1000)
    }
    wroteOnce = true
    var r = gh.run(args)
    var attempt = 0
    while r.rateLimited && attempt < config.retries {
      let wait = config.backoffMilliseconds << attempt
      if wait > 0 { usleep(UInt32(min(wait, 600_000)) * 1000) }
      attempt += 1
      r = gh.run(args)
    }
    return r
  }
}
