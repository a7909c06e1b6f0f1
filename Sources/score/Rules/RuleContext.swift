// What the code rules may consult besides the cluster itself: the thresholds, the config's critical
// components, the run's window and the cluster's trend against the history.

/// Shared inputs of the code rules.
struct RuleContext {
  var thresholds: Thresholds
  var criticalComponents: [String]
  /// Length of the run's window, hours (already at least `minWindowHours`).
  var windowHours: Double
  var trend: TrendResult
}

/// A rule written in code. It returns at most one finding.
protocol CodeRule {
  var name: String { get }
  func evaluate(_ f: ClusterFacts, _ context: RuleContext) -> Finding?
}
