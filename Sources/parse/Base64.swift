// Base64 for Pub/Sub `message.data`: standard or URL-safe alphabet, padding optional, whitespace
// ignored. Small and allocation-light because a Pub/Sub export decodes one per line.

enum Base64 {
  private static let table: [UInt8] = {
    var t = [UInt8](repeating: 0xFF, count: 256)
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    for (i, c) in alphabet.enumerated() { t[Int(c)] = UInt8(i) }
    t[Int(UInt8(ascii: "-"))] = 62
    t[Int(UInt8(ascii: "_"))] = 63
    return t
  }()

  /// The decoded bytes, or nil when the text is not base64.
  static func decode(_ text: String) -> [UInt8]? {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count * 3 / 4)
    var acc: UInt32 = 0
    var bits = 0
    var padding = 0
    for c in text.utf8 {
      if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { continue }
      if c == UInt8(ascii: "=") {
        padding += 1
        continue
      }
      guard padding == 0 else { return nil }  // data after padding
      let v = table[Int(c)]
      guard v != 0xFF else { return nil }
      acc = acc << 6 | UInt32(v)
      bits += 6
      if bits >= 8 {
        bits -= 8
        out.append(UInt8(truncatingIfNeeded: acc >> UInt32(bits)))
      }
    }
    guard bits < 6, padding <= 2 else { return nil }
    return out
  }
}
