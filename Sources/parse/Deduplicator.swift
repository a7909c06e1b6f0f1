// Cloud Storage sinks write the same entry more than once (late shards, retries). Repeats of the same
// (logName, timestamp, insertId) are dropped. Only a 64-bit FNV-1a fingerprint of each key is kept,
// so memory stays at a few bytes per entry even for exports of millions.
import GardenKit

struct Deduplicator {
  private var seen = Set<UInt64>()

  /// True when an entry with the same identity was seen before. Entries without an insertId are
  /// never duplicates: nothing identifies them.
  mutating func isRepeat(logName: String?, timestamp: String?, insertId: String?) -> Bool {
    guard let insertId, !insertId.isEmpty else { return false }
    var h = FNV1a64.hash((logName ?? "").utf8)
    h = FNV1a64.hash([0], seed: h)
    h = FNV1a64.hash((timestamp ?? "").utf8, seed: h)
    h = FNV1a64.hash([0], seed: h)
    h = FNV1a64.hash(insertId.utf8, seed: h)
    return !seen.insert(h).inserted
  }
}
