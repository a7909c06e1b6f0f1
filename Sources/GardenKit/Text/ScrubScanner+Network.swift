// Addresses: IPv4, IPv6, email, and the user-info of URLs (`scheme://user:password@host`).
//
// Choices, to keep evidence readable:
// - A port after an address stays (`<ipv4>:5432`); brackets around IPv6 stay.
// - Four-part version numbers are not addresses when they follow `version`/`ver`/`v` or a
//   `Product/` prefix (user agents); three-part versions (`1.2.3`) never match.
// - IPv6 needs `::` or all eight groups and at least one decimal digit, so `12:00:00`, MAC
//   addresses, `std::vector` and hex ids are not addresses.
// - In a URL the user name stays and only the password is replaced:
//   `postgres://app:<password>@db:5432`. A user-only user-info (`ssh://git@host`) stays.

extension ScrubScanner {
  // MARK: IPv4

  func ipv4(_ s: Int) -> ScrubMatch? {
    let before = at(s - 1)
    guard before != ASCIIByte.dot, before != ASCIIByte.dash else { return nil }
    guard let end = ipv4End(s) else { return nil }
    let after = at(end)
    if ASCIIByte.isWord(after) || after == ASCIIByte.dash { return nil }
    if after == ASCIIByte.dot && ASCIIByte.isDigit(at(end + 1)) { return nil }  // 1.2.3.4.5
    if looksLikeVersion(before: s) { return nil }
    if keepsLocalAddresses && (hasPrefix(s, "127.") || isZeroAddress(s, end)) { return nil }
    return ScrubMatch(start: s, end: end, kind: .ipv4)
  }

  /// The end of a dotted quad of 0–255 octets starting at `s`, or nil.
  func ipv4End(_ s: Int) -> Int? {
    var i = s
    for part in 0..<4 {
      var value = 0
      let start = i
      while i < n && ASCIIByte.isDigit(p[i]) && i - start < 4 {
        value = value * 10 + Int(p[i] - 0x30)
        i += 1
      }
      guard i > start, i - start <= 3, value <= 255 else { return nil }
      if part < 3 {
        guard at(i) == ASCIIByte.dot else { return nil }
        i += 1
      }
    }
    return i
  }

  func isZeroAddress(_ s: Int, _ end: Int) -> Bool {
    for k in s..<end where p[k] != 0x30 && p[k] != ASCIIByte.dot { return false }
    return true
  }

  /// True after `version `, `ver=`, `v:` or a `Product/` prefix.
  func looksLikeVersion(before s: Int) -> Bool {
    if at(s - 1) == ASCIIByte.slash { return ASCIIByte.isAlnum(at(s - 2)) }
    var e = s
    while e > lastEnd && s - e < 3
      && (ASCIIByte.isBlank(at(e - 1)) || at(e - 1) == ASCIIByte.equals
        || at(e - 1) == ASCIIByte.colon)
    {
      e -= 1
    }
    guard e < s else { return false }
    var b = e
    while b > lastEnd && e - b < 8 && ASCIIByte.isAlpha(at(b - 1)) { b -= 1 }
    if ASCIIByte.isAlpha(at(b - 1)) { return false }
    return equalsIgnoringCase(b, e, "version") || equalsIgnoringCase(b, e, "ver")
      || equalsIgnoringCase(b, e, "v")
  }

  // MARK: IPv6

