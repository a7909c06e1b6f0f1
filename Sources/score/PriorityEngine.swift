// Turns the rules into one priority with its reasons, for one cluster, in a fixed order that
// `--help` spells out:
//   1. Worst event below WARNING (INFO, DEBUG, NOTICE, DEFAULT): no priority; it feeds health.
//   2. Signs: every keyword rule (built-in or config) and the import rule that fire. When any fired,
//      the most urgent of them is the priority; otherwise the severity baseline is.
//   3. Raisers: errors in a critical component, errors at a rising rate: at least P1.
//   4. Frequency: at or above rate_per_hour the priority is lifted one level, never above P1
//      (P0 comes only from signs).
// Mutes, expected noise and symptoms are applied afterwards by Scorer, which sees the whole run.

import GardenKit

/// The priority decision for one cluster.
struct PriorityDecision {
  /// nil for clusters whose worst event is below WARNING.
  var priority: Priority?
  /// Reason sentences, the deciding one first.
  var reasons: [String]
  /// True when a startup sign fired: this cluster can be the cause of symptoms.
  var startupSign: Bool
  /// Names of the rules that fired.
  var rules: [String]
}

enum PriorityEngine {
  static let baseline = SeverityBaselineRule()

  static func decide(_ f: ClusterFacts, config: ScoreConfig, context: RuleContext)
    -> PriorityDecision
  {
    guard f.severity >= .warning else {
      return PriorityDecision(
        priority: nil,
        reasons: [
          "\(f.severityName) at worst: no priority; it shows what is working (\(f.countPhrase))"
        ],
        startupSign: false, rules: [])
    }
    var signs = config.keywordRules.compactMap { $0.evaluate(f) }
    var raisers: [Finding] = []
    for rule in config.codeRules {
      guard let finding = rule.evaluate(f, context) else { continue }
      if rule is ImportAtStartRule { signs.append(finding) } else { raisers.append(finding) }
    }
    var findings = signs
    if signs.isEmpty, let b = baseline.evaluate(f, context) { findings.append(b) }
    findings += raisers
    // The deciding finding first; ties keep rule order.
    let ordered = findings.enumerated().sorted {
      $0.element.priority != $1.element.priority
        ? $0.element.priority < $1.element.priority : $0.offset < $1.offset
    }.map(\.element)
    guard var priority = ordered.first?.priority else {
      return PriorityDecision(priority: nil, reasons: [], startupSign: false, rules: [])
    }
    var reasons = ordered.map(\.reason)

    let t = context.thresholds
    if f.ratePerHour >= t.ratePerHour {
      let head =
        "Frequent: \(Phrases.rate(f.ratePerHour)) over the \(Phrases.duration(hours: context.windowHours)) window, at or above \(Phrases.rate(t.ratePerHour))"
      if priority > .p1 {
        let lifted = priority.raised(notAbove: .p1)
        reasons.append("\(head): lifted from \(priority.name) to \(lifted.name)")
        priority = lifted
      } else {
        reasons.append(
          "\(head): already \(priority.name), no lift (frequency alone never makes P0)")
      }
    }
    return PriorityDecision(
      priority: priority, reasons: reasons, startupSign: signs.contains { $0.startupSign },
      rules: ordered.map(\.rule))
  }
}
