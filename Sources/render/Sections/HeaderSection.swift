// Title and run facts: project, services, window (UTC and --tz), focus and command, entries read per
// severity, generated time, and every data-quality warning.

/// The top of the worklog.
enum HeaderSection: WorklogSection {
  static func render(_ w: Worklog) -> String {
    var s = "# Log Gardener worklog"
    let subject = w.projects.isEmpty ? w.services : w.projects
    if !subject.isEmpty {
      s += ": " + subject.prefix(3).map { MarkdownText.text($0, max: 60) }.joined(separator: ", ")
      if subject.count > 3 { s += " and \(subject.count - 3) more" }
    }
    if let a = w.windowStart, let b = w.windowEnd {
      let pa = a.parts()
      let pb = b.parts()
      s +=
        ", " + pa.date + " " + pa.time.prefix(5) + "–" + (pb.date == pa.date ? "" : pb.date + " ")
        + pb.time.prefix(5) + " UTC"
    }
    s += "\n"
    var facts: [String] = []
    if !w.projects.isEmpty {
      facts.append(
        "**Project:** " + w.projects.map { MarkdownText.code($0) }.joined(separator: ", "))
    }
    if !w.services.isEmpty {
      let shown = w.services.prefix(8).map { MarkdownText.code($0) }.joined(separator: ", ")
      facts.append(
        "**Services:** " + shown + (w.services.count > 8 ? " and \(w.services.count - 8) more" : "")
      )
    }
    if let window = windowLine(w) { facts.append(window) }
    if let c = w.options.command { facts.append("**Command:** " + MarkdownText.code(c, max: 200)) }
    if let f = w.options.focus { facts.append(focusLine(w, term: f)) }
    if let e = entriesLine(w) { facts.append(e) }
    if let g = w.generated {
      facts.append("**Generated:** " + g.utc + " (" + w.generatedSource + ")")
    }
    if !facts.isEmpty { s += "\n" + facts.map { "- " + $0 + "\n" }.joined() }
    // A partial run must never pass for a complete one: say it before anything else.
    let incomplete = w.input.metas.filter { !$0.complete }.map(\.stage)
    if !incomplete.isEmpty || w.input.upstreamIncomplete {
      let who = incomplete.isEmpty ? "the last stage" : incomplete.joined(separator: ", ")
      s +=
        "\n> [!CAUTION]\n> **PARTIAL RUN:** the input is incomplete ("
        + MarkdownText.text(who, max: 80)
        + "); counts and clusters cover only what was read. See the warnings below.\n"
    }
    if !w.warnings.isEmpty {
      s +=
        "\n> [!WARNING]\n> **Data quality:** \(w.warnings.count) warning"
        + (w.warnings.count == 1 ? "" : "s") + "\n>\n"
      for warning in w.warnings {
        s +=
          "> - " + MarkdownText.text(warning.stage, max: 30) + ": "
          + MarkdownText.text(warning.text, max: 300) + "\n"
      }
    }
    return s
  }

  static func windowLine(_ w: Worklog) -> String? {
    guard w.windowStart != nil || w.windowEnd != nil else { return nil }
    var s = "**Window:** "
    let a = w.windowStart.map { $0.utc } ?? "?"
    var b = w.windowEnd.map { $0.utc } ?? "?"
    if let ws = w.windowStart, let we = w.windowEnd, ws.parts().date == we.parts().date {
      b = we.parts().time + " UTC"
    }
    s += a.replacingOccurrences(of: " UTC", with: "") + " → " + b
    if let d = w.windowSeconds { s += " (" + durationText(d) + ")" }
    if w.windowSource == "events" { s += ", from the first and last event" }
    if let z = w.options.zone, let ref = w.windowStart ?? w.windowEnd {
      let la = w.windowStart.map { $0.parts(offset: z.offset(at: $0)) }
      let lb = w.windowEnd.map { $0.parts(offset: z.offset(at: $0)) }
      let left = la.map { $0.date + " " + $0.time } ?? "?"
      let right = lb.map { ($0.date == la?.date ? "" : $0.date + " ") + $0.time } ?? "?"
      s +=
        "; local " + left + " → " + right + " " + MarkdownText.text(z.identifier, max: 60) + " ("
        + z.offsetText(at: ref) + ")"
    }
    return s
  }

  static func focusLine(_ w: Worklog, term: String) -> String {
    let total = w.focusCount + (w.clusters.count - w.focusCount) + w.droppedByFocus
    var s = "**Focus:** " + MarkdownText.code(term, max: 80) + ": "
    s +=
      w.focusCount == 0
      ? "no cluster matches (of \(total))"
      : "\(w.focusCount) of \(total) cluster\(total == 1 ? "" : "s") match, shown first"
    if w.droppedByFocus > 0 {
      s +=
        "; \(w.droppedByFocus) other cluster\(w.droppedByFocus == 1 ? "" : "s") left out (--only-focus)"
    }
    return s
  }

  static func entriesLine(_ w: Worklog) -> String? {
    var parts: [String] = []
    if let n = w.entriesRead { parts.append(grouped(n)) }
    if let p = w.accounts.first(where: { $0.stage == "parse" }) {
      let drops = p.drops.filter { $0.1 > 0 }.map { "\($0.0) \(grouped($0.1))" }
      if !drops.isEmpty {
        parts.append("(" + MarkdownText.text(drops.joined(separator: ", ")) + ")")
      }
    }
    var s = parts.isEmpty ? "" : "**Entries read:** " + parts.joined(separator: " ")
    if !w.severityCounts.isEmpty {
      let sev = w.severityCounts.map { "\(grouped($0.1)) \(MarkdownText.text($0.0, max: 20))" }
        .joined(separator: " · ")
      s +=
        (s.isEmpty ? "" : " · ") + "**By severity" + (w.severityFromParse ? "" : " (in clusters)")
        + ":** " + sev
    }
    return s.isEmpty ? nil : s
  }
}
