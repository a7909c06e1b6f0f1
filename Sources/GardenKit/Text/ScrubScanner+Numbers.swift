// Numbers that identify a person: payment cards and phone numbers.
//
// Logs are full of numbers (timestamps, ids, durations, ports), so both detectors are strict:
// - cards need 13–19 digits, a known issuer prefix and a valid Luhn digit; groups, when present,
//   are 4-4-4-4(-1..3) or 4-6-4/4-6-5, so a UUID or a date never qualifies;
// - phones need a leading `+` (E.164), or the punctuated North-American shapes
//   `(415) 555-0123`, `415-555-0123`, `415.555.0123`; bare digit runs are never phones unless
//   they are the value of a `phone`/`tel`/`mobile` key (see ScrubScanner+KeyValue).

extension ScrubScanner {
  // MARK: Cards

  func card(_ s: Int) -> ScrubMatch? {
    let before = at(s - 1)
    guard before != ASCIIByte.dot, before != ASCIIByte.dash else { return nil }
    // Group lengths, 5 bits each (at most 5 groups), so no allocation on this hot path.
    var groups: UInt64 = 0
    var groupCount = 0
    var digits = 0
    var separator: UInt8 = 0
    var i = s
    while true {
      let g = i
      while i < n && ASCIIByte.isDigit(p[i]) && digits + (i - g) <= 19 { i += 1 }
      digits += i - g
      groupCount += 1
      guard digits <= 19, groupCount <= 5 else { return nil }
      groups = groups << 5 | UInt64(i - g)
      let c = at(i)
      guard c == ASCIIByte.space || c == ASCIIByte.dash, separator == 0 || separator == c,
        ASCIIByte.isDigit(at(i + 1))
      else { break }
      separator = c
      i += 1
    }
    guard digits >= 13, !ASCIIByte.isWord(at(i)) else { return nil }
    if (at(i) == ASCIIByte.dot || at(i) == ASCIIByte.comma) && ASCIIByte.isDigit(at(i + 1)) {
      return nil
    }
    guard groupCount == 1 || isCardGrouping(groups, count: groupCount) else { return nil }
    guard hasIssuerPrefix(s, i), luhnValid(s, i) else { return nil }
    return ScrubMatch(start: s, end: i, kind: .card)
  }

  /// 4-4-4-4 with an optional short last group, or Amex/Diners 4-6-5 / 4-6-4.
  func isCardGrouping(_ groups: UInt64, count: Int) -> Bool {
    let amex: UInt64 = 4 << 10 | 6 << 5 | 5
    let diners: UInt64 = 4 << 10 | 6 << 5 | 4
    if count == 3 && (groups == amex || groups == diners) { return true }
    guard (1...4).contains(groups & 31) else { return false }
    for k in 1..<count where (groups >> UInt64(5 * k)) & 31 != 4 { return false }
    return true
  }

  /// Visa, Mastercard, Amex, Discover, Diners, JCB and UnionPay prefixes, read from the first
  /// four digits of `s..<end` (separators skipped).
  func hasIssuerPrefix(_ s: Int, _ end: Int) -> Bool {
    var four = 0
    var taken = 0
    for k in s..<end where ASCIIByte.isDigit(p[k]) && taken < 4 {
      four = four * 10 + Int(p[k] - 0x30)
      taken += 1
    }
    let two = four / 100
    let three = four / 10
    switch four / 1000 {
    case 4: return true
    case 5: return (51...55).contains(two)
    case 2: return (2221...2720).contains(four)
    case 3:
      return two == 34 || two == 37 || two == 36 || two == 38 || (300...305).contains(three)
        || (3528...3589).contains(four)
    case 6: return four == 6011 || two == 65 || two == 62 || (644...649).contains(three)
    default: return false
    }
  }

  /// The Luhn checksum over the digits of `s..<end`, right to left.
  func luhnValid(_ s: Int, _ end: Int) -> Bool {
    var sum = 0
    var double = false
    var k = end
    while k > s {
      k -= 1
      guard ASCIIByte.isDigit(p[k]) else { continue }
      var v = Int(p[k] - 0x30)
      if double {
        v *= 2
        if v > 9 { v -= 9 }
      }
      sum += v
      double.toggle()
    }
    return sum % 10 == 0
  }

