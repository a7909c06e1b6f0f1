// The single left-to-right pass over UTF-8 bytes that finds everything the scrubber replaces.
// Detectors live in the ScrubScanner+*.swift extensions; this file holds the loop that decides
// where each one may start, and the bookkeeping of matches.
//
// Cost model: most bytes cost one class test. Word-start detectors run once per word, on its
// first byte, and read a bounded number of bytes unless they match (a match is consumed, so no
// byte is read by them twice). Look-behind detectors (`@`, `=`, `:`) read back at most a few
// dozen bytes and never before the end of the previous match. The pass is linear in the input.

/// A byte range `start..<end` of the input to replace with `kind.placeholder`.
struct ScrubMatch: Equatable {
  var start: Int
  var end: Int
  var kind: ScrubKind
}

/// Finds sensitive data in a UTF-8 buffer. Matches never overlap and come out in order.
///
/// Holds only trivial fields (no reference-counted storage), so passing `self` to the many small
/// detector methods costs nothing; the list of matches lives in `run()`.
struct ScrubScanner {
  let p: UnsafeBufferPointer<UInt8>
  let n: Int
  /// Bit `k` set when `ScrubKind.ordered[k]` is enabled.
  let kindMask: UInt64
  let keepsLocalAddresses: Bool
  /// End of the last recorded match: look-behind scans stop here.
  var lastEnd = 0

  init(_ bytes: UnsafeBufferPointer<UInt8>, kindMask: UInt64, keepsLocalAddresses: Bool) {
    p = bytes
    n = bytes.count
    self.kindMask = kindMask
    self.keepsLocalAddresses = keepsLocalAddresses
  }

  /// The byte at `i`, or 0 outside the buffer, so detectors can peek without bounds checks.
  @inline(__always) func at(_ i: Int) -> UInt8 { i >= 0 && i < n ? p[i] : 0 }

  /// The match if its kind is enabled and it is non-empty.
  func enabled(_ m: ScrubMatch?) -> ScrubMatch? {
    guard let m, m.end > m.start, kindMask & m.kind.bit != 0 else { return nil }
    return m
  }

  /// Scans the whole buffer and returns the matches in order.
  mutating func run() -> [ScrubMatch] {
    var matches: [ScrubMatch] = []
    let p = self.p
    let n = self.n
    var i = 0
    while i < n {
      let b = p[i]
      if ASCIIByte.isWord(b) {
        if b < 0x80, let m = wordStart(i) ?? escapedWordStart(i) {
          record(m, into: &matches)
          i = m.end
          continue
        }
        i += 1
        while i < n && ASCIIByte.isWord(p[i]) { i += 1 }
        continue
      }
      if b != ASCIIByte.space, let m = punctuation(i) {
        record(m, into: &matches)
        i = m.end
        continue
      }
      i += 1
    }
    return matches
  }

  mutating func record(_ m: ScrubMatch, into matches: inout [ScrubMatch]) {
    // Detectors only look behind as far as lastEnd, so this holds; keep it cheap and certain.
    guard m.start >= lastEnd, m.end <= n else { return }
    matches.append(m)
    lastEnd = m.end
  }

  /// Detectors that start at the first byte of a word. Cheap shape tests come first so that
  /// ordinary words and numbers cost a few comparisons.
  func wordStart(_ s: Int) -> ScrubMatch? {
    let b = p[s]
    if ASCIIByte.isDigit(b) { return numberStart(s) }
    guard ASCIIByte.startsPrefixOrHex(b) else { return nil }
    if let m = enabled(prefixedToken(s)) { return m }
    return ASCIIByte.isHex(b) && hexRunThenColon(s) ? enabled(ipv6(s)) : nil
  }

