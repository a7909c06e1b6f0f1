// The garden-issues run: read the listing and the scored stream, decide per cluster, optionally
// write through gh, and emit the stream with decisions plus this stage's meta record.
import GardenKit

/// One run of the stage.
struct IssuesStage {
  let args: Arguments
  let diagnostics: Diagnostics

  /// A record kept in input order until decisions are made.
  enum Item {
    case passthrough(JSONObject)
    case cluster(JSONObject, Int)
  }

  func run() throws -> ExitStatus {
    let apply = args.flag("apply")
    let file = args.value("issues-file")
    let repo = args.value("repo")
    func usage(_ m: String) -> StageError { StageError(.usage, Arguments.usage(args.spec, m)) }
    if file == nil && repo == nil { throw usage("give --issues-file FILE or --repo OWNER/NAME") }
    if let repo, repo.split(separator: "/").count != 2 || repo.contains(" ") {
      throw usage("--repo needs OWNER/NAME, got '\(repo)'")
    }
    if apply && repo == nil { throw usage("--apply needs --repo OWNER/NAME to write to") }
    if apply && args.value("ledger") == nil {
      throw usage("--apply needs --ledger FILE (it keeps reruns from repeating writes)")
    }
    var planner = PlannerConfig()
    planner.label = args.value("label") ?? "log-gardener"
    // `--label "$LABEL"` with the variable unset: `--apply` would run `gh label create ""`.
    if planner.label.allSatisfy(\.isWhitespace) {
      throw usage("--label needs a label name, got '\(planner.label)'")
    }
    if args.values("muted-label").contains(where: { $0.allSatisfy(\.isWhitespace) }) {
      throw usage("--muted-label needs a label name, got ''")
    }
    if !args.values("muted-label").isEmpty { planner.mutedLabels = args.values("muted-label") }
    let minP = args.value("min-priority") ?? "P2"
    guard let mp = DecisionPlanner.priorityNumber(minP), (0...9).contains(mp) else {
      throw usage("--min-priority needs P0…P9, got '\(minP)'")
    }
    planner.minPriority = mp
    planner.reopenGraceSeconds = Double(
      try args.int("reopen-grace", default: 600, in: 0...31_536_000))
    var thresholds = MatchThresholds()
    thresholds.signature = try unit("signature-threshold", 0.7)
    thresholds.strong = try unit("match-threshold", 0.65)
    thresholds.related = try unit("related-threshold", 0.35)
    if thresholds.related > thresholds.strong {
      throw usage("--related-threshold must not exceed --match-threshold")
    }
    var applyConfig = ApplyConfig()
    applyConfig.maxCreates = try args.int("max-creates", default: 10, in: 0...1000)
    applyConfig.maxComments = try args.int("max-comments", default: 30, in: 0...1000)
    applyConfig.pauseMilliseconds = try args.int("pause-ms", default: 1000, in: 0...600_000)
    applyConfig.backoffMilliseconds = try args.int("backoff-ms", default: 60_000, in: 0...600_000)
    applyConfig.retries = try args.int("retries", default: 2, in: 0...10)
    applyConfig.label = planner.label
    let explicitLimit = args.value("list-limit") != nil
    let listLimit = try args.int("list-limit", default: 5000, in: 1...1_000_000)
    let lockTimeout = Double(try args.int("lock-timeout", default: 60, in: 0...86_400))

    // The lock covers listing and writing, so two runs cannot both list and then both create.
    let ledgerPath = args.value("ledger")
    var lock: LedgerLock?
    if apply, let ledgerPath {
      lock = try LedgerLock(path: ledgerPath + ".lock", timeout: lockTimeout)
    }
    defer { _ = lock }
    var ledger = try Ledger.load(path: ledgerPath)

    var gh: GhClient?
    if let repo {
      let name = args.value("gh") ?? "gh"
      guard let exe = GhClient.locate(name) else {
        throw StageError(
          .noInput, "\(name): gh not found (install gh, pass --gh PATH, or use --issues-file)")
      }
      gh = GhClient(executable: exe, repo: repo)
    }
    var listing: IssueListing
    if let file {
      guard let bytes = try FileBytes.read(file) else {
        throw StageError(.noInput, "\(file): no such issues file")
      }
      listing = try IssueListing.parse(bytes, source: "file:" + file)
      let assumed = explicitLimit ? listLimit : 30
      if listing.issues.count + listing.invalidSkipped + listing.pullRequestsSkipped >= assumed
        && (explicitLimit || listing.issues.count == 30)
      {
        listing.complete = false
        listing.warnings.append(
          "\(file) holds \(listing.issues.count) issues, the --limit it was listed with (\(assumed)\(explicitLimit ? "" : ", gh's default")): it may be cut off, so no issue is written; pass --list-limit with the real limit"
        )
      }
    } else if let gh {
      listing = gh.listIssues(limit: listLimit)
    } else {
      listing = IssueListing(source: "none")
    }
    if let gh { listing.ghVersion = gh.version() }
    for w in listing.warnings { diagnostics.note("warning: " + w) }

    // Read the stream.
    var rejects: RejectsWriter?
    if let r = args.value("rejects") { rejects = try RejectsWriter(path: r) }
    let source = RecordSource(paths: args.inputs, diagnostics: diagnostics, rejects: rejects)
    var items: [Item] = []
    var clusters: [JSONObject] = []
    var runWindow: String?
    var metas = 0
    // Stages upstream that said their own output is partial (a truncated export, gcloud cut off).
    var partialStages: [String] = []
    try source.forEachRecord { rec in
      switch rec.kind {
      case "cluster":
        // Without a fingerprint there is no marker or ledger key: filing it would repeat every run.
        if let problem = ClusterRecordCheck.problem(rec.object) {
          try source.reject(
            rec.file, rec.line, problem, text: JSONWriter.string(.object(rec.object)))
          return
        }
        items.append(.cluster(rec.object, clusters.count))
        clusters.append(rec.object)
      case "meta":
        metas += 1
        if rec.object["complete"]?.bool == false {
          partialStages.append(rec.object["stage"]?.string ?? "an upstream stage")
        }
        if runWindow == nil, let w = rec.object["window"]?.object, let s = w["start"]?.string,
          let e = w["end"]?.string
        {
          runWindow = s + "/" + e
        }
        items.append(.passthrough(rec.object))
      default:
        items.append(.passthrough(rec.object))
      }
    }
    try rejects?.close()

    // Decide.
    let matcher = IssueMatcher(
      listing: listing, label: planner.label, thresholds: thresholds, tracking: ledger.tracking)
    var dp = DecisionPlanner(config: planner, matcher: matcher, ledger: ledger, listing: listing)
    var plans = clusters.map { dp.plan(ClusterFacts(record: $0, runWindow: runWindow)) }
    TitleQualifier.separateCreates(&plans)

    // Act. Partial input never writes: the clusters and counts are not the whole window, so a
    // create could duplicate what the missing part would have matched, and a comment undercounts.
    let partialInput: String? =
      source.upstreamIncomplete
      ? "the input is partial (the upstream stream was cut off)"
      : partialStages.isEmpty
        ? nil
        : "the input is partial (\(partialStages[0]) marked its output incomplete)"
    var report = ApplyReport()
    if apply, let gh {
      if !listing.complete {
        report.skipped = DecisionApplier.skipAll(&plans, because: "the issue listing is incomplete")
      } else if let partialInput {
        report.skipped = DecisionApplier.skipAll(&plans, because: partialInput)
        diagnostics.note("warning: no issue is written: " + partialInput)
      } else {
        var applier = DecisionApplier(gh: gh, config: applyConfig, ledger: ledger)
        defer { applier.cleanUp() }
        try applier.apply(&plans)
        report = applier.report
        ledger = applier.ledger
        try ledger.save()
      }
    } else {
      printDryRun(plans, repo: repo, listingComplete: listing.complete)
    }

    // Write.
    let out = OutputStream()
    let preview = !args.flag("no-preview")
    for item in items {
      switch item {
      case .passthrough(let o): try out.writeRecord(o)
      case .cluster(var o, let i):
        let p = plans[i]
        o["issue"] = p.decision.json
        if preview {
          o["issue_title"] = p.previewTitle.map { .string($0) }
          o["issue_body"] = p.previewBody.map { .string($0) }
        }
        try out.writeRecord(o)
      }
    }
    var meta = MetaRecord(stage: "issues")
    meta.setCount("records_in", source.recordsIn)
    meta.setCount("records_out", items.count)
    meta.setCount("rejected", source.rejected)
    meta.setCount("clusters", clusters.count)
    for action in ["create", "update", "reopen", "none"] {
      meta.setCount(action, plans.filter { $0.decision.action == action }.count)
    }
    meta.warnings = listing.warnings + report.warnings
    if let w = source.upstreamWarning { meta.warnings.append(w) }
    if let w = source.eventsWithoutClustersWarning(clusters: clusters.count) {
      meta.warnings.append(w)
      diagnostics.note("warning: " + w)
    }
    if !clusters.isEmpty, !clusters.contains(where: { $0["priority"] != nil }) {
      // garden-cluster's output given straight here: nothing reaches --min-priority, so nothing
      // would ever be filed, and the run would look like a quiet hour.
      let w =
        "none of the \(clusters.count) cluster records has a priority: garden-issues reads garden-score's output (garden-cluster | garden-score | garden-issues), and unscored clusters are never filed"
      meta.warnings.append(w)
      diagnostics.note("warning: " + w)
    }
    if !listing.complete && plans.contains(where: { !$0.writes.isEmpty }) {
      meta.warnings.append(
        "decisions were made against an incomplete issue listing: creates may be duplicates")
    }
    if apply, listing.complete, let partialInput, report.skipped > 0 {
      meta.warnings.append("no issue was written: " + partialInput)
    }
    meta.complete = listing.complete && partialInput == nil
    var listingObj = JSONObject([
      "source": .string(listing.source), "issues_considered": .int(listing.issues.count),
      "pull_requests_skipped": .int(listing.pullRequestsSkipped),
      "complete": .bool(listing.complete),
      "state_reason_known": .bool(listing.hasStateReason),
    ])
    if let v = listing.ghVersion { listingObj["gh_version"] = .string(v) }
    meta.extra["listing"] = .object(listingObj)
    meta.extra["apply"] = .bool(apply)
    meta.extra["writes"] = .object(
      JSONObject([
        "done": .int(report.done), "failed": .int(report.failed), "skipped": .int(report.skipped),
        "planned": .int(plans.reduce(0) { $0 + $1.writes.count }),
      ]))
    meta.extra["caps_hit"] = .array(report.capsHit.map { .string($0) })
    try out.writeRecord(meta.record)
    try out.flush()

    if report.failed > 0 { return .ioError }
    if !meta.complete { return .partial }
    if source.rejected > 0 { return .rejected }
    return .ok
  }

