// Errors in a component the config marks critical (`critical_components`) break a major feature:
// at least P1.

import GardenKit

/// P1 for ERROR and above in a critical component.
struct CriticalComponentRule: CodeRule {
  let name = "critical-component"

  func evaluate(_ f: ClusterFacts, _ context: RuleContext) -> Finding? {
    guard f.severity >= .error else { return nil }
    for entry in context.criticalComponents {
      if let hit = ComponentName.firstMatch(entry, among: f.componentNames) {
        let shown = hit.count > 80 ? "in the message" : hit
        return Finding(
          rule: name, priority: .p1,
          reason:
            "\(f.severityName) in critical component \(entry) (marked critical in the config; matched \(shown)): a major feature is broken (\(f.countPhrase))"
        )
      }
    }
    return nil
  }
}
