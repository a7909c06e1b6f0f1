// Errors whose rate is rising against the recent runs in the history break a major feature: P1.

import GardenKit

/// P1 for ERROR and above with a rising trend.
struct RisingErrorRule: CodeRule {
  let name = "rising-errors"

  func evaluate(_ f: ClusterFacts, _ context: RuleContext) -> Finding? {
    guard f.severity >= .error, context.trend.trend == .rising else { return nil }
    return Finding(
      rule: name, priority: .p1,
      reason:
        "\(f.severityName) at a rising rate: \(Phrases.rate(f.ratePerHour)) now against \(Phrases.rate(context.trend.baselineRate)) on average over the last \(Phrases.count(context.trend.runsCompared, "run")): a major feature is breaking"
    )
  }
}