  func unit(_ name: String, _ d: Double) throws(StageError) -> Double {
    let v = try args.double(name, default: d)
    guard (0...1).contains(v) else {
      throw StageError(
        .usage, Arguments.usage(args.spec, "--\(name) needs a number in 0…1, got \(v)"))
    }
    return v
  }

  /// The plan, one line per write, on stderr.
  func printDryRun(_ plans: [Plan], repo: String?, listingComplete: Bool) {
    let r = repo ?? "OWNER/NAME"
    // Only what would be written: `none` decisions are in the records and the worklog, and a line
    // each would bury the writes in cron mail.
    let quiet = plans.filter { $0.decision.action == "none" }.count
    for p in plans where p.decision.action != "none" {
      let fp = MarkdownSafety.plainText(p.facts.identities.first ?? "?")
      let d = p.decision
      diagnostics.note(
        "dry run: cluster \(fp): \(d.action)\(d.number.map { " #\($0)" } ?? ""): "
          + MarkdownSafety.plainText(d.reason))
      for w in p.writes {
        let n = w.issue.map(String.init) ?? ""
        let text: String
        switch w.kind {
        case "create":
          text =
            "gh issue create -R \(r) --title \(quote(w.title ?? "")) "
            + w.labels.map { "--label \(quote($0)) " }.joined()
            + "--body-file <\(w.body?.count ?? 0) chars>"
        case "comment":
          text = "gh issue comment \(n) -R \(r) --body-file <\(w.body?.count ?? 0) chars>"
        case "reopen": text = "gh issue reopen \(n) -R \(r)"
        default:
          text =
            "gh issue edit \(n) -R \(r)" + (w.title.map { " --title \(quote($0))" } ?? "")
            + (w.body.map { " --body-file <\($0.count) chars>" } ?? "")
        }
        diagnostics.note(
          "dry run:   would run: " + text
            + (listingComplete ? "" : "  (blocked: listing incomplete)"))
      }
    }
    if quiet > 0 {
      diagnostics.note(
        "dry run: \(quiet) more clusters need no issue action (reasons in the output records)")
    }
  }

  func quote(_ s: String) -> String { "'" + s.replacingAll("'", with: "'\\''") + "'" }
}
