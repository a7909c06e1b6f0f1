// Trend of a cluster against the recent runs in the history: `new` (not in the recent runs),
// `rising` (rate now ≥ rising_factor × the recent average and at least trend_min_events more
// events than that average predicts), `falling` (the mirror image), otherwise `steady`.
// The recent average counts a run in which the fingerprint did not appear as 0.

/// The four trends.
enum Trend: String {
  case new, rising, steady, falling
}

/// A trend with the numbers behind it.
struct TrendResult {
  var trend: Trend
  /// Average events per hour over the compared runs.
  var baselineRate: Double = 0
  /// Runs compared against.
  var runsCompared = 0
  /// The sentence for `reasons`.
  var reason: String

  static func new(_ reason: String) -> TrendResult { TrendResult(trend: .new, reason: reason) }
}

enum TrendAnalyzer {
  /// The trend of one cluster. `entry` is nil when the history does not know it.
  static func trend(
    count: Int, windowHours: Double, entry: HistoryEntry?, history: History?,
    thresholds t: Thresholds
  ) -> TrendResult {
    guard let history else {
      return .new(
        "Trend new: no history was given (garden-score --history, pipeline.sh --state), so there is nothing to compare with"
      )
    }
    guard let entry else { return .new("Trend new: first time in the history") }
    let runs = history.runs.suffix(t.recentRuns)
    var events = 0
    var hours = 0.0
    for r in runs {
      hours += max(r.hours, t.minWindowHours)
      events += entry.recent.first(where: { $0.run == r.run })?.count ?? 0
    }
    guard !runs.isEmpty, events > 0, hours > 0 else {
      return .new(
        "Trend new: not seen in the last \(Phrases.count(runs.count, "run")) (last seen \(entry.lastSeen.isEmpty ? "earlier" : entry.lastSeen))"
      )
    }
    let baseline = Double(events) / hours
    let rate = Double(count) / windowHours
    let expected = baseline * windowHours
    let numbers =
      "\(Phrases.rate(rate)) now against \(Phrases.rate(baseline)) on average over the last \(Phrases.count(runs.count, "run"))"
    var result = TrendResult(
      trend: .steady, baselineRate: baseline, runsCompared: runs.count, reason: "")
    if rate >= baseline * t.risingFactor && Double(count) - expected >= Double(t.trendMinEvents) {
      result.trend = .rising
      result.reason = "Trend rising: \(numbers) (rising from \(Phrases.number(t.risingFactor))×)"
    } else if rate <= baseline * t.fallingFactor
      && expected - Double(count) >= Double(t.trendMinEvents)
    {
      result.trend = .falling
      result.reason =
        "Trend falling: \(numbers) (falling at \(Phrases.number(t.fallingFactor))× or less)"
    } else {
      result.reason = "Trend steady: \(numbers)"
    }
    return result
  }
}
