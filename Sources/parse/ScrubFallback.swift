// Interim stand-in for GardenKit's Scrubber (branch `scrub`): replaces email addresses only. The lead
// deletes this file when that branch is merged; callers already use the real type's name.

struct Scrubber {
  init() {}

  /// The text with every email address replaced by `<email>`.
  func scrub(_ text: String) -> String {
    guard text.utf8.contains(UInt8(ascii: "@")) else { return text }
    let b = Array(text.utf8)
    func local(_ c: UInt8) -> Bool {
      (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == 0x2E || c == 0x5F
        || c == 0x25 || c == 0x2B || c == 0x2D
    }
    func domain(_ c: UInt8) -> Bool {
      (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == 0x2E || c == 0x2D
    }
    var out: [UInt8] = []
    out.reserveCapacity(b.count)
    var copied = 0
    var i = 0
    while i < b.count {
      guard b[i] == UInt8(ascii: "@") else {
        i += 1
        continue
      }
      var s = i
      while s > copied, local(b[s - 1]) { s -= 1 }
      var e = i + 1
      while e < b.count, domain(b[e]) { e += 1 }
      while e > i + 1, b[e - 1] == 0x2E || b[e - 1] == 0x2D { e -= 1 }
      let host = b[(i + 1)..<e]
      if s < i, host.contains(0x2E), host.first != 0x2E {
        out.append(contentsOf: b[copied..<s])
        out.append(contentsOf: Array("<email>".utf8))
        copied = e
        i = e
      } else {
        i += 1
      }
    }
    if copied == 0 { return text }
    out.append(contentsOf: b[copied...])
    return String(decoding: out, as: UTF8.self)
  }
}
