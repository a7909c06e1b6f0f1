// One section per cluster, in priority order (focus matches first, under their own heading): count,
// rate, first and last seen, a sparkline on the run's time axis, category and trend, services, revisions
// and loggers, why this priority, the error signature as a scrubbed sample in a safe fence, the stack
// trace, search keywords and the issue decision. Muted clusters get one line each at the end.

import GardenKit

/// The per-cluster part of the worklog.
enum ClusterSections: WorklogSection {
  /// Frames listed in the stack trace analysis.
  static let maxFrames = 6

  static func render(_ w: Worklog) -> String {
    let shown = w.clusters.filter { !$0.muted }
    let muted = w.clusters.filter(\.muted)
    guard !w.clusters.isEmpty else { return "" }
    var parts: [String] = []
    if let term = w.options.focus {
      let focused = shown.filter(\.focused)
      parts.append(
        "## Focus: " + MarkdownText.code(term, max: 80) + "\n\n"
          + (focused.isEmpty
            ? "No cluster matches.\n"
            : "\(focused.count) matching cluster\(focused.count == 1 ? "" : "s").\n"))
      parts += focused.map { section(w, $0) }
      let others = shown.filter { !$0.focused }
      if !others.isEmpty {
        parts.append("## Other clusters\n")
        parts += capped(w, others, room: max(0, limit(w) - focused.count))
      } else if w.droppedByFocus > 0 {
        parts.append(
          "\(w.droppedByFocus) cluster\(w.droppedByFocus == 1 ? "" : "s") not matching the focus left out (--only-focus).\n"
        )
      }
    } else if !shown.isEmpty {
      parts.append("## Clusters\n")
      parts += capped(w, shown, room: limit(w))
    }
    if !muted.isEmpty {
      var s = "## Muted clusters\n\n"
      for c in muted {
        s +=
          "- \(c.label) \(c.priorityName) · " + c.markdownTitle(max: 100)
          + ": \(grouped(c.cluster.count)) events\n"
      }
      parts.append(s)
    }
    return parts.joined(separator: "\n")
  }

  /// How many full sections a worklog holds.
  static func limit(_ w: Worklog) -> Int {
    w.options.maxSections == 0 ? Int.max : w.options.maxSections
  }

  /// Full sections for the first `room` entries, then one line for each of the others, so a run
  /// with thousands of clusters still gives a worklog a person can read.
  static func capped(_ w: Worklog, _ entries: [ClusterEntry], room: Int) -> [String] {
    guard entries.count > room else { return entries.map { section(w, $0) } }
    var parts = entries.prefix(room).map { section(w, $0) }
    let rest = entries.dropFirst(room)
    var s =
      "### \(grouped(rest.count)) more cluster\(rest.count == 1 ? "" : "s"), one line each\n\n"
      + "Full sections stop after \(room) (--max-sections; 0 shows all). "
      + "The JSON worklog (--format json) holds every cluster in full.\n\n"
    for c in rest {
      s +=
        "- \(c.label) · \(c.tag) · " + c.markdownTitle(max: 100)
        + ": \(grouped(c.cluster.count)) event\(c.cluster.count == 1 ? "" : "s")"
        + (c.cluster.issue.map { $0.action == "none" ? "" : " · issue: \($0.action)" } ?? "")
        + "\n"
    }
    parts.append(s)
    return parts
  }

  static func section(_ w: Worklog, _ e: ClusterEntry) -> String {
    let c = e.cluster
    var s =
      "### \(e.label) · \(e.priorityName == "none" ? "no priority" : e.priorityName) · "
      + c.severity.name + " · " + e.markdownTitle(max: 120) + "\n\n"
    var facts: [String] = []
    var events = "**Events:** \(grouped(c.count))"
    if let r = w.rate(e) { events += " (" + r + ")" }
    if let f = w.shortTime(c.firstSeen) { events += " · first " + f }
    if let l = w.shortTime(c.lastSeen) { events += " · last " + l }
    facts.append(events)
    if let line = timelineLine(w, c) { facts.append(line) }
    let severities = c.severityCounts.filter { $0.1 > 0 }
    if severities.count > 1 {
      facts.append(
        "**Severities:** "
          + severities.map { "\(grouped($0.1)) " + MarkdownText.text($0.0, max: 20) }.joined(
            separator: " · "))
    }
    var tags: [String] = []
    if let v = c.category { tags.append("**Category:** " + MarkdownText.text(v, max: 30)) }
    if let v = c.trend { tags.append("**Trend:** " + MarkdownText.text(v, max: 30)) }
    if let v = c.health { tags.append("**Health:** " + MarkdownText.text(v, max: 30)) }
    if let v = c.score { tags.append("**Score:** \(v)") }
    if !tags.isEmpty { facts.append(tags.joined(separator: " · ")) }
    for (name, list) in [
      ("Services", c.services), ("Revisions", c.revisions), ("Loggers", c.loggers),
    ]
    where !list.isEmpty {
      let shown = list.prefix(6).map { MarkdownText.code($0, max: 80) }.joined(separator: ", ")
      facts.append("**\(name):** " + shown + (list.count > 6 ? " and \(list.count - 6) more" : ""))
    }
    if let rootID = c.symptomOf, let root = w.cluster(fingerprint: rootID),
      root.cluster.fingerprint != c.fingerprint
    {
      facts.append(
        "**Symptom of:** \(root.label) " + MarkdownText.text(root.cluster.title, max: 80))
    }
    let symptoms = w.symptoms(of: e).filter { $0.cluster.fingerprint != c.fingerprint }
    if !symptoms.isEmpty {
      facts.append(
        "**Symptoms:** "
          + symptoms.map { "\($0.label) " + MarkdownText.text($0.cluster.title, max: 60) }.joined(
            separator: "; "))
    }
    if let impact = e.impact, let line = impactText(impact) { facts.append("**Impact:** " + line) }
    s += facts.map { "- " + $0 + "\n" }.joined()

    if !c.reasons.isEmpty {
      s += "\n**Why " + (e.priorityName == "none" ? "no priority" : e.priorityName) + ":**\n\n"
      s += c.reasons.prefix(10).map { "- " + MarkdownText.text($0, max: 300) + "\n" }.joined()
    }
    if let sig = signature(c) {
      s +=
        "\n**" + (c.severity >= .warning ? "Error signature" : "Sample message") + "**"
        + (sig.caption.isEmpty ? "" : " (" + sig.caption + ")") + ":\n\n"
      s += MarkdownText.block(sig.text)
    }
    if let stack = stackText(c) { s += "\n" + stack }
    if !c.keywords.isEmpty {
      s +=
        "\n**Search keywords:** "
        + c.keywords.prefix(10).map { MarkdownText.code($0, max: 60) }.joined(separator: " · ")
        + "\n"
    }
    if let d = c.issue {
      s += "\n**Issue:** " + IssuePhrase.line(d) + "\n"
      let related = d.related.prefix(5).compactMap { r -> String? in
        guard let ref = MarkdownText.issueRef(number: r.number, url: r.url) else { return nil }
        return ref + " " + MarkdownText.text(r.title, max: 70)
      }
      if !related.isEmpty { s += "Related: " + related.joined(separator: "; ") + "\n" }
    }
    return s
  }

