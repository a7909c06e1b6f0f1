/// Decides whether one piece of a token (a run of bytes between delimiters) is a variable.
///
/// Two strengths: a *hard* value (number, address, path, id, date, boolean, dotted host or class
/// name, scrubbed placeholder) is always printed as `<*>`; a *soft* value (a word with digits such
/// as `test9` or `ssh2`, a quoted value) is masked for grouping but printed literally when every
/// message of its cluster has the same value.
enum PieceClassifier {
  enum Kind: UInt8 {
    case literal = 0
    case soft = 1
    case hard = 2
  }

  typealias Bytes = UnsafeBufferPointer<UInt8>

  /// Whole-piece check for the hard kinds. `s..<e` is non-empty.
  static func isHard(_ p: Bytes, _ s: Int, _ e: Int) -> Bool {
    let len = e - s
    let b0 = p[s]
    let b1: UInt8 = len > 1 ? p[s + 1] : 0
    // Numbers and anything that starts like one: 42, -1, 0x1f, 30.2s, 412ms, 10.0.0.1:80,
    // 2024-03-02, 12:30:48, 16K, <1, +1s0ms, .5
    if ByteClass.isDigit(b0) { return true }
    if ByteClass.isDigit(b1)
      && (b0 == UInt8(ascii: "-") || b0 == UInt8(ascii: "+") || b0 == UInt8(ascii: "<")
        || b0 == UInt8(ascii: ">") || b0 == UInt8(ascii: "~") || b0 == UInt8(ascii: "."))
    {
      return true
    }
    // Scrubbed placeholders from an upstream scrubber, and our own wildcard: <email>, <ipv4>, <*>
    if b0 == UInt8(ascii: "<") && p[e - 1] == UInt8(ascii: ">") && len >= 3 {
      var ok = true
      for i in (s + 1)..<(e - 1) {
        let c = p[i]
        if !(ByteClass.isAlnum(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "*")
          || c == UInt8(ascii: "-") || c == UInt8(ascii: "."))
        {
          ok = false
          break
        }
      }
      if ok { return true }
    }
    // Paths: /var/log/x, ./a, ~/a, ../a; URLs; Windows paths.
    if b0 == UInt8(ascii: "/") && len >= 2 { return true }
    if (b0 == UInt8(ascii: "~") || b0 == UInt8(ascii: ".")) && len >= 2
      && (b1 == UInt8(ascii: "/")
        || (b1 == UInt8(ascii: ".") && len >= 3 && p[s + 2] == UInt8(ascii: "/")))
    {
      return true
    }
    // Fast path: a plain word (letters, `_`, `-`, `*`) is only a value when it is a boolean or null.
    var plainWord = true
    for i in s..<e {
      let c = p[i]
      if !(ByteClass.isLetter(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
        || c == UInt8(ascii: "*"))
      {
        plainWord = false
        break
      }
    }
    if plainWord { return len <= 5 && isBooleanOrNull(p, s, e) }
    if isBooleanOrNull(p, s, e) { return true }
    // One scan collects what the remaining rules need.
    var digits = 0
    var uppers = 0
    var lowers = 0
    var digitRun = 0
    var maxDigitRun = 0
    var hexRun = 0
    var hexRunHasDigit = false
    var longHexChunk = false
    var at = -1
    var dotAfterAt = false
    var backslash = false
    var colonSlashSlash = false
    var plainChars = true
    var colons = 0
    var hexOrColon = true
    for i in s..<e {
      let c = p[i]
      if ByteClass.isDigit(c) {
        digits += 1
        digitRun += 1
        if digitRun > maxDigitRun { maxDigitRun = digitRun }
      } else {
        digitRun = 0
      }
      if ByteClass.isUpper(c) { uppers += 1 } else if ByteClass.isLower(c) { lowers += 1 }
      if ByteClass.isHex(c) {
        hexRun += 1
        if ByteClass.isDigit(c) { hexRunHasDigit = true }
      } else {
        hexRun = 0
        hexRunHasDigit = false
      }
      if hexRun >= 8 && hexRunHasDigit { longHexChunk = true }
      switch c {
      case UInt8(ascii: "@"): if at < 0 && i > s { at = i }
      case UInt8(ascii: "."): if at >= 0 && i > at + 1 && i + 1 < e { dotAfterAt = true }
      case UInt8(ascii: "\\"): backslash = true
      case UInt8(ascii: ":"):
        colons += 1
        if i + 2 < e && p[i + 1] == UInt8(ascii: "/") && p[i + 2] == UInt8(ascii: "/") {
          colonSlashSlash = true
        }
      default: break
      }
      if c != UInt8(ascii: ":") && !ByteClass.isHex(c) { hexOrColon = false }
      if !(ByteClass.isAlnum(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
        || c == UInt8(ascii: "."))
      {
        plainChars = false
      }
    }
    if colonSlashSlash || backslash { return true }  // URL, Windows path
    if at >= 0 && dotAfterAt && ByteClass.isAlnum(p[e - 1]) { return true }  // email
    if hexOrColon && colons >= 2 && digits > 0 { return true }  // IPv6, MAC
    if digits == 0 { return isDottedName(p, s, e) }
    if maxDigitRun >= 4 || longHexChunk { return true }  // req_1757896982382_707_8d30f450, blk_-42
    // Versions: v1.2, V2.0.1
    if (b0 == UInt8(ascii: "v") || b0 == UInt8(ascii: "V")) && ByteClass.isDigit(b1) {
      var onlyVersion = true
      var dot = false
      for i in (s + 1)..<e {
        let c = p[i]
        if c == UInt8(ascii: ".") {
          dot = true
        } else if !ByteClass.isDigit(c) && !ByteClass.isLetter(c) {
          onlyVersion = false
        }
      }
      if onlyVersion && dot { return true }
    }
    // Long random tokens (API keys, JWT parts): mixed case with digits.
    if len >= 16 && plainChars && uppers > 0 && lowers > 0 { return true }
    return false
  }

  /// Dotted names with three or more parts: host names, package and class names
  /// (`db.prod.example.com`, `com.example.app/.MainActivity`).
  static func isDottedName(_ p: Bytes, _ s: Int, _ e: Int) -> Bool {
    var parts = 1
    var partLen = 0
    for i in s..<e {
      let c = p[i]
      if c == UInt8(ascii: ".") {
        if partLen == 0 && i > s && p[i - 1] != UInt8(ascii: "/") { return false }
        parts += 1
        partLen = 0
      } else {
        if !(ByteClass.isAlnum(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
          || c == UInt8(ascii: "$") || c == UInt8(ascii: "/"))
        {
          return false
        }
        partLen += 1
      }
    }
    return partLen > 0 && parts >= 3
  }

  /// Soft kind, checked when the piece is not hard and was not split further: a word with digits
  /// (`test9`, `ssh2`, `e820`).
  static func isSoft(_ p: Bytes, _ s: Int, _ e: Int) -> Bool {
    for i in s..<e where ByteClass.isDigit(p[i]) { return true }
    return false
  }

  static func isBooleanOrNull(_ p: Bytes, _ s: Int, _ e: Int) -> Bool {
    switch e - s {
    case 3: return matches(p, s, "nil")
    case 4:
      return matches(p, s, "true") || matches(p, s, "True") || matches(p, s, "TRUE")
        || matches(p, s, "null") || matches(p, s, "NULL") || matches(p, s, "None")
    case 5: return matches(p, s, "false") || matches(p, s, "False") || matches(p, s, "FALSE")
    default: return false
    }
  }

  @inline(__always) static func matches(_ p: Bytes, _ s: Int, _ word: StaticString) -> Bool {
    let w = word.utf8Start
    for i in 0..<word.utf8CodeUnitCount where p[s + i] != w[i] { return false }
    return true
  }
}
