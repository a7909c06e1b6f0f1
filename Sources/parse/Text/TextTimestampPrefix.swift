// Timestamp prefixes of plain-text log lines: ISO 8601 and its Python-logging variant, Go's
// `log` package, glog/klog, and syslog. Years missing from the text come from the caller.
import GardenKit

extension TextLineClassifier {
  /// The timestamp at the start of `line`, normalised to RFC 3339 UTC with the fraction digits as
  /// written, and the text after it (leading blanks removed). Nil when the line does not start with
  /// a recognised, valid timestamp: invalid dates are not guessed.
  ///
  /// Recognised (optionally inside `[...]`): `2024-05-14T09:20:44.381Z`, `…+02:00`, `…+0200`,
  /// `2024-05-14 09:20:44,381` and `2024/05/14 09:20:44` (UTC assumed without a zone),
  /// glog `I0514 09:20:44.123456` and syslog `May 14 09:20:44` (year from `defaultYear`).
  public static func timestampPrefix(_ line: String, defaultYear: Int = 1970) -> (
    ts: String, rest: String
  )? {
    var c = TextCursor(line, limit: 64)
    guard let ts = scanTimestamp(&c, defaultYear: defaultYear) else { return nil }
    let rest = line.utf8.dropFirst(c.position).drop { $0 == 32 || $0 == 9 }
    return (ts, String(Substring(rest)))
  }

  /// True when `line` starts with a timestamp `timestampPrefix` accepts.
  static func hasTimestampPrefix(_ line: Substring) -> Bool {
    var c = TextCursor(line, limit: 64)
    return scanTimestamp(&c, defaultYear: 2000) != nil
  }

  /// Reads the timestamp (and its closing bracket) at the cursor.
  private static func scanTimestamp(_ c: inout TextCursor, defaultYear: Int) -> String? {
    let bracketed = c.eat("[")
    let parsed =
      isoStamp(&c) ?? glogStamp(&c, year: defaultYear) ?? syslogStamp(&c, year: defaultYear)
    guard let ts = parsed else { return nil }
    if bracketed {
      guard c.eat("]") else { return nil }
    } else if let b = c.peek, isWordByte(b) {
      return nil  // `2024-05-14 09:20:44abc` is not a prefix
    }
    return ts
  }

  /// `YYYY-MM-DD[T ]HH:MM:SS[.,]frac` plus an optional zone, or `YYYY/MM/DD HH:MM:SS`.
  private static func isoStamp(_ c: inout TextCursor) -> String? {
    let start = c.position
    guard let year = c.digits(4) else { return nil }
    let slash = c.eat("/")
    guard slash || c.eat("-"), let month = c.digits(2), c.eat(slash ? "/" : "-"),
      let day = c.digits(2), c.eat("T") || c.eat(" ") || c.eat("t"),
      let hour = c.digits(2), c.eat(":"), let minute = c.digits(2), c.eat(":"),
      let second = c.digits(2)
    else {
      c.position = start
      return nil
    }
    var fraction = ""
    let mark = c.position
    if c.eat(".") || c.eat(",") {
      fraction = c.digitRun(max: 9)
      _ = c.digitRun(max: 64)
      if fraction.isEmpty { c.position = mark }
    }
    let offset = zoneOffset(&c)
    guard let offset,
      TextTime.isValid(
        year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    else {
      c.position = start
      return nil
    }
    return TextTime.rfc3339(
      year: year, month: month, day: day, hour: hour, minute: minute, second: second,
      fraction: fraction, offsetMinutes: offset)
  }

  /// `Z`, `±HH:MM`, `±HHMM`, ` +0000` (gunicorn), ` UTC`, or nothing (0). Nil for a broken offset.
  private static func zoneOffset(_ c: inout TextCursor) -> Int? {
    if c.eat("Z") || c.eat("z") { return 0 }
    let mark = c.position
    let spaced = c.eat(" ")
    if spaced, c.eat(word: "UTC") || c.eat(word: "GMT") { return 0 }
    guard let sign = c.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else {
      c.position = mark
      return 0
    }
    c.advance()
    guard let hours = c.digits(2) else {
      c.position = mark
      return spaced ? 0 : nil
    }
    var minutes = 0
    if c.eat(":") {
      guard let m = c.digits(2) else { return nil }
      minutes = m
    } else if let m = c.digits(2) {
      minutes = m
    }
    guard hours < 24, minutes < 60 else { return nil }
    return (hours * 60 + minutes) * (sign == UInt8(ascii: "+") ? 1 : -1)
  }

  /// glog/klog: `Lmmdd hh:mm:ss.uuuuuu` where L is one of I, W, E, F.
  private static func glogStamp(_ c: inout TextCursor, year: Int) -> String? {
    let start = c.position
    guard let l = c.peek, glogLevel(l) != nil else { return nil }
    c.advance()
    guard let month = c.digits(2), let day = c.digits(2), c.eat(" "), let hour = c.digits(2),
      c.eat(":"), let minute = c.digits(2), c.eat(":"), let second = c.digits(2),
      TextTime.isValid(
        year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    else {
      c.position = start
      return nil
    }
    var fraction = ""
    if c.eat(".") { fraction = c.digitRun(max: 9) }
    return TextTime.rfc3339(
      year: year, month: month, day: day, hour: hour, minute: minute, second: second,
      fraction: fraction)
  }

  /// syslog (RFC 3164): `Mmm dd hh:mm:ss`, day padded with a space or a zero.
  private static func syslogStamp(_ c: inout TextCursor, year: Int) -> String? {
    let start = c.position
    guard start + 4 <= c.bytes.count,
      let m = monthNames.firstIndex(of: String(decoding: c.bytes[start..<start + 3], as: UTF8.self))
    else { return nil }
    let month = m + 1
    c.position += 3
    guard c.eat(" ") else {
      c.position = start
      return nil
    }
    _ = c.eat(" ")
    var day = c.digits(2)
    if day == nil { day = c.digits(1) }
    guard let day, c.eat(" "), let hour = c.digits(2), c.eat(":"), let minute = c.digits(2),
      c.eat(":"), let second = c.digits(2),
      TextTime.isValid(
        year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    else {
      c.position = start
      return nil
    }
    return TextTime.rfc3339(
      year: year, month: month, day: day, hour: hour, minute: minute, second: second, fraction: "")
  }

  /// English month abbreviations, as syslog writes them.
  private static let monthNames = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// True when three bytes spell a month abbreviation.
  static func isMonthStart(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
    monthNames.contains { $0.utf8.elementsEqual([a, b, c]) }
  }

  /// glog's level letter.
  static func glogLevel(_ b: UInt8) -> Severity? {
    switch b {
    case UInt8(ascii: "I"): .info
    case UInt8(ascii: "W"): .warning
    case UInt8(ascii: "E"): .error
    case UInt8(ascii: "F"): .critical
    default: nil
    }
  }

  /// Letters, digits and `_`: bytes that continue a word.
  static func isWordByte(_ b: UInt8) -> Bool {
    (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95
  }
}
