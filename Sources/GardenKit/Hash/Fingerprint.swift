// Fingerprints must be the same on every machine, in every run and every process, for years: issues
// filed last month carry them. So they use a fixed, documented hash (FNV-1a, 64-bit, over the UTF-8
// bytes of the canonical signature), never Swift's per-process-seeded Hasher. docs/fingerprints.md
// describes the canonical signature.

/// The FNV-1a 64-bit hash. Pinned test vectors live in HashTests.
public enum FNV1a64 {
  public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
  public static let prime: UInt64 = 0x0000_0100_0000_01b3

  public static func hash<S: Sequence>(_ bytes: S, seed: UInt64 = offsetBasis) -> UInt64
  where S.Element == UInt8 {
    var h = seed
    for b in bytes {
      h ^= UInt64(b)
      h = h &* prime
    }
    return h
  }

  public static func hash(_ text: String) -> UInt64 { hash(text.utf8) }
}

/// A cluster fingerprint: 16 lowercase hex digits of FNV-1a 64 over a canonical signature.
public enum Fingerprint {
  /// Fingerprint of a canonical signature string.
  public static func of(_ signature: String) -> String { hex(FNV1a64.hash(signature)) }

  /// 16 lowercase hex digits, zero-padded.
  public static func hex(_ v: UInt64) -> String {
    let s = String(v, radix: 16)
    return String(repeating: "0", count: 16 - s.count) + s
  }
}
