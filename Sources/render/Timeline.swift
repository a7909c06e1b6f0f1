// The run's common time axis: histograms of all clusters placed on one grid (earliest start, largest
// bucket size), so the whole-run chart can sum them by priority. A bucket is placed by its start time;
// when bucket sizes differ, the smaller ones fall into the larger bucket that contains their start.

import GardenKit

/// Buckets covering the run.
struct Timeline {
  var start: Moment
  var bucketSeconds: Int
  var bucketCount: Int

  /// Folding factor chosen so the chart stays readable.
  static let maxBuckets = 36

  /// The grid spanning every histogram (and the window, when known); nil without any histogram.
  init?(histograms: [Histogram], window: (Moment?, Moment?)) {
    var lo: Moment?
    var hi: Moment?
    var size = 0
    for h in histograms {
      guard let s = Moment(rfc3339: h.start), Self.isUsable(h) else { continue }
      lo = min(lo ?? s, s)
      hi = max(hi ?? s, s.adding(h.bucketSeconds * h.counts.count))
      size = max(size, h.bucketSeconds)
    }
    guard var lo, var hi, size > 0 else { return nil }
    if let ws = window.0, ws < lo, lo.seconds - ws.seconds < 366 * 86400 {
      lo = Moment(seconds: lo.seconds - (lo.seconds - ws.seconds) / size * size)
    }
    if let we = window.1, we > hi, we.seconds - hi.seconds < 366 * 86400 { hi = we }
    var count = max(1, (hi.seconds - lo.seconds + size - 1) / size)
    // Fold to at most maxBuckets so the chart labels stay legible.
    if count > Self.maxBuckets {
      let factor = (count + Self.maxBuckets - 1) / Self.maxBuckets
      size *= factor
      count = (count + factor - 1) / factor
    }
    start = lo
    bucketSeconds = size
    bucketCount = min(count, 10_000)
  }

  /// Bucket sizes up to a year and up to 100,000 buckets; anything else is hostile or broken input.
  static func isUsable(_ h: Histogram) -> Bool {
    (1...(366 * 86400)).contains(h.bucketSeconds) && !h.counts.isEmpty && h.counts.count <= 100_000
  }

  /// A histogram's counts placed on this grid.
  func place(_ h: Histogram) -> [Int] {
    var out = Array(repeating: 0, count: bucketCount)
    guard let s = Moment(rfc3339: h.start), Self.isUsable(h) else { return out }
    for (i, n) in h.counts.enumerated() where n > 0 {
      let t = s.seconds + i * h.bucketSeconds
      let k = (t - start.seconds) / bucketSeconds
      if t >= start.seconds, k < bucketCount { out[k] = [out[k], n].saturatingSum }
    }
    return out
  }

  /// Start of bucket `i`.
  func bucketStart(_ i: Int) -> Moment { start.adding(i * bucketSeconds) }
}
