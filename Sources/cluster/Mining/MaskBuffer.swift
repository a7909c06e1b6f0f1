/// Reusable output of `VariableMasker` for one message, so the hot path allocates nothing once the
/// buffers have grown.
struct MaskBuffer {
  /// The masked key: tokens separated by one space; values replaced by `ByteClass.softMarker` or
  /// `ByteClass.hardMarker`.
  var key: [UInt8] = []
  /// For each soft marker in `key`, in order, the value's byte range in the message: start, end.
  var softRanges: [Int] = []
  /// Per token: start and end offsets in `key` and `TokenFlags`.
  var tokenStarts: [Int] = []
  var tokenEnds: [Int] = []
  var tokenFlags: [UInt8] = []
  /// Scratch key used when a post-pass rewrites tokens.
  var scratch: [UInt8] = []

  init() {
    key.reserveCapacity(512)
    scratch.reserveCapacity(512)
    softRanges.reserveCapacity(32)
    tokenStarts.reserveCapacity(64)
    tokenEnds.reserveCapacity(64)
    tokenFlags.reserveCapacity(64)
  }

  mutating func reset() {
    key.removeAll(keepingCapacity: true)
    softRanges.removeAll(keepingCapacity: true)
    tokenStarts.removeAll(keepingCapacity: true)
    tokenEnds.removeAll(keepingCapacity: true)
    tokenFlags.removeAll(keepingCapacity: true)
  }
}

/// Facts about one masked token that the token-level post-pass needs.
enum TokenFlags {
  /// The token is exactly one hard marker.
  static let wholeHard: UInt8 = 1
  /// The token is a month or weekday name (a date part when next to a number).
  static let dateName: UInt8 = 2
  /// The token is a unit of size or time (`bytes`, `KB`, `ms`, `seconds`), maybe with `)` or `,`.
  static let unit: UInt8 = 4
  /// The token is `(` followed by one hard marker: the start of `(2.65 KB)`.
  static let openParenHard: UInt8 = 8
}
