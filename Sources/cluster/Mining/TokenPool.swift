/// Interns the distinct tokens of masked keys so the clusterer compares small integers.
/// Token ids depend on insertion order, so they are used only for equality, never for ordering or
/// output; `hash` is computed from the bytes and is the same in every run.
struct TokenPool {
  private var ids: [[UInt8]: Int32] = [:]
  private(set) var bytes: [[UInt8]] = []
  private(set) var hash: [UInt64] = []
  /// Whether the token has no value marker inside.
  private(set) var pure: [Bool] = []

  /// The whole-token wildcard, always id 0.
  static let wildcard: Int32 = 0

  init() { _ = intern([ByteClass.hardMarker]) }

  mutating func intern(_ token: [UInt8]) -> Int32 {
    if let id = ids[token] { return id }
    let id = Int32(bytes.count)
    ids[token] = id
    bytes.append(token)
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in token { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    hash.append(h ^ (h >> 31))
    pure.append(!token.contains { $0 == ByteClass.softMarker || $0 == ByteClass.hardMarker })
    return id
  }

  /// Whether `pattern` (markers match any run of bytes, also an empty one) matches `token`.
  func matches(pattern: Int32, token: Int32) -> Bool {
    if pattern == token { return true }
    let p = bytes[Int(pattern)]
    let t = bytes[Int(token)]
    var pi = 0
    var ti = 0
    var star = -1
    var mark = 0
    while ti < t.count {
      if pi < p.count && p[pi] == ByteClass.hardMarker {
        star = pi
        mark = ti
        pi += 1
      } else if pi < p.count && p[pi] == t[ti] {
        pi += 1
        ti += 1
      } else if star >= 0 {
        pi = star + 1
        mark += 1
        ti = mark
      } else {
        return false
      }
    }
    while pi < p.count && p[pi] == ByteClass.hardMarker { pi += 1 }
    return pi == p.count
  }

  /// Bytes-order comparison of two token sequences, for canonical tie-breaks.
  func precedes(_ a: [Int32], _ b: [Int32]) -> Bool {
    for (x, y) in zip(a, b) where x != y {
      return bytes[Int(x)].lexicographicallyPrecedes(bytes[Int(y)])
    }
    return a.count < b.count
  }
}