  /// `**Timeline:** `▁▃█··▂` 5 min buckets from 13:00 UTC`
  static func timelineLine(_ w: Worklog, _ c: Cluster) -> String? {
    guard let h = c.histogram, let t = w.timeline else { return nil }
    let counts = t.place(h)
    guard counts.count >= 2, counts.contains(where: { $0 > 0 }) else { return nil }
    let fold = Sparkline.fold(counts, into: Sparkline.maxWidth).factor
    return "**Timeline:** `" + Sparkline.render(counts) + "` "
      + durationText(t.bucketSeconds * fold)
      + " buckets from " + String(t.start.parts().time.prefix(5)) + " UTC"
  }

  /// The primary error signature: the most severe sample's message (with the error type and value
  /// when the message does not already say them), else the error value or the template.
  static func signature(_ c: Cluster) -> (text: String, caption: String)? {
    var best: JSONObject?
    var bestSeverity = -1
    for s in c.samples {
      let sev = s["severity"]?.string.flatMap { Severity(name: $0) }?.rawValue ?? 0
      if sev > bestSeverity {
        best = s
        bestSeverity = sev
      }
    }
    var text = best?["message"]?.string ?? ""
    let type = best?["error"]?["type"]?.string ?? c.errorType
    let value = best?["error"]?["value"]?.string ?? c.errorValue
    if let type, !type.isEmpty, !text.contains(type),
      !(value.map { !$0.isEmpty && text.contains($0) } ?? false)
    {
      let line = type + (value.map { ": " + $0 } ?? "")
      text = text.isEmpty ? line : text + "\n" + line
    } else if text.isEmpty, let value {
      text = value
    }
    var caption: [String] = []
    if text.isEmpty {
      guard !c.template.isEmpty else { return nil }
      text = c.template
      caption.append("template")
    } else if let ts = best?["ts"]?.string, let t = Moment(rfc3339: ts) {
      caption.append("sample from " + t.utc)
    }
    if let type, !type.isEmpty { caption.insert(MarkdownText.code(type, max: 80), at: 0) }
    return (text, caption.joined(separator: ", "))
  }

  /// Origin and the top frames, innermost first.
  static func stackText(_ c: Cluster) -> String? {
    var s = ""
    if let o = c.origin, let loc = MarkdownText.location(o) {
      s += "**Stack trace:** origin " + loc + "\n"
    } else if !c.frames.isEmpty {
      s += "**Stack trace:**\n"
    }
    guard !s.isEmpty else { return nil }
    let frames = Array(c.frames.reversed())
    guard frames.count > 1 || (frames.count == 1 && frames.first != c.origin) else { return s }
    s += "\n"
    for (i, f) in frames.prefix(maxFrames).enumerated() {
      guard let loc = MarkdownText.location(f) else { continue }
      var line = "\(i + 1). " + loc
      if !f.inApp { line += " (library)" }
      if i == 0 { line += " (innermost)" }
      s += line + "\n"
    }
    if frames.count > maxFrames { s += "\n\(frames.count - maxFrames) outer frames not shown.\n" }
    return s
  }

  /// Score's impact: a sentence, sentences, or named figures (`users: 12`).
  static func impactText(_ v: JSONValue) -> String? {
    switch v {
    case .string(let s): return s.isEmpty ? nil : MarkdownText.text(s, max: 300)
    case .array(let a):
      let items = a.compactMap { $0.scalarText }.filter { !$0.isEmpty }
      return items.isEmpty
        ? nil : items.map { MarkdownText.text($0, max: 200) }.joined(separator: "; ")
    case .object(let o):
      let items = o.compactMap { k, v in v.scalarText.map { (k, $0) } }
      return items.isEmpty
        ? nil
        : items.map { MarkdownText.text($0.0, max: 40) + ": " + MarkdownText.text($0.1, max: 100) }
          .joined(separator: "; ")
    default: return nil
    }
  }
}
