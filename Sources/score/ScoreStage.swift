// The garden-score driver: options, reading the stream, the history transaction and the output.
// The scoring itself is Scorer (pure); this file only moves records and files around it.

import GardenKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

enum ScoreStage {
  static let spec = StageSpec(
    program: "garden-score",
    abstract: "priority P0-P3, category, health and trend for each cluster, with the reasons",
    discussion: HelpText.discussion,
    options: [
      OptionSpec(
        "config", value: "FILE",
        help: "Rules, critical components, impact, mutes and thresholds (JSON; see CONFIG)."),
      OptionSpec(
        "history", value: "FILE",
        help: "Per-fingerprint history to read and update (JSON; see HISTORY)."),
      OptionSpec(
        "reset-history",
        help: "Start the history afresh, ignoring (and replacing) the file's contents."),
      OptionSpec(
        "now", value: "RFC3339",
        help: "The run's \"now\": decides mute expiry and is recorded in the history.",
        default: "latest last_seen in the input"),
      OptionSpec(
        "lock-timeout", value: "SECONDS", help: "How long to wait for another run's history lock.",
        default: "30"),
      OptionSpec(
        "rejects", value: "FILE",
        help: "Write rejected input lines here, whole and scrubbed, as NDJSON."),
    ],
    examples: [
      (
        "score a saved cluster stream with the defaults",
        "garden-score clusters.ndjson > scored.ndjson"
      ),
      (
        "hourly run: own rules, history kept between runs",
        "garden-cluster < events.ndjson | garden-score --config examples/score-config.json --history state/score-history.json"
      ),
      (
        "only the P0 and P1 clusters, with their reasons",
        "garden-score clusters.ndjson | jq -c 'select(.priority == \"P0\" or .priority == \"P1\") | {title, priority, reasons}'"
      ),
    ],
    exitStatuses: [
      .ok, .rejected, .partial, .usage, .dataError, .noInput, .software, .ioError, .tempFail,
    ])

  /// Environment variable that makes the stage kill itself between writing the temporary history
  /// file and renaming it (value `before-rename`), to test that a crash leaves the old history.
  static let crashHook = "GARDEN_SCORE_TEST_CRASH"

