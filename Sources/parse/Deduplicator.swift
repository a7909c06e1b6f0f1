// Cloud Storage sinks write the same entry more than once (late shards, retries). Repeats of the same
// (logName, timestamp, insertId) are dropped. Only a 64-bit fingerprint of each key is kept, and
// only for the most recent `capacity` entries (oldest forgotten first, like an LRU cache of
// dedupe tools): a set of every key grew with the input (73 MB of peak memory on a 2 GB export),
// and repeats arrive close together (same timestamp, neighbouring shards).
import GardenKit

struct Deduplicator {
  /// How many keys are remembered: 4 MB of ring and at most 8 MB of set.
  static let defaultCapacity = 1 << 19

  let capacity: Int
  private var seen = Set<UInt64>()
  /// Remembered keys in arrival order; once full, `next` is the oldest, overwritten next.
  private var ring: [UInt64] = []
  private var next = 0

  init(capacity: Int = Deduplicator.defaultCapacity) {
    self.capacity = max(1, capacity)
  }

  /// True when an entry with the same identity was seen among the last `capacity` entries with an
  /// insertId. Entries without an insertId are never duplicates: nothing identifies them.
  mutating func isRepeat(logName: String?, timestamp: String?, insertId: String?) -> Bool {
    isRepeat(key: Self.key(logName: logName, timestamp: timestamp, insertId: insertId))
  }

  /// `isRepeat` for a key made by `key(logName:timestamp:insertId:)` (on any thread).
  mutating func isRepeat(key: UInt64?) -> Bool {
    guard let key else { return false }
    guard seen.insert(key).inserted else { return true }
    if ring.count < capacity {
      ring.append(key)
    } else {
      seen.remove(ring[next])
      ring[next] = key
      next = next + 1 == capacity ? 0 : next + 1
    }
    return false
  }

  /// The identity of an entry, nil when it has no insertId.
  static func key(logName: String?, timestamp: String?, insertId: String?) -> UInt64? {
    guard let insertId, !insertId.isEmpty else { return nil }
    var h = KeyHash()
    h.add(logName ?? "")
    h.add(timestamp ?? "")
    h.add(insertId)
    return h.value
  }
}

/// A 64-bit hash of a few strings, eight bytes at a time: each word is folded into the state by a
/// full 64-bit mix (SplitMix64's finalizer, a bijection), and each string is closed by its length
/// so that ("ab","c") and ("a","bc") differ. Byte-wise FNV-1a was a visible per-entry cost; a
/// word-wise xor-multiply without the mix collides on keys that differ in two places.
/// Deterministic across runs and machines.
struct KeyHash {
  private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  @inline(__always) private mutating func mix(_ w: UInt64) {
    var z = value ^ w
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    value = z ^ (z >> 31)
  }

  mutating func add(_ s: String) {
    var s = s
    s.withUTF8 { b in
      var i = 0
      while i + 8 <= b.count {
        var w: UInt64 = 0
        for k in 0..<8 { w |= UInt64(b[i + k]) << (8 * UInt64(k)) }
        mix(w)
        i += 8
      }
      var w: UInt64 = 0
      var shift: UInt64 = 0
      while i < b.count {
        w |= UInt64(b[i]) << shift
        shift += 8
        i += 1
      }
      mix(w)
      mix(UInt64(b.count))
    }
  }
}
