// The run's time window: parse's meta "window" when present (the union of all such windows, for
// merged shards), else the clusters' first and last seen. Also the latest last_seen, the default
// "now".

import GardenKit

struct WindowFinder {
  private(set) var metaStart: Timestamp?
  private(set) var metaEnd: Timestamp?
  private(set) var firstSeen: Timestamp?
  private(set) var latestLastSeen: Timestamp?

  mutating func add(meta o: JSONObject) {
    guard let w = o["window"]?.object,
      let s = w["start"]?.string.flatMap({ Timestamp(rfc3339: $0) }),
      let e = w["end"]?.string.flatMap({ Timestamp(rfc3339: $0) }), s <= e
    else { return }
    metaStart = metaStart.map { min($0, s) } ?? s
    metaEnd = metaEnd.map { max($0, e) } ?? e
  }

  mutating func add(cluster o: JSONObject) {
    if let f = o["first_seen"]?.string.flatMap({ Timestamp(rfc3339: $0) }) {
      firstSeen = firstSeen.map { min($0, f) } ?? f
    }
    if let l = o["last_seen"]?.string.flatMap({ Timestamp(rfc3339: $0) }) {
      latestLastSeen = latestLastSeen.map { max($0, l) } ?? l
    }
  }

  /// The window: from meta when present, else first to last seen.
  var bounds: (start: Timestamp, end: Timestamp)? {
    if let metaStart, let metaEnd { return (metaStart, metaEnd) }
    if let firstSeen, let latestLastSeen, firstSeen <= latestLastSeen {
      return (firstSeen, latestLastSeen)
    }
    return nil
  }
}
