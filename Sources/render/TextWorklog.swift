// `--format text`: a compact terminal summary, one line per cluster (label, priority, count, sparkline on
// the run's time axis, title). Log text is stripped of control characters (no escape sequences reach the
// terminal); colour only when RenderOptions.color says so (a terminal, NO_COLOR unset).

import Foundation
import GardenKit

/// Renders the terminal summary.
enum TextWorklog {
  static let titleWidth = 90

  static func render(_ w: Worklog) -> String {
    let color = w.options.color
    var s = "Log Gardener"
    let subject = w.projects.isEmpty ? w.services : w.projects
    if !subject.isEmpty { s += " · " + clean(subject.prefix(3).joined(separator: ", "), max: 80) }
    if let a = w.windowStart, let b = w.windowEnd {
      s +=
        " · " + a.parts().date + " " + a.parts().time.prefix(5) + "–" + b.parts().time.prefix(5)
        + " UTC"
    }
    if let n = w.entriesRead { s += " · \(grouped(n)) entries" }
    s += " · \(w.clusters.count) cluster" + (w.clusters.count == 1 ? "" : "s")
    if let f = w.options.focus {
      s += " · focus " + clean(f, max: 40) + ": \(w.focusCount) match"
      if w.droppedByFocus > 0 { s += ", \(w.droppedByFocus) left out" }
    }
    s += "\n"
    for warning in w.warnings {
      s +=
        paint("!", "33", color) + " " + clean(warning.stage + ": " + warning.text, max: 200) + "\n"
    }
    let timeline = w.timeline
    let sparks = w.clusters.map { c -> String in
      guard let h = c.cluster.histogram, let t = timeline else { return "" }
      return Sparkline.render(t.place(h))
    }
    let countWidth = w.clusters.map { grouped($0.cluster.count).count }.max() ?? 1
    let sparkWidth = sparks.map(\.count).max() ?? 0
    let labelWidth = w.clusters.map(\.label.count).max() ?? 2
    for (c, spark) in zip(w.clusters, sparks) {
      let p = c.muted ? "mute" : c.priorityName == "none" ? "-" : c.priorityName
      var line = c.label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + "  "
      line += paint(p.padding(toLength: 4, withPad: " ", startingAt: 0), code(c), color) + " "
      let n = grouped(c.cluster.count)
      line += String(repeating: " ", count: max(0, countWidth - n.count)) + n + "  "
      if sparkWidth > 0 {
        line += spark + String(repeating: " ", count: sparkWidth - spark.count) + "  "
      }
      line += clean(c.displayTitle, max: titleWidth)
      if let d = c.cluster.issue, d.action != "none" {
        line += " [" + d.action + (d.number.map { " #\($0)" } ?? "") + "]"
      }
      s += line + "\n"
    }
    return s
  }

  /// ANSI colour for a priority: P0 bold red, P1 red, P2 yellow, others plain.
  static func code(_ c: ClusterEntry) -> String {
    if c.muted { return "2" }
    switch c.priorityRank {
    case 0: return "1;31"
    case 1: return "31"
    case 2: return "33"
    case Int.max: return "2"
    default: return ""
    }
  }

  static func paint(_ text: String, _ code: String, _ on: Bool) -> String {
    on && !code.isEmpty ? "\u{1B}[" + code + "m" + text + "\u{1B}[0m" : text
  }

  /// One line of printable text: controls and line breaks become spaces, cut with `…`.
  static func clean(_ text: String, max: Int) -> String {
    let flat = MarkdownSafety.plainText(text)
    return flat.count > max ? String(flat.prefix(max - 1)) + "…" : flat
  }
}
