// Writes issue titles, bodies and evidence comments. Every piece of log text is scrubbed first and then
// either fenced (samples, templates, frames) or made inert inline; the marker goes last and is never
// cut. Bodies stay under GitHub's 65,536-character limit by shortening samples, then frames.
import Foundation
import GardenKit

/// Composes what would be posted.
enum IssueComposer {
  /// GitHub's hard limits, and the budget we keep under them.
  static let bodyLimit = 65_536
  static let bodyBudget = 60_000
  static let titleLimit = 200

  /// The line that introduces the template block; tier 1 reads the template back from it.
  static let templateHeading = "Message template:"

  /// `GCP-{category} | {priority} | {name}`, mentions and references defused, at most 200 characters.
  static func title(category: String, priority: String, facts: ClusterFacts) -> String {
    let c = facts.cluster
    var name = c.title
    if name.isEmpty {
      name = [c.errorType ?? "", c.template].filter { !$0.isEmpty }.joined(separator: ": ")
    }
    if name.isEmpty { name = "log cluster " + c.fingerprint }
    // A title is read by people: the template's wildcards read better as an ellipsis there (the
    // body keeps the exact template).
    name = name.replacingAll("<*>", with: "…")
    let head = "GCP-\(category) | \(priority) | "
    return head + titleSafe(Scrubber().scrub(name), maxLength: titleLimit - head.count)
  }

  /// `title` with ` [qualifier]` at its end, the title shortened to make room so the qualifier is
  /// never cut.
  static func qualified(_ title: String, _ qualifier: String) -> String {
    let suffix = " [" + titleSafe(qualifier, maxLength: 60) + "]"
    guard title.count + suffix.count > titleLimit else { return title + suffix }
    return String(title.prefix(max(0, titleLimit - suffix.count - 1))) + "…" + suffix
  }

  /// `newTitle` with the ` [qualifier]` that `existing` ends with, if it has one: an issue keeps
  /// the qualifier that told it apart when it was filed.
  static func keepingQualifier(_ newTitle: String, existing: String) -> String {
    guard existing.hasSuffix("]"), let open = existing.range(of: " [", options: .backwards),
      open.upperBound < existing.index(before: existing.endIndex)
    else { return newTitle }
    let q = String(existing[open.upperBound..<existing.index(before: existing.endIndex)])
    guard !newTitle.hasSuffix(" [" + q + "]") else { return newTitle }
    return qualified(newTitle, q)
  }

  /// Plain text for a title: one line, no mentions, no `#123` references, no invisible characters.
  static func titleSafe(_ s: String, maxLength: Int) -> String {
    var t = MarkdownSafety.plainText(s)
    t = String(t.map { ch -> Character in ch == "@" ? "＠" : ch == "#" ? "＃" : ch })
    while t.contains("  ") { t = t.replacingAll("  ", with: " ") }
    t = String(t.trimmingPrefix(" "))
    if t.count > maxLength { t = String(t.prefix(max(0, maxLength - 1))) + "…" }
    return t
  }

  /// The issue body, within the size budget.
  static func issueBody(facts: ClusterFacts, related: [RelatedIssue], marker: Marker) -> String {
    // Shrink samples, then frames, until the body fits. The marker is appended after measuring.
    for (sampleChars, maxFrames) in [(2000, 20), (1000, 10), (400, 5), (120, 3), (0, 0)] {
      let b = issueBodyText(facts, related, sampleChars: sampleChars, maxFrames: maxFrames)
      let full = b + "\n\n" + marker.line + "\n"
      if full.count <= bodyBudget { return full }
    }
    let b = issueBodyText(facts, [], sampleChars: 0, maxFrames: 0)
    return String(b.prefix(bodyBudget - 2000)) + "\n\n…[shortened]\n\n" + marker.line + "\n"
  }

  static func issueBodyText(
    _ f: ClusterFacts, _ related: [RelatedIssue], sampleChars: Int, maxFrames: Int
  ) -> String {
    let c = f.cluster
    var s: [String] = []
    s.append(takeaway(f))
    if !f.impact.isEmpty {
      s.append("## Impact\n\n" + f.impact.map { "- " + inline($0, 500) }.joined(separator: "\n"))
    }
    s.append("## Current behavior\n\n" + evidenceLines(f).joined(separator: "\n"))
    var sig = "## Error signature\n\n"
    if let et = c.errorType, !et.isEmpty { sig += "Error type: " + span(et) + "\n\n" }
    sig +=
      templateHeading + "\n\n"
      + MarkdownSafety.codeBlock(
        Scrubber().scrub(c.template), language: "text", maxLineLength: 2000, maxLines: 20)
    if sampleChars > 0, let sample = sampleText(f, maxChars: sampleChars) {
      sig +=
        "\n\nSample (scrubbed):\n\n"
        + MarkdownSafety.codeBlock(
          sample, language: "text", maxLineLength: sampleChars, maxLines: 60)
    }
    s.append(sig)
    if let st = stackAnalysis(f, maxFrames: maxFrames) { s.append(st) }
    if !c.reasons.isEmpty {
      s.append(
        "## Why \(c.priority ?? "this priority")\n\n"
          + c.reasons.prefix(10).map { "- " + inline($0, 400) }.joined(separator: "\n"))
    }
    if !c.keywords.isEmpty {
      s.append("## Search keywords\n\n" + c.keywords.prefix(20).map(span).joined(separator: " "))
    }
    if !related.isEmpty {
      s.append(
        "## Related issues\n\n"
          + related.map {
            "- Possibly related: #\($0.number) " + inline($0.title, 150)
              + " (score \($0.confidence))"
          }.joined(separator: "\n"))
    }
    s.append("_Filed by log-gardener from cluster " + span(c.fingerprint) + "._")
    return s.joined(separator: "\n\n")
  }

