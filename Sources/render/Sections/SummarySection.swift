// The executive summary: counts by priority, what changed since the last run, and the worst problems
// (root causes first, each with its origin in the code, its symptoms and its issue decision), all on
// the first screen.

import GardenKit

/// The first screen after the header.
enum SummarySection: WorklogSection {
  /// Root problems listed in full.
  static let maxProblems = 5

  static func render(_ w: Worklog) -> String {
    var s = "## Summary\n\n"
    guard !w.clusters.isEmpty else {
      s +=
        w.droppedByFocus > 0
        ? "No cluster matches the focus.\n" : "No clusters: nothing to report.\n"
      return s
    }
    s += priorityLine(w) + "\n"
    if let c = changesLine(w) { s += "\n" + c + "\n" }
    let roots = w.problems.filter { c in
      guard let root = c.cluster.symptomOf.flatMap(w.cluster(fingerprint:)) else { return true }
      return root.cluster.fingerprint == c.cluster.fingerprint
    }
    if !w.scored {
      s +=
        "\nNot scored (no garden-score meta record): problems below are ordered by severity and count.\n"
    }
    if roots.isEmpty {
      s +=
        w.scored
        ? "\nNo cluster has a priority: everything seen describes health, not problems.\n"
        : "\nNo cluster of WARNING or worse.\n"
      return s
    }
    s += "\n"
    for (i, c) in roots.prefix(maxProblems).enumerated() {
      s += "\(i + 1). " + headline(w, c) + "\n"
      if let o = originText(c.cluster) { s += "   - Origin: " + o + "\n" }
      let symptoms = w.symptoms(of: c)
      if !symptoms.isEmpty {
        s +=
          "   - Symptoms: "
          + symptoms.map {
            "\($0.label) " + MarkdownText.text($0.cluster.title, max: 50)
              + " (\(grouped($0.cluster.count)))"
          }
          .joined(separator: "; ") + "\n"
      }
      if let d = c.cluster.issue { s += "   - Issue: " + IssuePhrase.line(d) + "\n" }
    }
    if roots.count > maxProblems {
      s +=
        "\n\(roots.count - maxProblems) more prioritized cluster"
        + (roots.count - maxProblems == 1 ? "" : "s") + " below.\n"
    }
    return s
  }

  /// `**P0 C1 · Title**: 6 CRITICAL events, new, rising`
  static func headline(_ w: Worklog, _ c: ClusterEntry) -> String {
    var s =
      "**" + c.tag + " \(c.label) · " + c.markdownTitle(max: 100) + "**: "
    s +=
      "\(grouped(c.cluster.count)) \(c.cluster.severity.name) event"
      + (c.cluster.count == 1 ? "" : "s")
    if let r = w.rate(c) { s += " (" + r + ")" }
    let tags = [c.cluster.category, c.cluster.trend].compactMap { $0 }.filter { !$0.isEmpty }
    var seen: [String] = []
    for t in tags where !seen.contains(t) { seen.append(t) }
    if !seen.isEmpty {
      s += ", " + seen.map { MarkdownText.text($0, max: 20) }.joined(separator: ", ")
    }
    return s
  }

  /// Origin `file:line` in `function`, or the innermost in-app frame, or the first logger.
  static func originText(_ c: Cluster) -> String? {
    if let o = c.origin, let t = MarkdownText.location(o) { return t }
    if let f = c.frames.last(where: \.inApp) ?? c.frames.last, let t = MarkdownText.location(f) {
      return t
    }
    if let l = c.loggers.first { return "logger " + MarkdownText.code(l) }
    return nil
  }

  /// `**Clusters:** 7: P0 1 (6 events) · P1 1 (212) · no priority 2 (980) · muted 1`
  static func priorityLine(_ w: Worklog) -> String {
    var groups: [(String, Int, Int)] = []
    for c in w.clusters where !c.muted {
      let name = c.priorityName == "none" ? "no priority" : c.priorityName
      if let i = groups.firstIndex(where: { $0.0 == name }) {
        groups[i].1 += 1
        groups[i].2 = [groups[i].2, c.cluster.count].saturatingSum
      } else {
        groups.append((name, 1, c.cluster.count))
      }
    }
    groups.sort { rank($0.0) < rank($1.0) }
    var parts = groups.map { g in
      let head = g.0 == "P0" ? "**P0 \(g.1)**" : "\(g.0) \(g.1)"
      return head + " (\(grouped(g.2)) event\(g.2 == 1 ? "" : "s"))"
    }
    let muted = w.clusters.filter(\.muted).count
    if muted > 0 { parts.append("muted \(muted)") }
    return "**Clusters:** \(w.clusters.count): " + parts.joined(separator: " · ")
  }

  static func rank(_ name: String) -> Int {
    name.first == "P" ? Int(name.dropFirst()) ?? Int.max - 1 : Int.max
  }

  /// `**Since the last run:** new C1, C6 · regression C4 · rising C5`, from category and trend.
  static func changesLine(_ w: Worklog) -> String? {
    // Without a history file every cluster is "new" to the scorer; saying so would be noise.
    let scored = w.input.metas.filter { $0.stage == "score" }
    if !scored.isEmpty && !scored.contains(where: { $0.object["history"] != nil }) {
      return "**Since the last run:** not compared (no history kept; run pipeline.sh with --state)"
    }
    let shown = w.clusters.filter { !$0.muted }
    let groups: [(String, [ClusterEntry])] = [
      (
        "new",
        shown.filter {
          ($0.cluster.trend == "new" || $0.cluster.category == "new")
            && $0.cluster.category != "regression"
        }
      ),
      ("regression", shown.filter { $0.cluster.category == "regression" }),
      ("rising", shown.filter { $0.cluster.trend == "rising" }),
      ("falling", shown.filter { $0.cluster.trend == "falling" }),
    ]
    let parts = groups.filter { !$0.1.isEmpty }.map { g in
      g.0 + " " + g.1.map(\.label).joined(separator: ", ")
    }
    return parts.isEmpty ? nil : "**Since the last run:** " + parts.joined(separator: " · ")
  }
}
