// Search patterns for the issue tracker: per cluster, the keywords (quoted when they hold spaces) and
// the error type, ready to paste into `gh issue list --search`. Written in a code block so nothing in
// them can mention, link or format.

import Foundation
import GardenKit

/// Search terms per prioritized cluster.
enum SearchSection: WorklogSection {
  static let maxTerms = 6

  static func render(_ w: Worklog) -> String {
    var lines: [String] = []
    for c in w.problems {
      let terms = Self.terms(c)
      guard !terms.isEmpty else { continue }
      lines.append(
        c.label.padding(toLength: 4, withPad: " ", startingAt: 0) + terms.joined(separator: " "))
    }
    guard !lines.isEmpty else { return "" }
    return
      "## Search patterns\n\nFor `gh issue list --state all --search '…'` (open and closed issues):\n\n"
      + MarkdownText.block(lines.joined(separator: "\n"), maxLines: 200)
  }

  /// Keywords and the error type, each a single search term.
  static func terms(_ c: ClusterEntry) -> [String] {
    var out: [String] = []
    var words = c.cluster.keywords
    if let t = c.cluster.errorType, !t.isEmpty { words.append(t) }
    for k in words {
      let clean = String(
        MarkdownSafety.plainText(k).filter { $0 != "\"" && $0 != "'" }.prefix(60)
      ).trimmingCharacters(in: .whitespaces)
      guard !clean.isEmpty else { continue }
      let term = clean.contains(" ") ? "\"" + clean + "\"" : clean
      if !out.contains(term) { out.append(term) }
      if out.count == maxTerms { break }
    }
    return out
  }
}
