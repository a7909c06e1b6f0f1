// Calendar arithmetic and RFC 3339 helpers for the plain-text side of garden-parse.
// Hand-written (no Foundation Calendar/DateFormatter): pure, fast, and identical on every host.

import GardenKit

/// Civil-date arithmetic in the proleptic Gregorian calendar, UTC only.
enum TextTime {
  /// Days since 1970-01-01 for a civil date.
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    Timestamp.daysFromCivil(year: year, month: month, day: day)
  }

  /// The civil date of a day count since 1970-01-01.
  static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
    let (y, m, d) = Timestamp.civilFromDays(days)
    return (y, m, d)
  }

  /// Number of days in a month; 0 for an invalid month.
  static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 1, 3, 5, 7, 8, 10, 12: return 31
    case 4, 6, 9, 11: return 30
    case 2:
      let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
      return leap ? 29 : 28
    default: return 0
    }
  }

  /// True when the fields name a real moment (a leap second `:60` is accepted, as RFC 3339 does).
  static func isValid(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Bool
  {
    (1...9999).contains(year) && day >= 1 && day <= daysInMonth(year: year, month: month)
      && (0...23).contains(hour) && (0...59).contains(minute) && (0...60).contains(second)
  }

  /// Formats UTC fields as RFC 3339 with `Z`, shifting by `offsetMinutes` (local = UTC + offset).
  /// `fraction` is the digits after the decimal point, kept exactly as written (at most 9).
  static func rfc3339(
    year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int,
    fraction: String, offsetMinutes: Int = 0
  ) -> String? {
    var y = year
    var mo = month
    var d = day
    var h = hour
    var mi = minute
    if offsetMinutes != 0 {
      // Shift whole minutes only; seconds and the fraction are unaffected by a zone offset.
      let days = daysFromCivil(year: year, month: month, day: day)
      var total = days * 1440 + hour * 60 + minute - offsetMinutes
      let dayShift = total >= 0 ? total / 1440 : (total - 1439) / 1440
      total -= dayShift * 1440
      (y, mo, d) = civilFromDays(dayShift)
      // The shift can leave the four-digit years RFC 3339 can write.
      guard (1...9999).contains(y) else { return nil }
      h = total / 60
      mi = total % 60
    }
    // Built as bytes: this runs once per timestamped line.
    var out: [UInt8] = []
    out.reserveCapacity(21 + fraction.utf8.count)
    appendPadded(&out, y, 4)
    out.append(UInt8(ascii: "-"))
    appendPadded(&out, mo, 2)
    out.append(UInt8(ascii: "-"))
    appendPadded(&out, d, 2)
    out.append(UInt8(ascii: "T"))
    appendPadded(&out, h, 2)
    out.append(UInt8(ascii: ":"))
    appendPadded(&out, mi, 2)
    out.append(UInt8(ascii: ":"))
    appendPadded(&out, second, 2)
    if !fraction.isEmpty {
      out.append(UInt8(ascii: "."))
      out.append(contentsOf: fraction.utf8)
    }
    out.append(UInt8(ascii: "Z"))
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends `n` in decimal, zero-padded to `width` digits (more digits when it needs them).
  private static func appendPadded(_ out: inout [UInt8], _ n: Int, _ width: Int) {
    var digits: [UInt8] = []
    var v = n < 0 ? -n : n
    repeat {
      digits.append(UInt8(48 + v % 10))
      v /= 10
    } while v > 0
    if n < 0 { out.append(UInt8(ascii: "-")) }
    for _ in digits.count..<max(width, digits.count) { out.append(48) }
    out.append(contentsOf: digits.reversed())
  }

  /// Nanoseconds since the Unix epoch of an RFC 3339 timestamp; nil when it is not one.
  /// Accepts `T`/`t`/space between date and time, 0–9 fraction digits, `Z` or `±HH:MM`.
  static func epochNanos(_ text: String) -> Int64? {
    var c = TextCursor(text, limit: 64)
    guard let year = c.digits(4), c.eat("-"), let month = c.digits(2), c.eat("-"),
      let day = c.digits(2)
    else { return nil }
    guard c.eat("T") || c.eat("t") || c.eat(" "), let hour = c.digits(2), c.eat(":"),
      let minute = c.digits(2), c.eat(":"), let second = c.digits(2)
    else { return nil }
    guard isValid(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    else { return nil }
    var nanos: Int64 = 0
    if c.eat(".") {
      let frac = c.digitRun(max: 9)
      guard !frac.isEmpty else { return nil }
      nanos = Int64(frac + String(repeating: "0", count: 9 - frac.count)) ?? 0
      _ = c.digitRun(max: 64)  // digits past nanoseconds carry no meaning here
    }
    var offset = 0
    if c.eat("Z") || c.eat("z") {
    } else if let sign = c.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
      c.advance()
      guard let oh = c.digits(2), c.eat(":"), let om = c.digits(2), oh < 24, om < 60 else {
        return nil
      }
      offset = (oh * 60 + om) * (sign == UInt8(ascii: "+") ? 1 : -1)
    } else {
      return nil
    }
    guard c.atEnd else { return nil }
    let days = Int64(daysFromCivil(year: year, month: month, day: day))
    let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset * 60)
    // Int64 nanoseconds reach only 1677…2262: refuse what does not fit instead of trapping.
    let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    guard !overflow else { return nil }
    let (total, overflow2) = scaled.addingReportingOverflow(nanos)
    return overflow2 ? nil : total
  }

}
