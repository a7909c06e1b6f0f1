// RFC 3339 timestamps without Foundation's Date: Date is a Double and loses nanoseconds, and parsing a
// formatter per entry is the slowest step of a naive parser. This reads the forms Cloud Logging and
// hand-made exports use and writes them back in one canonical UTC form with the fraction as written.

/// A point in time read from an RFC 3339 string: seconds since the Unix epoch, nanoseconds, and the
/// canonical UTC text (`2024-05-01T12:34:56.5Z`: the fraction keeps the digits as written).
struct Timestamp: Comparable, Sendable {
  var seconds: Int64
  var nanos: Int32
  var text: String

  init(seconds: Int64, nanos: Int32, text: String) {
    self.seconds = seconds
    self.nanos = nanos
    self.text = text
  }

  static func < (a: Timestamp, b: Timestamp) -> Bool {
    a.seconds != b.seconds ? a.seconds < b.seconds : a.nanos < b.nanos
  }
  static func == (a: Timestamp, b: Timestamp) -> Bool {
    a.seconds == b.seconds && a.nanos == b.nanos
  }

  /// Reads `YYYY-MM-DD[T| ]hh:mm:ss[.fraction][Z|±hh:mm|±hhmm|UTC]`. A missing zone is UTC (Python's
  /// naive `isoformat()`); fractions longer than 9 digits keep their first 9. Nil for anything else,
  /// including impossible dates such as February 30.
  init?(rfc3339 input: String) {
    var copy = input
    guard let parsed = copy.withUTF8({ Self.read($0) }) else { return nil }
    self = parsed
  }

  private static func read(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
    var i = 0
    func digits(_ n: Int) -> Int? {
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
    func eat(_ c: UInt8) -> Bool {
      if i < b.count, b[i] == c {
        i += 1
        return true
      }
      return false
    }
    guard let year = digits(4), eat(0x2D), let month = digits(2), eat(0x2D), let day = digits(2)
    else { return nil }
    guard i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == 0x20
    else { return nil }
    i += 1
    guard let hour = digits(2), eat(0x3A), let minute = digits(2), eat(0x3A), let second = digits(2)
    else { return nil }
    var fraction: [UInt8] = []
    if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
      i += 1
      while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
        if fraction.count < 9 { fraction.append(b[i]) }
        i += 1
      }
      if fraction.isEmpty { return nil }
    }
    var offset = 0  // seconds east of UTC
    if i < b.count {
      let z = b[i]
      if z == UInt8(ascii: "Z") || z == UInt8(ascii: "z") {
        i += 1
      } else if z == UInt8(ascii: "+") || z == UInt8(ascii: "-") {
        i += 1
        guard let oh = digits(2) else { return nil }
        _ = eat(0x3A)
        let om = digits(2) ?? 0
        guard oh <= 23, om <= 59 else { return nil }
        offset = (oh * 3600 + om * 60) * (z == UInt8(ascii: "-") ? -1 : 1)
      } else if b.count - i == 3, b[i] | 0x20 == UInt8(ascii: "u"), b[i + 1] | 0x20 == UInt8(ascii: "t"),
        b[i + 2] | 0x20 == UInt8(ascii: "c")
      {
        i += 3
      }
    }
    guard i == b.count else { return nil }
    guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year),
      hour <= 23, minute <= 59, second <= 60
    else { return nil }

    var nanos = 0
    for k in 0..<9 { nanos = nanos * 10 + (k < fraction.count ? Int(fraction[k] - 0x30) : 0) }
    let local = CivilDate.days(year: year, month: month, day: day) * 86_400 + hour * 3600
      + minute * 60 + second
    let utc = local - offset
    // An offset can carry year 0000 or 9999 across the four-digit range the output form allows.
    guard utc >= -62_167_219_200, utc < 253_402_300_800 else { return nil }
    let text: String
    if offset == 0, b[10] == UInt8(ascii: "T"), b.last == UInt8(ascii: "Z"), fraction.count < 10,
      b.count == 20 + (fraction.isEmpty ? 0 : fraction.count + 1), b[19] != UInt8(ascii: ",")
    {
      text = String(decoding: b, as: UTF8.self)  // already canonical: the common case, no rebuild
    } else {
      text = format(utc: utc, leapSecond: second == 60, fraction: fraction)
    }
    return Timestamp(seconds: Int64(utc), nanos: Int32(nanos), text: text)
  }

  /// `YYYY-MM-DDThh:mm:ss[.fraction]Z` for a UTC instant. A leap second stays `:60`.
  private static func format(utc: Int, leapSecond: Bool, fraction: [UInt8]) -> String {
    let whole = leapSecond ? utc - 1 : utc
    var days = whole / 86_400
    var rest = whole % 86_400
    if rest < 0 {
      rest += 86_400
      days -= 1
    }
    let (y, m, d) = CivilDate.civil(days: days)
    var out: [UInt8] = []
    out.reserveCapacity(30)
    func put(_ v: Int, _ width: Int) {
      var digits = [UInt8](repeating: 0x30, count: width)
      var x = v
      var k = width - 1
      while k >= 0 {
        digits[k] = UInt8(0x30 + x % 10)
        x /= 10
        k -= 1
      }
      out.append(contentsOf: digits)
    }
    put(y, 4)
    out.append(0x2D)
    put(m, 2)
    out.append(0x2D)
    put(d, 2)
    out.append(UInt8(ascii: "T"))
    put(rest / 3600, 2)
    out.append(0x3A)
    put(rest / 60 % 60, 2)
    out.append(0x3A)
    put(leapSecond ? 60 : rest % 60, 2)
    if !fraction.isEmpty {
      out.append(UInt8(ascii: "."))
      out.append(contentsOf: fraction)
    }
    out.append(UInt8(ascii: "Z"))
    return String(decoding: out, as: UTF8.self)
  }
}

/// Proleptic Gregorian calendar arithmetic (Howard Hinnant's days-from-civil algorithms).
enum CivilDate {
  static func isLeap(_ y: Int) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }

  static func daysIn(month m: Int, year y: Int) -> Int {
    switch m {
    case 2: isLeap(y) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days since 1970-01-01.
  static func days(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The date of a day number (days since 1970-01-01).
  static func civil(days: Int) -> (Int, Int, Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }
}
