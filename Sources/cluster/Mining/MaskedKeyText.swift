/// Renders masked keys (bytes with value markers) as text.
enum MaskedKeyText {
  /// The wildcard the Loghub benchmark conventions use for a variable.
  static let wildcard: [UInt8] = Array("<*>".utf8)

  /// The key as one string, both marker kinds shown as `<*>`.
  static func string(_ key: ArraySlice<UInt8>) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(key.count + 8)
    for b in key {
      if b == ByteClass.softMarker || b == ByteClass.hardMarker {
        out.append(contentsOf: wildcard)
      } else {
        out.append(b)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The key's tokens, hard markers shown as `<*>` and soft markers as `soft`.
  static func tokens(_ key: [UInt8], soft: String) -> [String] {
    let softBytes = Array(soft.utf8)
    var tokens: [String] = []
    var current: [UInt8] = []
    for b in key {
      switch b {
      case 0x20:
        tokens.append(String(decoding: current, as: UTF8.self))
        current.removeAll(keepingCapacity: true)
      case ByteClass.softMarker: current.append(contentsOf: softBytes)
      case ByteClass.hardMarker: current.append(contentsOf: wildcard)
      default: current.append(b)
      }
    }
    if !key.isEmpty { tokens.append(String(decoding: current, as: UTF8.self)) }
    return tokens
  }
}
