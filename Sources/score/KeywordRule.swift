// A priority rule made of data: when a cluster at or above `minSeverity` matches, it gets
// `priority`, and the reason reads "<SEVERITY> <label>: <says> (<n> events on <r> revisions;
// matched <term>)". The built-in signs (Rules/BuiltInRules.swift) and the config's `rules` are both
// keyword rules, so a user can read, replace or disable every one of them.

import GardenKit

/// A readable keyword rule.
struct KeywordRule {
  /// Unique name; a config rule with a built-in's name replaces it.
  var name: String
  var priority: Priority
  var matcher: ClusterMatcher
  /// Clusters whose worst event is less severe than this never match.
  var minSeverity: Severity = .warning
  /// A few words after the severity ("at startup").
  var label: String
  /// What it means for users ("the service cannot start").
  var says: String
  /// True for signs that the service cannot start: clusters it fires on can be the cause that
  /// container exits and 5xx responses in the same seconds are symptoms of.
  var startupSign = false

  /// The finding, when the rule fires.
  func evaluate(_ f: ClusterFacts) -> Finding? {
    guard f.severity >= minSeverity, let term = matcher.match(f) else { return nil }
    return Finding(
      rule: name, priority: priority,
      reason: "\(f.severityName) \(label): \(says) (\(f.countPhrase); matched \(term))",
      startupSign: startupSign)
  }
}

/// One rule that fired: the priority it asks for and the sentence that explains it.
struct Finding: Equatable {
  var rule: String
  var priority: Priority
  var reason: String
  var startupSign = false
}
