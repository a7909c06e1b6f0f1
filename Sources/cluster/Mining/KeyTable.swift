import Foundation

/// The distinct masked keys seen so far, with their counts and, per soft value slot, the value if it
/// has always been the same. Memory grows with distinct keys, not with messages.
///
/// An open-addressing table over a byte arena: looking up a key that is already known allocates
/// nothing. The hash (FNV-1a) only places keys in the table; nothing written out depends on it.
struct KeyTable {
  /// All keys' bytes back to back.
  private(set) var arena: [UInt8] = []
  private(set) var offsets: [Int] = []
  private(set) var lengths: [Int] = []
  private(set) var counts: [Int] = []
  /// Per key, the index of its first soft slot in `soft`.
  private(set) var softBase: [Int] = []
  private(set) var soft: [SoftSlot] = []
  private var valueArena: [UInt8] = []
  private var hashes: [UInt64] = []
  private var slots: [Int32] = Array(repeating: -1, count: 1024)

  /// What is known about one soft value slot of a key.
  struct SoftSlot {
    var offset: Int
    var length: Int
    /// Whether two messages with this key had different values here.
    var varies: Bool
  }

  var count: Int { offsets.count }

  func key(_ id: Int) -> ArraySlice<UInt8> { arena[offsets[id]..<(offsets[id] + lengths[id])] }

  /// The value of soft slot `slot` of key `id` if it never varied.
  func softValue(_ id: Int, _ slot: Int) -> ArraySlice<UInt8>? {
    let s = soft[softBase[id] + slot]
    return s.varies ? nil : valueArena[s.offset..<(s.offset + s.length)]
  }

  /// Adds `weight` messages with masked key `key` whose soft values are `values` (one per soft
  /// marker, `nil` = known to vary); returns the key id.
  mutating func add(
    key: UnsafeBufferPointer<UInt8>, weight: Int, softValue: (Int) -> UnsafeBufferPointer<UInt8>?
  ) -> Int {
    let h = Self.hash(key)
    var mask = slots.count - 1
    var pos = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
    while true {
      let id = Int(slots[pos])
      if id < 0 { break }
      if hashes[id] == h && equal(id, key) {
        counts[id] += weight
        let base = softBase[id]
        let n = (id + 1 < softBase.count ? softBase[id + 1] : soft.count) - base
        for k in 0..<n where !soft[base + k].varies {
          let slot = soft[base + k]
          guard let v = softValue(k) else {
            soft[base + k].varies = true
            continue
          }
          if v.count != slot.length || !valueEqual(slot.offset, v) { soft[base + k].varies = true }
        }
        return id
      }
      pos = (pos + 1) & mask
    }
    let id = offsets.count
    offsets.append(arena.count)
    lengths.append(key.count)
    arena.append(contentsOf: key)
    counts.append(weight)
    hashes.append(h)
    softBase.append(soft.count)
    var k = 0
    for b in key where b == ByteClass.softMarker {
      if let v = softValue(k) {
        soft.append(SoftSlot(offset: valueArena.count, length: v.count, varies: false))
        valueArena.append(contentsOf: v)
      } else {
        soft.append(SoftSlot(offset: 0, length: 0, varies: true))
      }
      k += 1
    }
    slots[pos] = Int32(truncatingIfNeeded: id)
    if offsets.count * 2 > slots.count {
      slots = Array(repeating: -1, count: slots.count * 2)
      mask = slots.count - 1
      for j in 0..<offsets.count {
        var q = Int(truncatingIfNeeded: hashes[j] ^ (hashes[j] >> 29)) & mask
        while slots[q] >= 0 { q = (q + 1) & mask }
        slots[q] = Int32(truncatingIfNeeded: j)
      }
    }
    return id
  }

  /// A 64-bit hash of the key, eight bytes at a time.
  static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
    guard let base = key.baseAddress else { return h }
    let raw = UnsafeRawPointer(base)
    var i = 0
    while i + 8 <= key.count {
      h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
      h ^= h >> 29
      i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < key.count {
      tail |= UInt64(key[i]) << shift
      shift += 8
      i += 1
    }
    h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
    return h ^ (h >> 32)
  }

  private func equal(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    if lengths[id] != key.count { return false }
    if key.isEmpty { return true }
    let o = offsets[id]
    return arena.withUnsafeBufferPointer { a in
      guard let x = a.baseAddress, let y = key.baseAddress else { return false }
      return memcmp(x + o, y, key.count) == 0
    }
  }

  private func valueEqual(_ offset: Int, _ v: UnsafeBufferPointer<UInt8>) -> Bool {
    valueArena.withUnsafeBufferPointer { a in
      for i in 0..<v.count where a[offset + i] != v[i] { return false }
      return true
    }
  }
}
