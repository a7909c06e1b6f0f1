// Counts per stage, as each stage's meta record states them, with whether they add up; render's own
// reading; and how many parsed events the clusters hold. This is the worklog's proof that nothing was
// dropped silently.

/// The per-stage counts table.
enum AccountingSection: WorklogSection {
  static func render(_ w: Worklog) -> String {
    var s = "## Counts per stage\n\n| Stage | Counts | Adds up |\n|---|---|---|\n"
    for a in w.accounts {
      let ok = a.unaccounted.map { $0 == 0 ? "yes" : "**no**" } ?? "–"
      s +=
        "| " + MarkdownText.text(a.stage, max: 30) + " | "
        + MarkdownText.cell(MarkdownText.text(a.equation, max: 300)) + " | " + ok + " |\n"
    }
    let metas = w.input.metas.count
    let clusters = w.input.clusters.count
    let other = w.input.otherKinds.map(\.1).saturatingSum
    let sum = metas + clusters + other + w.input.rejected
    var rhs = "meta \(grouped(metas)) + cluster \(grouped(clusters))"
    if other > 0 { rhs += " + other \(grouped(other))" }
    rhs += " + rejected \(grouped(w.input.rejected))"
    s +=
      "| render | records_in \(grouped(w.input.recordsIn)) \(sum == w.input.recordsIn ? "=" : "≠") "
      + rhs + " | " + (sum == w.input.recordsIn ? "yes" : "**no**") + " |\n"
    let inClusters = w.input.clusters.map(\.cluster.count).saturatingSum
    let parsed = w.input.metas.filter { $0.stage == "parse" }.compactMap { $0.count("events_out") }
    s += "\nEvents in clusters: \(grouped(inClusters))"
    if !parsed.isEmpty { s += " of \(grouped(parsed.saturatingSum)) events parse wrote" }
    s += "."
    if w.droppedByFocus > 0 {
      s += " Shown: \(w.clusters.count) of \(w.input.clusters.count) clusters (--only-focus)."
    }
    return s + "\n"
  }
}
