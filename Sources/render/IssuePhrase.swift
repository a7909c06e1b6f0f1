// How an issue decision reads in the worklog: `reopen [#23](…)`, `create (dry run)`, `updated #17`,
// `no action`. The verb reflects whether `--apply` performed it (`applied`: done, skipped, failed).

import GardenKit

/// Words for an issue decision.
enum IssuePhrase {
  /// The past-tense or planned verb: `created`, `create (dry run)`, `update skipped`, `no action`.
  static func verb(_ d: IssueDecision) -> String {
    let action = d.action.lowercased()
    guard ["create", "update", "reopen"].contains(action) else {
      return action == "none" ? "no action" : MarkdownText.text(action, max: 20)
    }
    switch d.applied?.lowercased() {
    case "done": return action == "reopen" ? "reopened" : action + "d"
    case "skipped": return action + " skipped"
    case "failed": return action + " failed"
    case nil: return action + " (dry run)"
    case let other?: return action + " (" + MarkdownText.text(other, max: 20) + ")"
    }
  }

  /// The issue named by the decision: link and title, or the title a create would use.
  static func target(_ d: IssueDecision) -> String? {
    let ref = MarkdownText.issueRef(number: d.number, url: d.url)
    let title = d.title.map { MarkdownText.text($0, max: 90) }
    switch (ref, title) {
    case (let r?, let t?): return r + " " + t
    case (let r?, nil): return r
    case (nil, let t?): return t
    default: return nil
    }
  }

  /// One line: `**reopen (dry run)** [#23](…) Title: reason`.
  static func line(_ d: IssueDecision) -> String {
    var s = "**" + verb(d) + "**"
    if let t = target(d) { s += " " + t }
    if !d.reason.isEmpty { s += ": " + MarkdownText.text(d.reason, max: 200) }
    return s
  }

  /// Counts per action (create, update, reopen, none, other), in that order, skipping zeros.
  static func tally(_ clusters: [ClusterEntry]) -> [(String, Int)] {
    var counts: [String: Int] = [:]
    for c in clusters {
      if let d = c.cluster.issue { counts[d.action.lowercased(), default: 0] += 1 }
    }
    let order = ["create", "update", "reopen", "none"]
    var out = order.compactMap { k in counts[k].map { (k, $0) } }
    out += counts.keys.filter { !order.contains($0) }.sorted().map { ($0, counts[$0] ?? 0) }
    return out
  }
}