  /// The first sentence: what, how often, where.
  static func takeaway(_ f: ClusterFacts) -> String {
    let c = f.cluster
    var t = "**\(c.priority.map { $0 + " " } ?? "")\(c.severity.name):** "
    t += inline(c.title.isEmpty ? c.template : c.title, 200)
    t += " — \(c.count) event\(c.count == 1 ? "" : "s")"
    if !c.services.isEmpty { t += " in " + c.services.prefix(5).map(span).joined(separator: ", ") }
    if let l = c.lastSeen { t += ", last seen " + span(l) }
    return t + "."
  }

  /// Counts, window, first and last seen, services, revisions.
  static func evidenceLines(_ f: ClusterFacts) -> [String] {
    let c = f.cluster
    var l: [String] = []
    var count = "- Count: \(c.count)"
    if !c.severityCounts.isEmpty {
      count +=
        " (" + c.severityCounts.map { "\(inline($0.0, 20)) \($0.1)" }.joined(separator: ", ") + ")"
    }
    l.append(count)
    l.append("- Window: " + span(f.window))
    if let x = c.firstSeen { l.append("- First seen: " + span(x)) }
    if let x = c.lastSeen { l.append("- Last seen: " + span(x)) }
    if !c.services.isEmpty {
      l.append("- Services: " + c.services.prefix(10).map(span).joined(separator: ", "))
    }
    if !c.revisions.isEmpty {
      l.append("- Revisions: " + c.revisions.prefix(10).map(span).joined(separator: ", "))
    }
    if let t = c.trend { l.append("- Trend: " + inline(t, 40)) }
    return l
  }

  /// The first sample's message, scrubbed and capped.
  static func sampleText(_ f: ClusterFacts, maxChars: Int) -> String? {
    guard let first = f.cluster.samples.first, let msg = first["message"]?.string, !msg.isEmpty
    else { return nil }
    var t = Scrubber().scrub(msg)
    if t.count > maxChars { t = String(t.prefix(maxChars)) + "\n…[truncated]" }
    return t
  }

  /// Origin `file:line` in `function`, then the top frames, innermost last.
  static func stackAnalysis(_ f: ClusterFacts, maxFrames: Int) -> String? {
    let c = f.cluster
    var out = "## Stack trace analysis\n\n"
    var any = false
    if let o = c.origin {
      out += "Origin: " + span(frameText(o))
      any = true
    }
    if maxFrames > 0, !c.frames.isEmpty {
      let frames = c.frames.suffix(maxFrames).map { ($0.inApp ? "  " : "  (lib) ") + frameText($0) }
      out +=
        (any ? "\n\n" : "") + "Top frames (innermost last):\n\n"
        + MarkdownSafety.codeBlock(
          Scrubber().scrub(frames.joined(separator: "\n")), language: "text", maxLineLength: 300,
          maxLines: maxFrames)
      any = true
    }
    return any ? out : nil
  }

  static func frameText(_ fr: Frame) -> String {
    var s = fr.file ?? fr.module ?? "?"
    if let l = fr.line { s += ":\(l)" }
    if let fn = fr.function { s += " in " + fn }
    return s
  }

  /// An evidence comment (update or regression), with its hidden marker.
  static func comment(kind: String, facts f: ClusterFacts, issue: GitHubIssue, marker: Marker)
    -> String
  {
    let c = f.cluster
    var s: [String] = []
    if kind == "reopen" {
      var t = "**Regression:** this error is happening again after the issue was closed"
      if let closed = issue.closedAt { t += " (" + span(closed) + ")" }
      s.append(
        t + ": \(c.count) event\(c.count == 1 ? "" : "s"), last seen " + span(c.lastSeen ?? "?")
          + ".")
    } else {
      s.append(
        "**Still happening:** \(c.count) event\(c.count == 1 ? "" : "s") in window "
          + span(f.window) + ".")
    }
    s.append(evidenceLines(f).joined(separator: "\n"))
    if let sample = sampleText(f, maxChars: 1500) {
      s.append(
        "Latest sample (scrubbed):\n\n"
          + MarkdownSafety.codeBlock(sample, language: "text", maxLineLength: 1500, maxLines: 40))
    }
    if let o = c.origin { s.append("Origin: " + span(frameText(o))) }
    s.append("_Posted by log-gardener for cluster " + span(c.fingerprint) + "._")
    s.append(marker.line)
    return s.joined(separator: "\n\n") + "\n"
  }

  /// The template our own issue body quotes (tier 1 compares it), or nil.
  static func template(inBody body: String) -> String? {
    var seenHeading = false
    var collecting = false
    var lines: [Substring] = []
    for (line, fenced) in FenceScanner.lines(of: body) {
      if !fenced {
        if collecting { break }
        if line.trimmingSpaces == templateHeading[...] { seenHeading = true }
        continue
      }
      guard seenHeading else { continue }
      if !collecting {
        collecting = true  // the opening fence line
        continue
      }
      lines.append(line)
    }
    guard collecting else { return nil }
    if !lines.isEmpty { lines.removeLast() }  // the closing fence line
    return lines.joined(separator: "\n")
  }

  static func inline(_ s: String, _ max: Int) -> String {
    MarkdownSafety.inline(Scrubber().scrub(s), maxLength: max)
  }

  /// A code span; `@` and `#` are defused too, in case a renderer links inside code.
  static func span(_ s: String) -> String {
    let t = Scrubber().scrub(String(s.prefix(300)))
    return MarkdownSafety.codeSpan(String(t.map { $0 == "@" ? "＠" : $0 == "#" ? "＃" : $0 }))
  }
}

extension String {
  func replacingAll(_ a: String, with b: String) -> String {
    split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
  }
}
