// RFC 3339 timestamps as whole seconds since the epoch, and their display in UTC or a named zone.
// Parsing is done by hand (no DateFormatter) so output never depends on the locale; only the zone
// offset comes from Foundation's tz database.

import Foundation

/// An instant with one-second resolution (display never needs more).
struct Timestamp: Comparable, Hashable {
  /// Seconds since 1970-01-01T00:00:00Z.
  var seconds: Int

  init(seconds: Int) { self.seconds = seconds }

  /// Parses `2025-09-15T13:02:11.123456Z` or `…+02:00` (also a space instead of `T`); nil otherwise.
  init?(rfc3339 text: String) {
    let b = Array(text.utf8)
    func num(_ from: Int, _ len: Int) -> Int? {
      guard from + len <= b.count else { return nil }
      var n = 0
      for i in from..<(from + len) {
        guard (0x30...0x39).contains(b[i]) else { return nil }
        n = n * 10 + Int(b[i] - 0x30)
      }
      return n
    }
    guard b.count >= 20, let y = num(0, 4), b[4] == 0x2D, let mo = num(5, 2), b[7] == 0x2D,
      let d = num(8, 2), b[10] == 0x54 || b[10] == 0x74 || b[10] == 0x20, let h = num(11, 2),
      b[13] == 0x3A, let mi = num(14, 2), b[16] == 0x3A, let s = num(17, 2),
      (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61
    else { return nil }
    var i = 19
    if i < b.count, b[i] == 0x2E {
      i += 1
      while i < b.count, (0x30...0x39).contains(b[i]) { i += 1 }
    }
    guard i < b.count else { return nil }
    var offset = 0
    switch b[i] {
    case 0x5A, 0x7A:
      guard i + 1 == b.count else { return nil }
    case 0x2B, 0x2D:
      guard i + 6 == b.count, let oh = num(i + 1, 2), b[i + 3] == 0x3A, let om = num(i + 4, 2)
      else { return nil }
      offset = (oh * 3600 + om * 60) * (b[i] == 0x2D ? -1 : 1)
    default: return nil
    }
    seconds = Self.daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
  static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
    let z = z0 + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// Date and time parts at a fixed offset from UTC.
  func parts(offset: Int = 0) -> (date: String, time: String) {
    let t = seconds + offset
    let days = Int((Double(t) / 86400).rounded(.down))
    let rem = t - days * 86400
    let (y, m, d) = Self.civilFromDays(days)
    return (
      "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))",
      "\(pad(rem / 3600, 2)):\(pad(rem % 3600 / 60, 2)):\(pad(rem % 60, 2))"
    )
  }

  /// `2025-09-15T13:02:11Z`
  var rfc3339: String {
    let p = parts()
    return p.date + "T" + p.time + "Z"
  }

  /// `2025-09-15 13:02:11 UTC`
  var utc: String {
    let p = parts()
    return p.date + " " + p.time + " UTC"
  }

  func adding(_ s: Int) -> Timestamp { Timestamp(seconds: seconds + s) }

  static func < (a: Timestamp, b: Timestamp) -> Bool { a.seconds < b.seconds }
}

/// A named time zone for the optional local times (`--tz America/New_York`).
struct LocalZone {
  let identifier: String
  private let zone: TimeZone

  init?(identifier: String) {
    guard let z = TimeZone(identifier: identifier) else { return nil }
    self.identifier = identifier
    zone = z
  }

  /// Offset from UTC in seconds at that instant (daylight saving included).
  func offset(at t: Timestamp) -> Int {
    zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t.seconds)))
  }

  /// `UTC-04:00`
  func offsetText(at t: Timestamp) -> String {
    let o = offset(at: t)
    let a = abs(o)
    return "UTC" + (o < 0 ? "-" : "+") + pad(a / 3600, 2) + ":" + pad(a % 3600 / 60, 2)
  }
}

func pad(_ n: Int, _ width: Int) -> String {
  let s = String(n)
  return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// `1,234,567`: grouping written by hand so it never depends on the locale.
func grouped(_ n: Int) -> String {
  let digits = String(n.magnitude)
  var out = ""
  for (i, ch) in digits.enumerated() {
    if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
    out.append(ch)
  }
  return n < 0 ? "-" + out : out
}

/// `45 s`, `12 min`, `1 h`, `1 h 30 min`, `2 d 3 h`.
func durationText(_ s: Int) -> String {
  if s < 120 { return "\(s) s" }
  if s < 3600 { return "\(s / 60) min" }
  if s < 86400 {
    let m = s % 3600 / 60
    return "\(s / 3600) h" + (m > 0 ? " \(m) min" : "")
  }
  let h = s % 86400 / 3600
  return "\(s / 86400) d" + (h > 0 ? " \(h) h" : "")
}
