// Reads the level a plain-text log line states, and strips it off the line's head.
// Only unambiguous markers count: a build that prints "0 errors" or "error_count=0" is not failing.
import GardenKit

/// Pure classification of plain-text log lines: timestamp prefix, level, continuation of a trace.
public enum TextLineClassifier {
  /// Bytes at the start of a line searched for a bare level word (`ERROR`, `[warn]`).
  /// Levels sit near the start; looking further finds words of the message instead.
  static let levelWindow = 160
  /// Bytes searched for an explicit key such as `level=error` or `"severity":"ERROR"`.
  static let keyWindow = 1024

  /// Upper-case level words recognised anywhere in the level window.
  static let levelWords: Set<String> = [
    "EMERGENCY", "EMERG", "ALERT", "CRITICAL", "CRIT", "FATAL", "SEVERE", "ERROR", "ERR",
    "WARNING", "WARN", "NOTICE", "INFO", "DEBUG", "TRACE",
  ]
  /// Words that, right before a level word, say the opposite ("no ERROR found", "0 ERROR").
  static let negations: Set<String> = ["no", "0", "zero", "without", "non", "not", "none"]

  /// The severity a line states, or nil when it states none. Recognises syslog `<3>`, glog's
  /// first letter (`E0514 …`), Go `panic:`/`fatal error:`, `level=`/`severity=`/`"level":` keys,
  /// `[ERROR]`/`[error]`, upper-case words (`ERROR`, `- WARNING -`, `Step #1: ERROR: …`), a leading
  /// `Error:`/`Warning:`, Python's `file.py:12: UserWarning:` and pflag's
  /// `invalid argument "…" for "…" flag:` (the failing Cloud Build docker step).
  public static func level(in line: String) -> Severity? {
    let b = Array(line.utf8.prefix(keyWindow))
    if let s = syslogPriority(b) { return s }
    if b.count >= 9, let s = glogLevel(b[0]), b[1...4].allSatisfy(isDigit), b[5] == 32,
      isDigit(b[6]), isDigit(b[7]), b[8] == UInt8(ascii: ":")
    {
      return s
    }
    if starts(b, with: "panic: ") || starts(b, with: "fatal error: ") { return .critical }
    if let s = keyedLevel(b) { return s }
    if let s = firstLevelToken(b) { return s }
    if isPythonWarning(b) { return .warning }
    if contains(b, "invalid argument \""), contains(b, "\" flag: ") { return .error }
    return nil
  }

  /// `<N>` syslog priority at the start: severity is N mod 8.
  private static func syslogPriority(_ b: [UInt8]) -> Severity? {
    guard b.first == UInt8(ascii: "<") else { return nil }
    var n = 0
    var i = 1
    while i < b.count, i <= 3, isDigit(b[i]) {
      n = n * 10 + Int(b[i] - 48)
      i += 1
    }
    guard i > 1, i < b.count, b[i] == UInt8(ascii: ">"), n <= 191 else { return nil }
    let map: [Severity] = [.emergency, .alert, .critical, .error, .warning, .notice, .info, .debug]
    return map[n % 8]
  }

  /// Keys that name a level in logfmt and JSON lines, lower-case.
  private static let levelKeys: [[UInt8]] = ["level", "severity", "lvl", "levelname"].map {
    Array($0.utf8)
  }

  /// `level=error`, `severity=warn`, `lvl=E`… and the JSON forms `"level":"error"`.
  private static func keyedLevel(_ b: [UInt8]) -> Severity? {
    for k in levelKeys {
      var i = 0
      while let at = findIgnoringCase(b, k, from: i) {
        i = at + 1
        if at > 0, isWordByte(b[at - 1]) { continue }
        var j = at + k.count
        if j < b.count, b[j] == UInt8(ascii: "\"") { j += 1 }
        while j < b.count, b[j] == 32 { j += 1 }
        guard j < b.count, b[j] == UInt8(ascii: "=") || b[j] == UInt8(ascii: ":") else { continue }
        j += 1
        while j < b.count, b[j] == 32 || b[j] == UInt8(ascii: "\"") { j += 1 }
        let wordStart = j
        while j < b.count, isLetter(b[j]), j - wordStart < 16 { j += 1 }
        let word = String(decoding: b[wordStart..<j], as: UTF8.self)
        if let s = Severity(name: word), word.uppercased() != "PANIC" { return s }
      }
    }
    return nil
  }

  /// First index of lower-case ASCII `needle` in `hay`, ignoring ASCII case.
  private static func findIgnoringCase(_ hay: [UInt8], _ needle: [UInt8], from: Int) -> Int? {
    guard let first = needle.first, hay.count >= needle.count else { return nil }
    var i = max(0, from)
    while i <= hay.count - needle.count {
      if hay[i] | 0x20 == first {
        var k = 1
        while k < needle.count, hay[i + k] | 0x20 == needle[k] { k += 1 }
        if k == needle.count { return i }
      }
      i += 1
    }
    return nil
  }

