// Byte classification for the scrubber's UTF-8 scans. Bytes >= 0x80 (parts of non-ASCII scalars)
// count as word bytes so that a detector never starts or stops inside a multi-byte character.

/// Character-class tests on single UTF-8 bytes.
enum ASCIIByte {
  static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
  static func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
  static func isLower(_ b: UInt8) -> Bool { b &- 0x61 < 26 }
  static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
  static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isAlpha(b) }
  static func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20) &- 0x61 < 6 }
  /// Letters, digits, `_` and any non-ASCII byte: the bytes a "word" is made of.
  static func isWord(_ b: UInt8) -> Bool { isAlnum(b) || b == underscore || b >= 0x80 }
  /// `[A-Za-z0-9_-]`: the base64url alphabet most token formats use.
  static func isToken(_ b: UInt8) -> Bool { isAlnum(b) || b == underscore || b == dash }
  /// First letters of vendor token prefixes (`g` `A` `y` `G` `x` `h` `s` `r` `w` `S` `n` `p` `e`
  /// `b` `B`) and hex letters (IPv6): a word starting with any other letter needs no detector.
  static func startsPrefixOrHex(_ b: UInt8) -> Bool {
    guard b >= 64, b < 128 else { return false }
    return (prefixOrHexLetters >> UInt64(b - 64)) & 1 != 0
  }
  /// Bit `c - 64` set for each letter `c` of "abcdefABCDEFgyGxhsrwSnpB".
  private static let prefixOrHexLetters: UInt64 = 0x38d_41fe_0008_00fe

  static func isSpace(_ b: UInt8) -> Bool { b == space || b &- 0x09 < 5 }
  static func isBlank(_ b: UInt8) -> Bool { b == space || b == tab }
  static func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }

  static let tab: UInt8 = 0x09
  static let newline: UInt8 = 0x0A
  static let space: UInt8 = 0x20
  static let quote: UInt8 = 0x22  // "
  static let hash: UInt8 = 0x23  // #
  static let percent: UInt8 = 0x25  // %
  static let ampersand: UInt8 = 0x26  // &
  static let apostrophe: UInt8 = 0x27  // '
  static let openParen: UInt8 = 0x28  // (
  static let closeParen: UInt8 = 0x29  // )
  static let plus: UInt8 = 0x2B  // +
  static let comma: UInt8 = 0x2C  // ,
  static let dash: UInt8 = 0x2D  // -
  static let dot: UInt8 = 0x2E  // .
  static let slash: UInt8 = 0x2F  // /
  static let colon: UInt8 = 0x3A  // :
  static let semicolon: UInt8 = 0x3B  // ;
  static let less: UInt8 = 0x3C  // <
  static let equals: UInt8 = 0x3D  // =
  static let greater: UInt8 = 0x3E  // >
  static let question: UInt8 = 0x3F  // ?
  static let at: UInt8 = 0x40  // @
  static let openBracket: UInt8 = 0x5B  // [
  static let backslash: UInt8 = 0x5C  // \
  static let closeBracket: UInt8 = 0x5D  // ]
  static let underscore: UInt8 = 0x5F  // _
  static let backtick: UInt8 = 0x60  // `
  static let openBrace: UInt8 = 0x7B  // {
  static let closeBrace: UInt8 = 0x7D  // }
}