  /// Detectors for a word starting with a digit, chosen by the shape of its first digit run.
  func numberStart(_ s: Int) -> ScrubMatch? {
    var e = s + 1
    while e < n && ASCIIByte.isDigit(p[e]) && e - s < 13 { e += 1 }
    let length = e - s
    let next = at(e)
    if next == ASCIIByte.dot {
      guard length <= 3 else { return nil }
      return enabled(ipv4(s)) ?? (length == 3 ? enabled(northAmericanPhone(s)) : nil)
    }
    if next == ASCIIByte.slash {
      return length == 1 ? enabled(googleRefreshToken(s)) : nil
    }
    if length <= 4 && hexRunThenColon(s), let m = enabled(ipv6(s)) { return m }
    if length >= 13 || (length == 4 && (next == ASCIIByte.space || next == ASCIIByte.dash)) {
      if let m = enabled(card(s)) { return m }
    }
    if (length == 3 && next == ASCIIByte.dash) || (length == 1 && p[s] == 0x31) {
      return enabled(northAmericanPhone(s))
    }
    return nil
  }

  /// True when at most four hex digits from `s` are followed by `:` (an IPv6 group).
  @inline(__always) func hexRunThenColon(_ s: Int) -> Bool {
    var k = s
    while k - s < 5 && ASCIIByte.isHex(at(k)) { k += 1 }
    return k - s < 5 && at(k) == ASCIIByte.colon
  }

  /// A token right after a literal `\n`, `\t` or `\r` escape (JSON text logged verbatim).
  func escapedWordStart(_ s: Int) -> ScrubMatch? {
    let b = p[s]
    guard at(s - 1) == ASCIIByte.backslash, b == 0x6E || b == 0x74 || b == 0x72,
      s + 1 < n, ASCIIByte.isAlnum(p[s + 1])
    else { return nil }
    return wordStart(s + 1)
  }

  /// Detectors triggered by a punctuation byte.
  func punctuation(_ i: Int) -> ScrubMatch? {
    switch p[i] {
    case ASCIIByte.at:
      return atSign(i, width: 1)
    case ASCIIByte.percent:
      // `%40` is an encoded `@`; `%3D`, `%22`, `%20`… may hide a token right after them.
      guard ASCIIByte.isHex(at(i + 1)), ASCIIByte.isHex(at(i + 2)) else { return nil }
      if at(i + 1) == 0x34 && at(i + 2) == 0x30 { return atSign(i, width: 3) }
      guard i + 3 < n, ASCIIByte.isAlnum(p[i + 3]) else { return nil }
      return wordStart(i + 3)
    case ASCIIByte.colon:
      if at(i + 1) == ASCIIByte.colon {
        return ASCIIByte.isWord(at(i - 1)) || at(i - 1) == ASCIIByte.colon ? nil : enabled(ipv6(i))
      }
      return keyValue(separator: i)
    case ASCIIByte.equals:
      return keyValue(separator: i)
    case ASCIIByte.plus:
      return enabled(e164Phone(i))
    case ASCIIByte.openParen:
      return enabled(northAmericanPhone(i))
    case ASCIIByte.dash:
      return enabled(privateKey(i)) ?? enabled(passwordOption(i))
    default:
      return nil
    }
  }

  // MARK: Small scanning helpers shared by the detectors.

  /// The end of the run of bytes satisfying `pred`, starting at `s`.
  @inline(__always) func run(from s: Int, _ pred: (UInt8) -> Bool) -> Int {
    var i = s
    while i < n && pred(p[i]) { i += 1 }
    return i
  }

  /// True when the bytes at `s` equal `literal` exactly.
  func hasPrefix(_ s: Int, _ literal: StaticString) -> Bool {
    let len = literal.utf8CodeUnitCount
    guard s >= 0, s + len <= n else { return false }
    let lit = literal.utf8Start
    for k in 0..<len where p[s + k] != lit[k] { return false }
    return true
  }

  /// True when the bytes at `s` equal `literal` (lowercase) ignoring ASCII case.
  func hasPrefixIgnoringCase(_ s: Int, _ literal: StaticString) -> Bool {
    let len = literal.utf8CodeUnitCount
    guard s >= 0, s + len <= n else { return false }
    let lit = literal.utf8Start
    for k in 0..<len where ASCIIByte.lower(p[s + k]) != lit[k] { return false }
    return true
  }

  /// True when `start..<end` equals `literal` (lowercase) ignoring ASCII case.
  func equalsIgnoringCase(_ start: Int, _ end: Int, _ literal: StaticString) -> Bool {
    end - start == literal.utf8CodeUnitCount && hasPrefixIgnoringCase(start, literal)
  }
}
