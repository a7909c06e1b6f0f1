// Selects clusters for config entries (keyword rules, mutes, expected noise, active development):
// by fingerprint or alias, by case-insensitive substring, by regular expression, or by error type.
// Any one criterion matching is enough. The match returns the term that matched, for the reason.

import Foundation

/// One way of picking clusters out of a run.
struct ClusterMatcher {
  /// Exact fingerprints; a cluster matches when its fingerprint or one of its `signatures` is listed.
  var fingerprints: [String] = []
  /// Case-insensitive substrings of the cluster's text (title, template, error, origin, samples).
  var contains: [String] = []
  /// Regular expressions (ICU syntax, case-insensitive) over the same text.
  var regexes: [(source: String, regex: NSRegularExpression)] = []
  /// Exact error types (`ImportError`).
  var errorTypes: [String] = []

  var isEmpty: Bool {
    fingerprints.isEmpty && contains.isEmpty && regexes.isEmpty && errorTypes.isEmpty
  }

  /// Compiles a regex the way config regexes are used; nil with the reason when it is invalid.
  static func compile(_ pattern: String) -> Result<NSRegularExpression, Error> {
    Result { try NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) }
  }

  /// The matching term, described for a reason sentence (`'exit(3)'`), or nil.
  func match(_ f: ClusterFacts) -> String? {
    for fp in fingerprints where fp == f.cluster.fingerprint || f.cluster.signatures.contains(fp) {
      return "fingerprint \(fp)"
    }
    if let t = f.cluster.errorType, let hit = errorTypes.first(where: { $0 == t }) {
      return hit
    }
    for c in contains where f.has(c.lowercased()) {
      return "'\(c)'"
    }
    for (source, regex) in regexes {
      let ns = f.rawText as NSString
      if regex.firstMatch(
        in: f.rawText, options: [], range: NSRange(location: 0, length: ns.length))
        != nil
      {
        return "/\(source)/"
      }
    }
    return nil
  }
}
