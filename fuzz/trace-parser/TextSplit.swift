// The harness's own line split, on `\n` bytes only (Swift's Character view would fuse `\r\n`).
enum TextSplit {
  static func lines(_ text: String) -> [String] {
    var out: [String] = []
    var current: [UInt8] = []
    for b in text.utf8 {
      if b == 0x0A {
        out.append(String(decoding: current, as: UTF8.self))
        current.removeAll(keepingCapacity: true)
      } else {
        current.append(b)
      }
    }
    if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)) }
    return out
  }
}