  // MARK: Phones

  /// `+` country code and subscriber number: 8–15 digits, optionally grouped by single spaces,
  /// dashes, dots or a parenthesised area code.
  func e164Phone(_ i: Int) -> ScrubMatch? {
    let before = at(i - 1)
    guard !ASCIIByte.isWord(before), before != ASCIIByte.plus else { return nil }
    guard at(i + 1) != 0x30, ASCIIByte.isDigit(at(i + 1)) else { return nil }
    guard let end = phoneDigitsEnd(from: i + 1, minimum: 8, maximum: 15) else { return nil }
    return ScrubMatch(start: i, end: end, kind: .phone)
  }

  /// The end of a run of phone digits starting at `s`, grouped by single `[ .-]` separators or
  /// `(…)`, if it holds `minimum...maximum` digits and ends at a word boundary.
  func phoneDigitsEnd(from s: Int, minimum: Int, maximum: Int) -> Int? {
    var i = s
    var digits = 0
    var lastDigitEnd = s
    while i < n && digits <= maximum {
      let b = p[i]
      if ASCIIByte.isDigit(b) {
        digits += 1
        i += 1
        lastDigitEnd = i
      } else if (b == ASCIIByte.space || b == ASCIIByte.dash || b == ASCIIByte.dot)
        && (ASCIIByte.isDigit(at(i + 1)) || at(i + 1) == ASCIIByte.openParen) && i == lastDigitEnd
      {
        i += 1
      } else if b == ASCIIByte.openParen && ASCIIByte.isDigit(at(i + 1)) {
        i += 1
      } else if b == ASCIIByte.closeParen && i == lastDigitEnd {
        i += 1
        if at(i) == ASCIIByte.space && ASCIIByte.isDigit(at(i + 1)) { i += 1 }
      } else {
        break
      }
    }
    guard (minimum...maximum).contains(digits), !ASCIIByte.isWord(at(lastDigitEnd)) else {
      return nil
    }
    if at(lastDigitEnd) == ASCIIByte.dot && ASCIIByte.isDigit(at(lastDigitEnd + 1)) { return nil }
    return lastDigitEnd
  }

  /// `(415) 555-0123`, `415-555-0123`, `415.555.0123`, optionally after `1-`/`1 `/`1.`.
  /// Area code and exchange start with 2–9, as the numbering plan requires.
  func northAmericanPhone(_ s: Int) -> ScrubMatch? {
    let before = at(s - 1)
    guard before != ASCIIByte.dot, before != ASCIIByte.dash, before != ASCIIByte.plus else {
      return nil
    }
    var i = s
    if at(i) == 0x31
      && (at(i + 1) == ASCIIByte.dash || at(i + 1) == ASCIIByte.space || at(i + 1) == ASCIIByte.dot)
    {
      i += 2
    }
    var separator: UInt8
    if at(i) == ASCIIByte.openParen {
      guard isDigits(i + 1, 3), at(i + 1) >= 0x32, at(i + 4) == ASCIIByte.closeParen else {
        return nil
      }
      i += 5
      if at(i) == ASCIIByte.space { i += 1 }
      separator = ASCIIByte.dash
    } else {
      guard isDigits(i, 3), at(i) >= 0x32 else { return nil }
      separator = at(i + 3)
      guard separator == ASCIIByte.dash || separator == ASCIIByte.dot else { return nil }
      i += 4
    }
    guard isDigits(i, 3), at(i) >= 0x32, at(i + 3) == separator, isDigits(i + 4, 4) else {
      return nil
    }
    let end = i + 8
    let after = at(end)
    guard !ASCIIByte.isWord(after) else { return nil }
    if (after == ASCIIByte.dash || after == ASCIIByte.dot) && ASCIIByte.isDigit(at(end + 1)) {
      return nil
    }
    return ScrubMatch(start: s, end: end, kind: .phone)
  }

  func isDigits(_ s: Int, _ count: Int) -> Bool {
    for k in s..<(s + count) where !ASCIIByte.isDigit(at(k)) { return false }
    return true
  }
}
