// Search terms for the issue tracker: the error type, where it happens, and the template's most
// distinctive literal words (variables and common words left out).

import GardenKit

enum Keywords {
  static let maxKeywords = 8
  static let stopwords: Set<String> = [
    "the", "and", "for", "with", "from", "that", "this", "was", "were", "has", "have", "not", "are",
    "but",
    "into", "after", "before", "while", "when", "then", "than", "been", "will", "would", "could",
    "should",
    "error", "errors", "failed", "failure", "warning", "info", "debug", "true", "false", "null",
    "none",
  ]

  static func make(cluster c: Cluster, service: String) -> [String] {
    var out: [String] = []
    func add(_ w: String?) {
      guard let w, !w.isEmpty, !out.contains(w), out.count < maxKeywords else { return }
      out.append(w)
    }
    add(c.errorType)
    add(c.origin?.function)
    if let file = c.origin?.file { add(file.split(separator: "/").last.map(String.init)) }
    add(service.isEmpty ? nil : service)
    let words = c.template.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
      .map(String.init)
      .filter { w in
        w.count >= 4 && !stopwords.contains(w.lowercased()) && !w.allSatisfy(\.isNumber)
          && w != "<*>"
      }
    // Longer words first: they are usually the more specific ones; ties keep template order.
    for w in words.enumerated().sorted(by: {
      $0.element.count != $1.element.count
        ? $0.element.count > $1.element.count : $0.offset < $1.offset
    }) {
      add(w.element)
    }
    return out
  }
}
