// The priority a cluster gets from its severity and rate when no keyword rule fired:
// CRITICAL and above without a P0 sign is a major failure (P1); ERROR is moderate (P2); WARNING is
// noisy (P2) at or above `noisy_warnings_per_hour`, otherwise low (P3).

import GardenKit

/// The severity baseline. Used only when no keyword rule or import rule fired.
struct SeverityBaselineRule: CodeRule {
  let name = "severity"

  func evaluate(_ f: ClusterFacts, _ context: RuleContext) -> Finding? {
    let rate = Phrases.rate(f.ratePerHour)
    let window = Phrases.duration(hours: context.windowHours)
    switch f.severity {
    case .critical, .alert, .emergency:
      return Finding(
        rule: name, priority: .p1,
        reason:
          "\(f.severityName) without a startup, data-loss or security sign: a major failure (\(f.countPhrase))"
      )
    case .error:
      return Finding(
        rule: name, priority: .p2,
        reason:
          "ERROR: moderate errors (\(Phrases.count(f.cluster.count, "event")), \(rate) over the \(window) window)"
      )
    case .warning:
      let threshold = context.thresholds.noisyWarningsPerHour
      if f.ratePerHour >= threshold {
        return Finding(
          rule: name, priority: .p2,
          reason:
            "WARNING, noisy: \(rate) over the \(window) window, at or above \(Phrases.rate(threshold)) (\(Phrases.count(f.cluster.count, "event")))"
        )
      }
      return Finding(
        rule: name, priority: .p3,
        reason:
          "WARNING at a low rate: \(rate) over the \(window) window, below \(Phrases.rate(threshold)) (\(Phrases.count(f.cluster.count, "event")))"
      )
    default:
      return nil
    }
  }
}
