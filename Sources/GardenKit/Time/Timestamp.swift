// RFC 3339 timestamps without Foundation's date parsers: they are slow per entry and round
// nanoseconds. We keep the fraction digits as written and convert offsets to UTC ourselves.

/// An instant with nanosecond precision, parsed from RFC 3339.
public struct Timestamp: Comparable, Hashable, Sendable {
  /// Seconds since 1970-01-01T00:00:00Z.
  public var seconds: Int64
  /// Nanoseconds within the second.
  public var nanos: Int32
  /// The fraction digits as written (0–9 of them), kept so output is exactly what came in.
  public var fraction: String

  public init(seconds: Int64, nanos: Int32 = 0, fraction: String = "") {
    self.seconds = seconds
    self.nanos = nanos
    self.fraction = fraction
  }

  public static func < (a: Timestamp, b: Timestamp) -> Bool {
    a.seconds != b.seconds ? a.seconds < b.seconds : a.nanos < b.nanos
  }

  public static func == (a: Timestamp, b: Timestamp) -> Bool {
    a.seconds == b.seconds && a.nanos == b.nanos
  }
  public func hash(into h: inout Hasher) {
    h.combine(seconds)
    h.combine(nanos)
  }

  /// Parses `YYYY-MM-DD[T ]HH:MM:SS[.fraction](Z|±HH:MM|±HHMM)`; lowercase `t`/`z` accepted. Returns nil for
  /// anything else, including out-of-range fields (month 13, second 61) — invalid times are reported,
  /// never guessed.
  public init?(rfc3339 text: String) {
    var t = text
    guard let v = t.withUTF8({ Self.parse($0) }) else { return nil }
    self = v
  }

  static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
    var i = 0
    func num(_ n: Int) -> Int? {
      guard i + n <= b.count else { return nil }
      var v = 0
      for k in 0..<n {
        let c = b[i + k]
        guard c >= 0x30, c <= 0x39 else { return nil }
        v = v * 10 + Int(c - 0x30)
      }
      i += n
      return v
    }
    func expect(_ c: UInt8) -> Bool {
      guard i < b.count, b[i] == c else { return false }
      i += 1
      return true
    }
    guard let year = num(4), expect(0x2D), let month = num(2), expect(0x2D), let day = num(2) else {
      return nil
    }
    guard i < b.count, b[i] == 0x54 || b[i] == 0x74 || b[i] == 0x20 else { return nil }
    i += 1
    guard let hour = num(2), expect(0x3A), let minute = num(2), expect(0x3A), let second = num(2)
    else { return nil }
    guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24,
      minute < 60, second <= 60
    else { return nil }
    var nanos = 0
    var fraction = ""
    if i < b.count, b[i] == 0x2E {
      i += 1
      let start = i
      while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
      let digits = i - start
      guard digits > 0 else { return nil }
      fraction = String(
        decoding: UnsafeBufferPointer(rebasing: b[start..<min(i, start + 9)]), as: UTF8.self)
      var scale = 100_000_000
      for k in 0..<min(digits, 9) {
        nanos += Int(b[start + k] - 0x30) * scale
        scale /= 10
      }
    }
    var offset = 0
    guard i < b.count else { return nil }
    if b[i] == 0x5A || b[i] == 0x7A {
      i += 1
    } else if b[i] == 0x2B || b[i] == 0x2D {
      let sign = b[i] == 0x2D ? -1 : 1
      i += 1
      guard let oh = num(2) else { return nil }
      _ = expect(0x3A)
      guard let om = num(2), oh < 24, om < 60 else { return nil }
      offset = sign * (oh * 3600 + om * 60)
    } else {
      return nil
    }
    guard i == b.count else { return nil }
    let days = daysFromCivil(year: year, month: month, day: day)
    let secs =
      Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59)) - Int64(offset)
    // An offset can move a time out of the four-digit years RFC 3339 can write (9999-12-31T23:59-01:00).
    let utcDays = secs >= 0 ? secs / 86_400 : (secs - 86_399) / 86_400
    guard (0...9999).contains(civilFromDays(Int(utcDays)).0) else { return nil }
    return Timestamp(seconds: secs, nanos: Int32(nanos), fraction: fraction)
  }

  /// RFC 3339 in UTC with `Z`, keeping the fraction digits as written.
  public var rfc3339: String {
    var s = Self.formatSeconds(seconds)
    if !fraction.isEmpty { s.insert(contentsOf: "." + fraction, at: s.index(before: s.endIndex)) }
    return s
  }

  /// `YYYY-MM-DDTHH:MM:SSZ` for whole seconds since the epoch.
  public static func formatSeconds(_ secs: Int64) -> String {
    let days = Int(secs >= 0 ? secs / 86_400 : (secs - 86_399) / 86_400)
    let rem = Int(secs - Int64(days) * 86_400)
    let (y, m, d) = civilFromDays(days)
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    let year =
      y < 0
      ? "-" + String(-y) : String(repeating: "0", count: max(0, 4 - String(y).count)) + String(y)
    return "\(year)-\(two(m))-\(two(d))T\(two(rem / 3600)):\(two(rem / 60 % 60)):\(two(rem % 60))Z"
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 (Howard Hinnant's algorithm).
  public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The civil (year, month, day) of a day count since 1970-01-01.
  public static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
  }
}
