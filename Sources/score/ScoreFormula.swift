// The 0–100 score that orders clusters within a priority. Documented in --help and docs/score.md:
//   severity  CRITICAL and above 40, ERROR 30, WARNING 15, lower 0
//   volume    min(25, round(10 × log10(1 + count)))
//   rate      min(15, round(15 × rate per hour ÷ rate_per_hour))
//   trend     rising +10, new +5, steady 0, falling −5
//   spread    min(10, 5 × (revisions − 1))
//   symptom   −20 when it is a symptom of another cluster
//   muted     −20 when muted or expected noise
// clamped to 0…100. Each part is an integer, so the sum is exact and the same on every machine.

import Foundation
import GardenKit

/// A score and its parts, for the reason sentence.
struct ScoreBreakdown: Equatable {
  var severity = 0
  var volume = 0
  var rate = 0
  var trend = 0
  var spread = 0
  var symptom = 0
  var muted = 0

  var total: Int { max(0, min(100, severity + volume + rate + trend + spread + symptom + muted)) }

  /// "Score 63 = severity CRITICAL 40 + volume 11 (12 events) + …", every part named.
  func sentence(
    severityName: String, count: Int, rate ratePerHour: Double, trendName: String, revisions: Int
  )
    -> String
  {
    var s =
      "Score \(total) = severity \(severityName) \(severity) + volume \(volume) (\(Phrases.count(count, "event"))) + rate \(rate) (\(Phrases.rate(ratePerHour)))"
    s += " " + Self.signed(trend) + " (trend \(trendName))"
    s += " + spread \(spread) (\(Phrases.count(revisions, "revision")))"
    if symptom != 0 { s += " − symptom \(-symptom)" }
    if muted != 0 { s += " − muted \(-muted)" }
    if severity + volume + rate + trend + spread + symptom + muted != total {
      s += ", clamped to 0…100"
    }
    return s
  }

  static func signed(_ v: Int) -> String { v < 0 ? "− trend \(-v)" : "+ trend \(v)" }
}

enum ScoreFormula {
  static func score(
    severity: Severity, count: Int, ratePerHour: Double, trend: Trend, revisions: Int,
    isSymptom: Bool, isMuted: Bool, thresholds t: Thresholds
  ) -> ScoreBreakdown {
    var b = ScoreBreakdown()
    switch severity {
    case .critical, .alert, .emergency: b.severity = 40
    case .error: b.severity = 30
    case .warning: b.severity = 15
    default: b.severity = 0
    }
    b.volume = Int(min(25, (10 * log10(1 + Double(max(0, count)))).rounded()))
    let r = (15 * ratePerHour / t.ratePerHour).rounded()
    b.rate = r.isFinite ? Int(min(15, max(0, r))) : 15
    switch trend {
    case .rising: b.trend = 10
    case .new: b.trend = 5
    case .steady: b.trend = 0
    case .falling: b.trend = -5
    }
    b.spread = min(10, 5 * max(0, revisions - 1))
    b.symptom = isSymptom ? -20 : 0
    b.muted = isMuted ? -20 : 0
    return b
  }
}