  /// An IPv6 address starting at `s` (a hex digit, or the `::` that opens a compressed form).
  func ipv6(_ s: Int) -> ScrubMatch? {
    var i = s
    var groups = 0
    var compressed = false
    var sawDigit = false
    if at(i) == ASCIIByte.colon {
      guard at(i + 1) == ASCIIByte.colon else { return nil }
      compressed = true
      i += 2
    }
    while groups < 9 {
      let g = i
      while i < n && ASCIIByte.isHex(p[i]) && i - g < 5 {
        sawDigit = sawDigit || ASCIIByte.isDigit(p[i])
        i += 1
      }
      let len = i - g
      if len == 0 { break }
      if len > 4 { return nil }
      if at(i) == ASCIIByte.dot {
        // Embedded IPv4 tail (`::ffff:10.0.0.1`) counts as two groups and ends the address.
        guard compressed || groups == 6, let end = ipv4End(g) else { return nil }
        groups += 2
        i = end
        sawDigit = true
        break
      }
      groups += 1
      guard at(i) == ASCIIByte.colon else { break }
      if at(i + 1) == ASCIIByte.colon {
        if compressed { return nil }
        compressed = true
        i += 2
      } else if ASCIIByte.isHex(at(i + 1)) {
        i += 1
      } else {
        break  // a trailing `:` (`addr: …`) is punctuation
      }
    }
    guard compressed ? groups <= 7 : groups == 8, sawDigit || groups == 0 else { return nil }
    // Zone index: fe80::1%eth0
    if at(i) == ASCIIByte.percent && ASCIIByte.isAlnum(at(i + 1)) {
      i = run(from: i + 1, ASCIIByte.isAlnum)
    }
    let after = at(i)
    guard !ASCIIByte.isWord(after), after != ASCIIByte.colon || !ASCIIByte.isHex(at(i + 1)) else {
      return nil
    }
    if after == ASCIIByte.dot && ASCIIByte.isDigit(at(i + 1)) { return nil }
    if groups == 0 { return nil }  // `::` alone
    if keepsLocalAddresses && (equalsIgnoringCase(s, i, "::1") || equalsIgnoringCase(s, i, "::")) {
      return nil
    }
    return ScrubMatch(start: s, end: i, kind: .ipv6)
  }

  // MARK: @ — URL user-info and email

  /// Handles an `@` (or `%40`, `width` 3) at `i`.
  func atSign(_ i: Int, width: Int) -> ScrubMatch? {
    if width == 1, let userInfo = urlUserInfoStart(endingAt: i) {
      return urlPassword(userInfo, i)
    }
    return enabled(email(at: i, width: width))
  }

  /// The start of a URL user-info ending at the `@` at `i` (the byte after `//`), if it is one.
  func urlUserInfoStart(endingAt i: Int) -> Int? {
    var s = i
    while s > lastEnd && i - s < 256 {
      let b = p[s - 1]
      if b == ASCIIByte.slash || b == ASCIIByte.at || ASCIIByte.isSpace(b) || b == ASCIIByte.quote
        || b == ASCIIByte.apostrophe || b == ASCIIByte.less || b == ASCIIByte.greater
      {
        break
      }
      s -= 1
    }
    return s < i && at(s - 1) == ASCIIByte.slash && at(s - 2) == ASCIIByte.slash ? s : nil
  }

  /// The password part of the user-info `s..<i`; nil when there is none or it is a placeholder.
  func urlPassword(_ s: Int, _ i: Int) -> ScrubMatch? {
    var colon = s
    while colon < i && p[colon] != ASCIIByte.colon { colon += 1 }
    guard colon < i - 1, !isPlaceholder(colon + 1, i) else { return nil }
    return enabled(
      specificValue(colon + 1) ?? ScrubMatch(start: colon + 1, end: i, kind: .password))
  }

  /// `local@domain.tld` around the `@` at `i`.
  func email(at i: Int, width: Int) -> ScrubMatch? {
    var s = i
    while s > lastEnd && i - s < 64 && isLocalPartByte(p[s - 1]) { s -= 1 }
    while s < i && p[s] == ASCIIByte.dot { s += 1 }
    guard s < i else { return nil }
    // Domain: labels of [A-Za-z0-9-] joined by dots, ending in a 2+ letter top-level label.
    let d = i + width
    var k = d
    var lastLabel = d
    var dots = 0
    while k < n && k - d < 255 {
      let b = p[k]
      if ASCIIByte.isAlnum(b) || b == ASCIIByte.dash {
        k += 1
      } else if b == ASCIIByte.dot && ASCIIByte.isAlnum(at(k + 1)) && k > lastLabel {
        dots += 1
        k += 1
        lastLabel = k
      } else {
        break
      }
    }
    guard dots >= 1, k - lastLabel >= 2, !ASCIIByte.isWord(at(k)) else { return nil }
    for t in lastLabel..<k where !ASCIIByte.isAlpha(p[t]) { return nil }
    return ScrubMatch(start: s, end: k, kind: .email)
  }

  func isLocalPartByte(_ b: UInt8) -> Bool {
    ASCIIByte.isAlnum(b) || b == ASCIIByte.dot || b == ASCIIByte.underscore || b == ASCIIByte.dash
      || b == ASCIIByte.plus
  }
}
