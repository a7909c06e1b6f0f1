// Category (SPEC §5): `active-dev` when the config says an open piece of work tracks it,
// `regression` when the history saw it, it then stayed away for at least regression_after_hours and
// is back, `known` when the history saw it before, `new` otherwise. garden-issues may refine the
// category later from the tracker (a closed issue that recurs is a regression too).

import GardenKit

/// A category with the sentence that explains it.
struct CategoryResult {
  var category: String
  var reason: String
}

enum CategoryRule {
  static func categorize(
    facts f: ClusterFacts, entry: HistoryEntry?, hasHistory: Bool, activeDev: String?,
    thresholds t: Thresholds
  ) -> CategoryResult {
    if let activeDev {
      return CategoryResult(category: "active-dev", reason: "Category active-dev: \(activeDev)")
    }
    guard let entry else {
      return CategoryResult(
        category: "new",
        reason: hasHistory
          ? "Category new: the history has never seen this fingerprint or its aliases"
          : "Category new: no history was given (garden-score --history, pipeline.sh --state)")
    }
    if let last = Timestamp(rfc3339: entry.lastSeen), let first = f.firstSeen {
      let gapHours = first.seconds(since: last) / 3600
      if gapHours >= t.regressionAfterHours {
        return CategoryResult(
          category: "regression",
          reason:
            "Category regression: absent for \(Phrases.duration(hours: gapHours)) (last seen \(last.text), back at \(first.text)); regression after \(Phrases.duration(hours: t.regressionAfterHours))"
        )
      }
    }
    let since = entry.firstSeen.isEmpty ? "" : " since \(entry.firstSeen)"
    return CategoryResult(
      category: "known",
      reason: "Category known: seen in \(Phrases.count(entry.runsSeen, "earlier run"))\(since)")
  }
}
