// A tiny forward-only reader over the first bytes of a line, for hand-written prefix grammars.
// Regex would be shorter but is slow per line; this keeps plain-text parsing linear and cheap.

/// Reads ASCII tokens from the UTF-8 bytes of a string; never traps on any input.
struct TextCursor {
  /// The bytes under inspection (at most `limit` of them).
  let bytes: [UInt8]
  /// Index of the next unread byte.
  var position = 0

  /// Takes at most `limit` leading bytes of `text`: prefixes never need more, and huge lines stay cheap.
  init(_ text: String, limit: Int = 256) {
    self.init(Substring(text), limit: limit)
  }

  /// Concrete (not generic) so the copy is a tight loop on every line.
  init(_ text: Substring, limit: Int = 256) {
    var b: [UInt8] = []
    b.reserveCapacity(Swift.min(limit, 64))
    for byte in text.utf8 {
      if b.count >= limit { break }
      b.append(byte)
    }
    bytes = b
  }

  /// The next byte, or nil at the end.
  var peek: UInt8? { position < bytes.count ? bytes[position] : nil }
  /// True when every byte was read.
  var atEnd: Bool { position >= bytes.count }

  /// Skips one byte.
  mutating func advance() { if position < bytes.count { position += 1 } }

  /// Consumes `ch` when it comes next.
  mutating func eat(_ ch: Character) -> Bool {
    guard let a = ch.asciiValue, peek == a else { return false }
    position += 1
    return true
  }

  /// Consumes exactly `count` ASCII digits and returns their value; consumes nothing otherwise.
  mutating func digits(_ count: Int) -> Int? {
    guard position + count <= bytes.count else { return nil }
    var value = 0
    for k in 0..<count {
      let b = bytes[position + k]
      guard b >= 48, b <= 57 else { return nil }
      value = value * 10 + Int(b - 48)
    }
    position += count
    return value
  }

  /// Consumes up to `max` digits and returns them as written.
  mutating func digitRun(max: Int) -> String {
    let start = position
    while position - start < max, let b = peek, b >= 48, b <= 57 { position += 1 }
    return String(decoding: bytes[start..<position], as: UTF8.self)
  }

  /// Consumes spaces and tabs; returns how many.
  @discardableResult mutating func skipBlanks() -> Int {
    var n = 0
    while let b = peek, b == 32 || b == 9 {
      position += 1
      n += 1
    }
    return n
  }

  /// Consumes `word` when it comes next (ASCII, case-sensitive).
  mutating func eat(word: String) -> Bool {
    let w = Array(word.utf8)
    guard position + w.count <= bytes.count, Array(bytes[position..<position + w.count]) == w else {
      return false
    }
    position += w.count
    return true
  }
}
