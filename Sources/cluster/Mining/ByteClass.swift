/// Byte predicates for the masker. The masker works on UTF-8 bytes; every byte >= 0x80 counts as a
/// letter, so non-ASCII words stay literal words and invalid UTF-8 cannot confuse the scanner.
enum ByteClass {
  /// Marks, inside a masked key, a value that is shown when it is the same in all messages of a
  /// cluster (a word with digits, a dotted name, a quoted value).
  static let softMarker: UInt8 = 0x01
  /// Marks, inside a masked key, a value that is always shown as `<*>` (number, id, address...).
  static let hardMarker: UInt8 = 0x02

  @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b <= 0x20 || b == 0x7F }
  @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
  @inline(__always) static func isLower(_ b: UInt8) -> Bool { b &- 0x61 < 26 }
  @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
  @inline(__always) static func isLetter(_ b: UInt8) -> Bool {
    (b | 0x20) &- 0x61 < 26 || b >= 0x80
  }
  @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isLetter(b) }
  @inline(__always) static func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20) &- 0x61 < 6 }

  /// Bytes that separate the pieces of one token: `key=value`, `f(a,b)`, `[x]`, `a|b`, quotes.
  @inline(__always) static func isPieceDelimiter(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: "="), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "("),
      UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
      UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "\""), UInt8(ascii: "'"):
      return true
    default: return false
    }
  }

  /// Bytes that split a piece once more when the piece as a whole is not a value: `uid:42`,
  /// `Foo@1a2b3c`, `CPU#0`.
  @inline(__always) static func isSubDelimiter(_ b: UInt8) -> Bool {
    b == UInt8(ascii: ":") || b == UInt8(ascii: "@") || b == UInt8(ascii: "#")
  }

  /// Bytes that may close a quoted value.
  @inline(__always) static func endsQuote(_ b: UInt8) -> Bool {
    isSpace(b) || isPieceDelimiter(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: ":")
      || b == UInt8(ascii: "!") || b == UInt8(ascii: "?")
  }

  /// Trailing sentence punctuation that is kept literal after a value (`... to ffff3000.`).
  @inline(__always) static func isTrailingPunct(_ b: UInt8) -> Bool {
    b == UInt8(ascii: ".") || b == UInt8(ascii: ":") || b == UInt8(ascii: "!")
      || b == UInt8(ascii: "?")
  }

  /// The closing bracket of an opening one, or 0.
  @inline(__always) static func closer(of b: UInt8) -> UInt8 {
    switch b {
    case UInt8(ascii: "("): return UInt8(ascii: ")")
    case UInt8(ascii: "["): return UInt8(ascii: "]")
    case UInt8(ascii: "{"): return UInt8(ascii: "}")
    default: return 0
    }
  }
}
