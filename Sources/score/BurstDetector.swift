// Names a burst: when at least burst_share of a cluster's events (and at least burst_min_events)
// fell in one histogram bucket, the reason says which bucket. It does not change the priority; it
// tells the reader the problem came all at once (a deploy, a restart) rather than steadily.

import GardenKit

enum BurstDetector {
  /// The burst sentence, or nil.
  static func burst(_ c: Cluster, thresholds t: Thresholds) -> String? {
    guard let h = c.histogram, h.counts.count >= 2, h.bucketSeconds > 0 else { return nil }
    let total = h.counts.reduce(0) { $0 + max(0, $1) }
    guard total >= t.burstMinEvents, total > 0 else { return nil }
    var best = 0
    for i in h.counts.indices where h.counts[i] > h.counts[best] { best = i }
    let top = h.counts[best]
    guard Double(top) >= t.burstShare * Double(total) else { return nil }
    let size = Phrases.duration(hours: Double(h.bucketSeconds) / 3600)
    var when = ""
    if let start = Timestamp(rfc3339: h.start) {
      let from = start.adding(seconds: Int64(best) * Int64(h.bucketSeconds))
      when = " starting \(from.text)"
    }
    return "Burst: \(top) of \(Phrases.count(total, "event")) fell in one \(size) bucket\(when)"
  }
}
