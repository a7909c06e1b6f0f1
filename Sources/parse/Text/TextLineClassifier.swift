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

  /// `level=error`, `severity=warn`, `lvl=E`… and the JSON forms `"level":"error"`.
  private static func keyedLevel(_ b: [UInt8]) -> Severity? {
    let lower = b.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
    for key in ["level", "severity", "lvl", "levelname"] {
      let k = Array(key.utf8)
      var i = 0
      while let at = find(lower, k, from: i) {
        i = at + 1
        if at > 0, isWordByte(lower[at - 1]) { continue }
        var j = at + k.count
        if j < b.count, b[j] == UInt8(ascii: "\"") { j += 1 }
        while j < b.count, b[j] == 32 { j += 1 }
        guard j < b.count, b[j] == UInt8(ascii: "=") || b[j] == UInt8(ascii: ":") else { continue }
        j += 1
        while j < b.count, b[j] == 32 || b[j] == UInt8(ascii: "\"") { j += 1 }
        var word = ""
        while j < b.count, isLetter(b[j]), word.count < 16 {
          word.append(Character(Unicode.Scalar(b[j])))
          j += 1
        }
        if let s = Severity(name: word), word.uppercased() != "PANIC" { return s }
      }
    }
    return nil
  }

  /// The earliest level word in the level window: upper-case anywhere, any case inside `[…]`,
  /// capitalised (`Error:`) only as the line's first word.
  private static func firstLevelToken(_ all: [UInt8]) -> Severity? {
    let b = all.prefix(levelWindow)
    var i = b.startIndex
    var previousWord = ""
    var previousStart = b.startIndex
    var firstWord = true
    while i < b.endIndex {
      guard isWordByte(b[i]) else {
        i += 1
        continue
      }
      let start = i
      while i < b.endIndex, isWordByte(b[i]) { i += 1 }
      let word = String(decoding: b[start..<i], as: UTF8.self)
      let before: UInt8? = start > b.startIndex ? b[start - 1] : nil
      let after: UInt8? = i < b.endIndex ? b[i] : nil
      // "0 ERROR" negates only when the 0 stands alone, not as the tail of `09:20:00`.
      let negated =
        negations.contains(previousWord)
        && (previousWord != "0" || previousStart == b.startIndex || b[previousStart - 1] == 32)
      defer {
        previousWord = word.lowercased()
        previousStart = start
        if word.contains(where: { !$0.isNumber }) { firstWord = false }
      }
      if after == UInt8(ascii: "=") || before == UInt8(ascii: "-") && after == UInt8(ascii: "-") {
        continue
      }
      let upper = word.uppercased()
      guard levelWords.contains(upper), !negated, let s = Severity(name: upper) else { continue }
      if word == upper { return s }
      if before == UInt8(ascii: "["), after == UInt8(ascii: "]") { return s }
      if firstWord, after == UInt8(ascii: ":"),
        word == word.prefix(1).uppercased() + word.dropFirst().lowercased()
      {
        return s
      }
    }
    return nil
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
