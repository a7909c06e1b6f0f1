// Issue processing results: one table row per cluster that has a decision (created, updated, reopened,
// no action) with its link and reason, then totals and what garden-issues said about its listing.

import GardenKit

/// The issue decisions of the run.
enum IssueResultsSection: WorklogSection {
  static func render(_ w: Worklog) -> String {
    let decided = w.clusters.filter { $0.cluster.issue != nil }
    guard !decided.isEmpty else { return "" }
    var s = "## Issue processing\n\n"
    s += "| Cluster | Priority | Decision | Issue | Reason |\n|---|---|---|---|---|\n"
    for c in decided {
      guard let d = c.cluster.issue else { continue }
      var target = IssuePhrase.target(d) ?? "–"
      if let m = d.matchedBy {
        target +=
          " (" + MarkdownText.text(m, max: 20)
          + (d.confidence.map { " " + Worklog.decimal($0) } ?? "") + ")"
      }
      s +=
        "| \(c.label) | \(c.priorityName) | " + IssuePhrase.verb(d) + " | "
        + MarkdownText.cell(target) + " | "
        + MarkdownText.cell(d.reason.isEmpty ? "–" : MarkdownText.text(d.reason, max: 200)) + " |\n"
    }
    let tally = IssuePhrase.tally(decided)
    let names = ["create": "create", "update": "update", "reopen": "reopen", "none": "no action"]
    s +=
      "\n**Totals:** "
      + tally.map { "\(names[$0.0] ?? MarkdownText.text($0.0, max: 20)) \($0.1)" }.joined(
        separator: " · ")
    let applied = decided.compactMap { $0.cluster.issue?.applied }
    if applied.isEmpty {
      s += " (dry run: nothing was written)"
    } else {
      var byState: [String: Int] = [:]
      for a in applied { byState[a, default: 0] += 1 }
      s +=
        " (applied: "
        + byState.keys.sorted().map { "\(MarkdownText.text($0, max: 20)) \(byState[$0] ?? 0)" }
        .joined(separator: ", ") + ")"
    }
    let related = Set(decided.flatMap { $0.cluster.issue?.related.map(\.number) ?? [] })
    if !related.isEmpty { s += " · related issues linked: \(related.count)" }
    s += "\n"
    if let meta = w.input.metas.last(where: { $0.stage == "issues" }),
      let listing = meta.object["listing"]?.object
    {
      let facts = listing.compactMap { k, v in
        v.scalarText.map { MarkdownText.text(k, max: 30) + " " + MarkdownText.text($0, max: 80) }
      }
      if !facts.isEmpty {
        s += "\n**Existing issues listing:** " + facts.joined(separator: " · ") + "\n"
      }
    }
    return s
  }
}
