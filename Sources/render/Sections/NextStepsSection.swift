// Next steps derived from the data only: which cluster to look at first and where in the code, which
// clusters should clear with it, regressions to compare across revisions, issue work left in a dry run,
// and data-quality caveats. No figure here is estimated; every one is a count from the input.

import GardenKit

/// What to do next, in order.
enum NextStepsSection: WorklogSection {
  /// Root problems given their own step.
  static let maxLeads = 3

  static func render(_ w: Worklog) -> String {
    var steps: [String] = []
    let roots = w.problems.filter { c in
      guard let root = c.cluster.symptomOf.flatMap(w.cluster(fingerprint:)) else { return true }
      return root.cluster.fingerprint == c.cluster.fingerprint
    }
    for (i, c) in roots.prefix(maxLeads).enumerated() {
      var s =
        (i == 0 ? "Start with" : "Then") + " **" + c.tag + " \(c.label)** "
        + c.markdownTitle(max: 100)
      if let o = SummarySection.originText(c.cluster) { s += ", raised at " + o }
      s += ": \(grouped(c.cluster.count)) event" + (c.cluster.count == 1 ? "" : "s")
      if let f = w.shortTime(c.cluster.firstSeen), let l = w.shortTime(c.cluster.lastSeen) {
        s += ", " + f + " to " + l
      }
      if c.cluster.trend == "rising" { s += ", rising" }
      s += "."
      if let d = c.cluster.issue, d.action != "none" {
        s += " Issue: " + IssuePhrase.verb(d)
        if let ref = MarkdownText.issueRef(number: d.number, url: d.url) { s += " " + ref }
        s += "."
      }
      steps.append(s)
      let symptoms = w.symptoms(of: c).filter { $0.cluster.fingerprint != c.cluster.fingerprint }
      if !symptoms.isEmpty {
        let n = symptoms.map(\.cluster.count).saturatingSum
        steps.append(
          "Fixing \(c.label) should also clear its symptom" + (symptoms.count == 1 ? " " : "s ")
            + symptoms.map(\.label).joined(separator: ", ")
            + " (\(grouped(n)) event\(n == 1 ? "" : "s")); check that they stop after the fix.")
      }
    }
    for c in w.problems where c.cluster.category == "regression" {
      var s = "\(c.label) is a regression"
      if let d = c.cluster.issue, let ref = MarkdownText.issueRef(number: d.number, url: d.url) {
        s += " of " + ref
      }
      if c.cluster.revisions.count > 1 {
        s +=
          ": compare revisions "
          + c.cluster.revisions.prefix(4).map { MarkdownText.code($0, max: 60) }.joined(
            separator: ", ")
      } else if let r = c.cluster.revisions.first {
        s += ": look at what revision " + MarkdownText.code(r, max: 60) + " changed"
      }
      steps.append(s + ".")
    }
    let pending = w.clusters.compactMap { c -> IssueDecision? in
      guard let d = c.cluster.issue, d.action != "none", d.applied == nil else { return nil }
      return d
    }
    if !pending.isEmpty {
      let counts = IssuePhrase.tally(
        w.clusters.filter {
          $0.cluster.issue.map { $0.action != "none" && $0.applied == nil } ?? false
        })
      steps.append(
        "The issue decisions are a dry run: rerun with `--apply` (`pipeline.sh --apply`, or `garden-issues --apply`) to "
          + counts.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + ".")
    }
    let failed = w.clusters.filter { $0.cluster.issue?.applied == "failed" }.map(\.label)
    if !failed.isEmpty {
      steps.append(
        "Issue writes failed for " + failed.joined(separator: ", ")
          + ": rerun with `--apply` (`pipeline.sh` or `garden-issues`; the ledger prevents duplicates)."
      )
    }
    if !w.warnings.isEmpty && !steps.isEmpty {
      steps.append(
        "Counts are only as complete as the input: read the \(w.warnings.count) data-quality warning"
          + (w.warnings.count == 1 ? "" : "s") + " in the header first.")
    }
    guard !steps.isEmpty else { return "" }
    return "## Next steps\n\n"
      + steps.enumerated().map { "\($0.offset + 1). \($0.element)\n" }.joined()
  }
}