  static func run(_ args: Arguments, _ diagnostics: Diagnostics) throws -> ExitStatus {
    let config =
      try args.value("config").map { path throws(StageError) in try ConfigLoader.load(path: path) }
      ?? ScoreConfig()
    var nowOverride: Timestamp?
    if let text = args.value("now") {
      guard let t = Timestamp(rfc3339: text) else {
        throw StageError(
          .usage,
          Arguments.usage(
            spec, "option '--now' needs an RFC 3339 time like 2025-09-15T14:00:00Z, got '\(text)'"))
      }
      nowOverride = t
    }
    let lockTimeout = try args.double("lock-timeout", default: 30)
    guard lockTimeout >= 0, lockTimeout <= 86_400 else {
      throw StageError(
        .usage, Arguments.usage(spec, "option '--lock-timeout' needs seconds in 0...86400"))
    }
    let reset = args.flag("reset-history")
    var store: HistoryStore?
    if let path = args.value("history") {
      var s = HistoryStore(path: path, lockTimeout: lockTimeout)
      if getenv(crashHook).map({ String(cString: $0) }) == "before-rename" {
        s.beforeRename = { kill(getpid(), SIGKILL) }
      }
      // Fail before any output when the history is corrupt; it is read again under the lock.
      if !reset { _ = try s.read() }
      store = s
    } else if reset {
      throw StageError(
        .usage, Arguments.usage(spec, "option '--reset-history' needs --history FILE"))
    }

    let rejects = try args.value("rejects").map { p throws(StageError) in try RejectsWriter(path: p)
    }
    let source = RecordSource(paths: args.inputs, diagnostics: diagnostics, rejects: rejects)
    let out = OutputStream()
    var clusters: [JSONObject] = []
    var forwarded = 0
    var window = WindowFinder()
    // Stages upstream that said their own output is partial (a truncated export, gcloud cut off).
    var partialStages: [String] = []
    try source.forEachRecord { rec in
      if rec.kind == "cluster" {
        if let problem = ClusterRecordCheck.problem(rec.object) {
          try source.rejectRecord(rec, problem)
          return
        }
        clusters.append(rec.object)
        window.add(cluster: rec.object)
        return
      }
      if rec.kind == "meta" {
        window.add(meta: rec.object)
        if rec.object["complete"]?.bool == false {
          partialStages.append(rec.object["stage"]?.string ?? "an upstream stage")
        }
      }
      try out.writeRecord(rec.object)
      forwarded += 1
    }

    var warnings: [String] = []
    let partialInput = source.upstreamIncomplete || !partialStages.isEmpty
    let bounds = window.bounds
    let now: Timestamp
    if let nowOverride {
      now = nowOverride
    } else if let latest = window.latestLastSeen ?? bounds?.end {
      now = latest
    } else {
      now = Timestamp(seconds: 0)
      if !clusters.isEmpty {
        warnings.append(
          "no cluster has a readable last_seen and --now was not given: \"now\" is 1970-01-01T00:00:00Z"
        )
      }
    }
    let spanHours = bounds.map { max(0, $0.end.seconds(since: $0.start)) / 3600 } ?? 0
    let windowHours = max(config.thresholds.minWindowHours, spanHours)

    var result: ScoreResult
    var historyInfo: JSONObject?
    if let store {
      (result, historyInfo) = try store.withLock { () throws -> (ScoreResult, JSONObject) in
        let before = reset ? History() : (try store.read() ?? History())
        let r = Scorer.score(
          clusters, config: config,
          run: RunContext(now: now, windowHours: windowHours, history: before))
        var info = JSONObject()
        if partialInput {
          info["written"] = .bool(false)
          warnings.append(
            "the history was not updated: the input is partial, and partial counts would distort trends"
          )
          info["fingerprints"] = .int(before.entries.count)
        } else {
          let after = before.merging(
            run: r.clusters.map(\.sighting), now: now, hours: windowHours,
            keepRuns: config.thresholds.recentRuns,
            forgetAfterDays: config.thresholds.forgetAfterDays)
          try store.write(after)
          info["written"] = .bool(true)
          info["run"] = .int(after.lastRun)
          info["fingerprints"] = .int(after.entries.count)
        }
        if reset {
          warnings.append("the history was reset (--reset-history): earlier runs were discarded")
        }
        return (r, info)
      }
    } else {
      result = Scorer.score(
        clusters, config: config, run: RunContext(now: now, windowHours: windowHours, history: nil))
    }
    warnings = result.warnings + warnings
    if let w = Self.repeatedFingerprints(clusters) {
      warnings.append(w)
      diagnostics.note("warning: " + w)
    }
    if let w = source.eventsWithoutClustersWarning(clusters: clusters.count) {
      warnings.append(w)
      diagnostics.note("warning: " + w)
    }

    for c in result.clusters { try out.writeRecord(c.record) }

    var meta = MetaRecord(stage: "score")
    meta.setCount("records_in", source.recordsIn)
    meta.setCount("records_out", forwarded + result.clusters.count)
    meta.setCount("rejected", source.rejected)
    meta.setCount("clusters_in", clusters.count)
    meta.setCount("clusters_out", result.clusters.count)
    for p in Priority.allCases {
      meta.setCount(p.name, result.clusters.filter { $0.priority == p }.count)
    }
    meta.setCount("no_priority", result.clusters.filter { $0.priority == nil }.count)
    meta.setCount("muted", result.clusters.filter(\.muted).count)
    meta.setCount("symptoms", result.clusters.filter { $0.symptomOf != nil }.count)
    if let w = source.upstreamWarning {
      warnings.append(w)
      meta.complete = false
    }
    if !partialStages.isEmpty {
      // The upstream warning itself travels in its own meta record; this one says what follows.
      meta.complete = false
    }
    meta.warnings = warnings
    meta.extra["now"] = .string(now.text)
    meta.extra["window_hours"] = .double((windowHours * 1000).rounded() / 1000)
    meta.extra["health"] = .array(result.health.map(\.json))
    if let historyInfo { meta.extra["history"] = .object(historyInfo) }
    try out.writeRecord(meta.record)
    try out.flush()
    try rejects?.close()

    if partialInput { return .partial }
    return source.rejected > 0 ? .rejected : .ok
  }
}

extension ScoreStage {
  /// A warning when one fingerprint comes in several cluster records: shards clustered apart and
  /// concatenated without `garden-cluster --merge`, or a stream read twice. Each copy is scored on
  /// its share of the events only, and the worklog would list the same problem more than once.
  static func repeatedFingerprints(_ clusters: [JSONObject]) -> String? {
    var seen: [String: Int] = [:]
    var order: [String] = []
    for c in clusters {
      guard let fp = c["fingerprint"]?.string else { continue }
      if seen[fp] == nil { order.append(fp) }
      seen[fp, default: 0] += 1
    }
    let repeated = order.filter { (seen[$0] ?? 0) > 1 }
    guard let first = repeated.first else { return nil }
    let n = repeated.count
    return
      "\(n) fingerprint\(n == 1 ? "" : "s") (first \(first), \(seen[first] ?? 0) records) "
      + "\(n == 1 ? "comes" : "come") in more than one cluster record: the input holds shards that were not "
      + "merged (write them with garden-cluster --partial and combine with garden-cluster --merge) or the "
      + "same stream twice, so each copy is scored on part of its events"
  }
}

extension RecordSource {
  /// Rejects a record that is valid JSON but unusable here (reported, counted, saved to --rejects).
  func rejectRecord(_ rec: StreamRecord, _ reason: String) throws {
    try reject(rec.file, rec.line, reason, text: JSONWriter.string(.object(rec.object)))
  }
}
