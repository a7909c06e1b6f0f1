// Turns a cluster and its match into a decision and the exact writes that carry it out. Dry run and
// --apply share this plan, so what a dry run prints is what --apply does.
import GardenKit

/// One gh write, with its deterministic ledger key.
struct PlannedWrite {
  /// `create`, `comment`, `reopen` or `edit`.
  var kind: String
  var key: String
  var issue: Int?
  var title: String?
  var body: String?
  var labels: [String] = []
}

/// The decision for one cluster and how to carry it out.
struct Plan {
  var facts: ClusterFacts
  var decision: IssueDecision
  var writes: [PlannedWrite] = []
  /// What render may show: the title of the issue after the action and the text posted.
  var previewTitle: String?
  var previewBody: String?
}

/// Settings that shape decisions.
struct PlannerConfig {
  var label = "log-gardener"
  var mutedLabels = ["log-gardener:muted", "wontfix"]
  /// Highest priority number still acted on (3 = P3).
  var minPriority = 2
  var reopenGraceSeconds = 600.0
}

/// Decides per cluster, remembering which issues this run already updates.
struct DecisionPlanner {
  let config: PlannerConfig
  let matcher: IssueMatcher
  let ledger: Ledger
  let listing: IssueListing
  /// Issue number → fingerprint of the cluster that already updates it in this run.
  var updatedThisRun: [Int: String] = [:]

  init(config: PlannerConfig, matcher: IssueMatcher, ledger: Ledger, listing: IssueListing) {
    self.config = config
    self.matcher = matcher
    self.ledger = ledger
    self.listing = listing
  }

  static func priorityNumber(_ p: String?) -> Int? {
    guard let p, p.count >= 2, p.first == "P" || p.first == "p" else { return nil }
    return Int(p.dropFirst())
  }

  mutating func plan(_ f: ClusterFacts) -> Plan {
    let c = f.cluster
    func none(_ reason: String) -> Plan {
      Plan(facts: f, decision: IssueDecision(action: "none", reason: reason))
    }
    if f.muted { return none("muted: the scorer marked this cluster muted") }
    guard let priority = c.priority, let pn = Self.priorityNumber(priority) else {
      return none(
        c.severity < .warning
          ? "no priority: an INFO-level cluster describes health, not a problem"
          : "no priority: the scorer gave this cluster none")
    }
    if pn > config.minPriority {
      return none(
        "priority \(priority) is below the --min-priority P\(config.minPriority) threshold")
    }
    guard !f.identities.isEmpty else {
      return none("the cluster has no fingerprint, so it cannot be tracked")
    }
    let fp = f.identities[0]
    let outcome = matcher.match(f)
    var plan: Plan
    if let m = outcome.match {
      plan = planMatched(f, m, priority: priority, fp: fp)
    } else if let cause = c.symptomOf {
      // A symptom (container exits, 503s during a failed start) is tracked with its cause: one
      // problem, one issue.
      plan = none(
        "a symptom of cluster \(cause): tracked in the cause's issue, not filed on its own")
    } else {
      plan = planCreate(f, outcome.related, priority: priority, fp: fp)
    }
    plan.decision.related = outcome.related
    return withheldIfSecret(plan)
  }

