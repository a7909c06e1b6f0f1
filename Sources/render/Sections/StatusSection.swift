// System status: each component working, failing or at risk, with evidence. Score's `health` list is
// used when it gave one; otherwise each service's status is derived from its clusters (a P0/P1 or a
// failing cluster means failing, a P2/P3 or at-risk one means at risk, health-only clusters working).

import GardenKit

/// Working / failing / at-risk components.
enum StatusSection: WorklogSection {
  static let order = ["failing", "at-risk", "working"]
  static let marks = ["failing": "🔴 failing", "at-risk": "🟡 at risk", "working": "🟢 working"]

  static func render(_ w: Worklog) -> String {
    var rows: [ComponentHealth] = []
    var derived = false
    if let meta = w.input.metas.last(where: { !$0.health.isEmpty }) {
      rows = meta.health
    } else {
      rows = derive(w)
      derived = true
    }
    guard !rows.isEmpty else { return "" }
    rows.sort { a, b in
      let ra = order.firstIndex(of: a.status) ?? order.count
      let rb = order.firstIndex(of: b.status) ?? order.count
      if ra != rb { return ra < rb }
      if a.kind != b.kind { return a.kind < b.kind }
      return a.component < b.component
    }
    var s = "## System status\n\n"
    if derived { s += "Derived from the clusters per service (score gave no health list).\n\n" }
    s += "| Status | Component | Evidence |\n|---|---|---|\n"
    for r in rows {
      let status = marks[r.status] ?? MarkdownText.text(r.status, max: 20)
      let comp = MarkdownText.text(r.kind, max: 20) + " " + MarkdownText.code(r.component, max: 80)
      s +=
        "| " + status + " | " + MarkdownText.cell(comp) + " | "
        + MarkdownText.cell(MarkdownText.text(r.evidence, max: 200)) + " |\n"
    }
    return s
  }

  /// Per-service status from the clusters shown.
  static func derive(_ w: Worklog) -> [ComponentHealth] {
    var byService: [String: [ClusterEntry]] = [:]
    for c in w.clusters where !c.muted {
      for svc in c.cluster.services { byService[svc, default: []].append(c) }
    }
    return byService.keys.sorted().map { svc in
      let list = byService[svc] ?? []
      // Unscored clusters are judged by severity: ERROR or worse failing, WARNING at risk.
      let failing = list.filter {
        $0.priorityRank <= 1 || $0.cluster.health == "failing"
          || ($0.cluster.priority == nil && $0.cluster.health == nil
            && $0.cluster.severity >= .error)
      }
      let risky = list.filter {
        ($0.priorityRank >= 2 && $0.priorityRank != Int.max) || $0.cluster.health == "at-risk"
          || ($0.cluster.priority == nil && $0.cluster.health == nil
            && $0.cluster.severity == .warning)
      }
      let (status, evidence) =
        !failing.isEmpty
        ? ("failing", failing) : !risky.isEmpty ? ("at-risk", risky) : ("working", list)
      let text = evidence.prefix(3).map {
        "\($0.label) \($0.priorityName == "none" ? "" : $0.priorityName + " ")\($0.cluster.title) (\($0.cluster.count))"
      }
      .joined(separator: "; ")
      return ComponentHealth(
        component: svc, kind: "service", status: status,
        evidence: text + (evidence.count > 3 ? "; \(evidence.count - 3) more" : ""))
    }
  }
}