  /// The earliest level word in the level window: upper-case anywhere, any case inside `[…]`,
  /// capitalised (`Error:`) only as the line's first word. Works on bytes and builds a string
  /// only for a candidate word, since this runs on every line of a text log.
  private static func firstLevelToken(_ all: [UInt8]) -> Severity? {
    let b = all.prefix(levelWindow)
    var i = b.startIndex
    var previous = b.startIndex..<b.startIndex
    var firstWord = true
    while i < b.endIndex {
      guard isWordByte(b[i]) else {
        i += 1
        continue
      }
      let start = i
      while i < b.endIndex, isWordByte(b[i]) { i += 1 }
      let word = b[start..<i]
      let wasFirst = firstWord
      let before = previous
      previous = start..<i
      if word.contains(where: { !isDigit($0) }) { firstWord = false }
      guard (3...9).contains(word.count), word.allSatisfy(isLetter) else { continue }
      let open: UInt8? = start > b.startIndex ? b[start - 1] : nil
      let close: UInt8? = i < b.endIndex ? b[i] : nil
      if close == UInt8(ascii: "=") || open == UInt8(ascii: "-") && close == UInt8(ascii: "-") {
        continue
      }
      let allUpper = word.allSatisfy { $0 >= 65 && $0 <= 90 }
      let bracketed = open == UInt8(ascii: "[") && close == UInt8(ascii: "]")
      let capitalised =
        wasFirst && close == UInt8(ascii: ":") && word.first.map({ $0 >= 65 && $0 <= 90 }) == true
        && word.dropFirst().allSatisfy { $0 >= 97 && $0 <= 122 }
      guard allUpper || bracketed || capitalised else { continue }
      let upper = String(decoding: word.map { $0 >= 97 ? $0 - 32 : $0 }, as: UTF8.self)
      guard levelWords.contains(upper), let severity = Severity(name: upper) else { continue }
      if isNegation(b, before) { continue }
      return severity
    }
    return nil
  }

  /// True when the word in `range` negates the level word after it ("no ERROR", "0 ERROR"); a
  /// `0` counts only standing alone, not as the tail of `09:20:00`.
  private static func isNegation(_ b: ArraySlice<UInt8>, _ range: Range<Int>) -> Bool {
    guard !range.isEmpty else { return false }
    let word = String(decoding: b[range].map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    guard negations.contains(word) else { return false }
    return word != "0" || range.lowerBound == b.startIndex || b[range.lowerBound - 1] == 32
  }

  /// `/path/mod.py:31: UserWarning: …`, the format of Python's `warnings` module.
  private static func isPythonWarning(_ b: [UInt8]) -> Bool {
    guard let py = find(b, Array(".py:".utf8), from: 0),
      let w = find(b, Array("Warning: ".utf8), from: py)
    else { return false }
    return b[py..<w].contains(32)
  }

  /// Removes a level word and its separators from the head of `rest` (the text after the
  /// timestamp), and glog's `thread file:line]` header. `ERROR: x` → `x`, `- INFO - x` → `x`.
  public static func stripLevelPrefix(_ rest: String) -> String {
    var c = TextCursor(rest, limit: 128)
    let glogHeader = glogHeaderLength(c.bytes)
    if glogHeader > 0 { return String(Substring(rest.utf8.dropFirst(glogHeader))) }
    c.skipBlanks()
    if c.eat("-") || c.eat("|") { c.skipBlanks() }
    let bracket = c.eat("[")
    let start = c.position
    while let b = c.peek, isLetter(b) { c.advance() }
    let word = String(decoding: c.bytes[start..<c.position], as: UTF8.self)
    guard levelWords.contains(word.uppercased()), word == word.uppercased() || bracket,
      !bracket || c.eat("]")
    else { return rest }
    if let b = c.peek, isWordByte(b) { return rest }
    c.skipBlanks()
    if c.eat(":") || c.eat("-") || c.eat("|") { c.skipBlanks() }
    return String(Substring(rest.utf8.dropFirst(c.position)))
  }

  /// Length of glog's `  1234 file.go:56] ` header, or 0.
  private static func glogHeaderLength(_ b: [UInt8]) -> Int {
    var i = 0
    while i < b.count, b[i] == 32 { i += 1 }
    let digits = i
    while i < b.count, isDigit(b[i]) { i += 1 }
    guard i > digits, i < b.count, b[i] == 32 else { return 0 }
    i += 1
    while i < b.count, b[i] != 32, b[i] != UInt8(ascii: "]") { i += 1 }
    guard i + 1 < b.count, b[i] == UInt8(ascii: "]"), b[i - 1] >= 48, b[i - 1] <= 57, b[i + 1] == 32
    else { return 0 }
    return i + 2
  }

  // MARK: byte helpers

  static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
  static func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }

  static func starts(_ b: [UInt8], with s: String) -> Bool {
    let p = Array(s.utf8)
    return b.count >= p.count && b[0..<p.count].elementsEqual(p)
  }

  static func contains(_ b: [UInt8], _ s: String) -> Bool { find(b, Array(s.utf8), from: 0) != nil }

  /// First index of `needle` in `hay` at or after `from`.
  static func find(_ hay: [UInt8], _ needle: [UInt8], from: Int) -> Int? {
    guard !needle.isEmpty, hay.count >= needle.count, from <= hay.count - needle.count else {
      return nil
    }
    var i = max(0, from)
    while i <= hay.count - needle.count {
      if hay[i] == needle[0], hay[i..<i + needle.count].elementsEqual(needle) { return i }
      i += 1
    }
    return nil
  }
}