  mutating func planMatched(_ f: ClusterFacts, _ m: IssueMatch, priority: String, fp: String)
    -> Plan
  {
    let issue = m.issue
    let own =
      m.matchedBy == "marker" || m.matchedBy == "signature"
      || (m.matchedBy == "ledger" && Marker.issueMarker(in: issue.body) != nil
        && issue.hasLabel(in: [config.label]))
    var d = IssueDecision(
      action: "none", number: issue.number, url: issue.url, title: issue.title, state: issue.state,
      matchedBy: m.matchedBy, confidence: m.confidence,
      reason: "matches #\(issue.number): " + m.reason)
    var plan = Plan(facts: f, decision: d)
    func none(_ why: String) -> Plan {
      plan.decision.reason = d.reason + "; no action: " + why
      return plan
    }
    if issue.hasLabel(in: config.mutedLabels) {
      return none(
        "#\(issue.number) carries a muted label (\(issue.labels.joined(separator: ", ")))")
    }
    let category: String
    if issue.isOpen {
      if let other = updatedThisRun[issue.number] {
        return none("#\(issue.number) already gets this run's update from cluster \(other)")
      }
      if own, Marker.issueMarker(in: issue.body)?.window == f.window {
        return none("#\(issue.number) was filed from this same window")
      }
      if ledger.isDone(Ledger.key("comment", fp, f.window)) {
        return none("already commented on #\(issue.number) for window \(f.window) (ledger)")
      }
      d.action = "update"
      category = "active-dev"
    } else {
      let reason =
        issue.stateReason
        ?? (issue.hasLabel(in: ["wontfix", "invalid", "duplicate"]) ? "NOT_PLANNED" : "COMPLETED")
      if reason == "NOT_PLANNED" { return none("#\(issue.number) was closed as not planned") }
      if reason == "DUPLICATE" { return none("#\(issue.number) was closed as a duplicate") }
      guard let closedText = issue.closedAt, let closed = Timestamp(rfc3339: closedText) else {
        return none("#\(issue.number) is closed and its close time is unknown")
      }
      guard let lastText = f.cluster.lastSeen, let last = Timestamp(rfc3339: lastText),
        Double(last.seconds - closed.seconds) + Double(last.nanos - closed.nanos) / 1e9
          > config.reopenGraceSeconds
      else {
        return none(
          "#\(issue.number) was closed at \(closedText) and no event is later than that plus \(Int(config.reopenGraceSeconds)) s"
        )
      }
      if ledger.isDone(Ledger.key("reopen", fp, f.window)) {
        return none("#\(issue.number) was already reopened for window \(f.window) (ledger)")
      }
      d.action = "reopen"
      d.reason +=
        "; it was closed as completed at \(closedText) and the error occurred again at \(lastText)"
      category = "regression"
    }
    updatedThisRun[issue.number] = fp
    var writes: [PlannedWrite] = []
    if own {
      let newTitle = IssueComposer.keepingQualifier(
        IssueComposer.title(category: category, priority: priority, facts: f),
        existing: issue.title)
      var marker = Marker.issueMarker(in: issue.body) ?? Marker(fingerprint: fp)
      let missing = f.identities.filter { !marker.allFingerprints.contains($0) }
      marker.aliases += missing
      if marker.key == nil { marker.key = f.key }
      let newBody = missing.isEmpty ? nil : Marker.replacing(in: issue.body, with: marker)
      if newTitle != issue.title || newBody != nil {
        writes.append(
          PlannedWrite(
            kind: "edit", key: Ledger.key("edit", fp, f.window), issue: issue.number,
            title: newTitle != issue.title ? newTitle : nil, body: newBody))
      }
      d.title = newTitle
      if !missing.isEmpty {
        d.reason += "; adds \(missing.joined(separator: ", ")) to its marker's aliases"
      }
    }
    if d.action == "reopen" {
      writes.insert(
        PlannedWrite(kind: "reopen", key: Ledger.key("reopen", fp, f.window), issue: issue.number),
        at: 0)
    }
    let comment = IssueComposer.comment(
      kind: d.action, facts: f, issue: issue,
      marker: Marker(verb: "update", fingerprint: fp, window: f.window))
    writes.append(
      PlannedWrite(
        kind: "comment", key: Ledger.key("comment", fp, f.window), issue: issue.number,
        body: comment))
    if ledger.posted.contains("\(issue.number):\(Fingerprint.of(comment))") {
      return none("the same comment was already posted on #\(issue.number) (ledger)")
    }
    plan.decision = d
    plan.writes = writes.filter { !ledger.isDone($0.key) }
    plan.previewTitle = d.title
    plan.previewBody = comment
    return plan
  }

  func planCreate(_ f: ClusterFacts, _ related: [RelatedIssue], priority: String, fp: String)
    -> Plan
  {
    let key = Ledger.key("create", fp, f.window)
    if let e = ledger.entries[key], e.status == "done" {
      return Plan(
        facts: f,
        decision: IssueDecision(
          action: "none", number: e.issue,
          reason:
            "already created \(e.issue.map { "#\($0)" } ?? "an issue") for this window (ledger), but the listing does not show it"
        ))
    }
    let title = IssueComposer.title(category: "new", priority: priority, facts: f)
    let marker = Marker(
      fingerprint: fp, aliases: Array(f.identities.dropFirst()), key: f.key, window: f.window)
    let body = IssueComposer.issueBody(facts: f, related: related, marker: marker)
    var reason = "no existing issue tracks this cluster"
    if let r = related.first {
      reason +=
        "; possibly related: " + related.map { "#\($0.number)" }.joined(separator: ", ")
        + " (best score \(r.confidence), below the --match-threshold)"
    }
    var plan = Plan(
      facts: f, decision: IssueDecision(action: "create", title: title, reason: reason))
    plan.writes = [
      PlannedWrite(
        kind: "create", key: key, title: title, body: body, labels: [config.label, priority])
    ]
    plan.previewTitle = title
    plan.previewBody = body
    return plan
  }

  /// The last line of defence: a secret pattern in anything about to be posted blocks the decision.
  func withheldIfSecret(_ p: Plan) -> Plan {
    var found: Set<String> = []
    for w in p.writes {
      for t in [w.title, w.body].compactMap({ $0 }) {
        // Edits carry the issue's existing body; only our own text is judged for a new post.
        found.formUnion(SecretScan.findings(in: t))
      }
    }
    guard !found.isEmpty else { return p }
    var q = p
    q.decision.action = "none"
    q.decision.reason =
      "withheld: the composed text still matches secret patterns (\(found.sorted().joined(separator: ", "))), so nothing is posted"
    q.writes = []
    q.previewBody = nil
    q.previewTitle = nil
    return q
  }
}
