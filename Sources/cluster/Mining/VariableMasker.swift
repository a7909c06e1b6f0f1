/// Turns one message into its masked key: tokens split on whitespace, variable parts replaced.
///
/// Works on UTF-8 bytes without regular expressions. Inside a token, pieces between delimiters
/// (`=`, `,`, `(`, `[`, quotes...) are judged one by one, so `uid=42` keeps `uid=` and masks `42`.
/// A few rules look at neighbouring tokens: month and weekday names next to numbers are date parts,
/// a unit after a number belongs to it (`2717 bytes (2.65 KB)` is one value), and a quoted value may
/// span spaces.
public struct VariableMasker: Sendable {
  /// The configuration whose limits the masker applies.
  public let config: MinerConfig

  /// Creates a masker.
  public init(config: MinerConfig = .default) { self.config = config }

  /// The masked tokens of `message`, every variable shown as `<*>`. Used for messages that are not
  /// mined (for example exception messages) so they are masked the same way.
  public func maskedTokens(_ message: String) -> [String] {
    var buffer = MaskBuffer()
    var text = message
    text.withUTF8 { mask($0, into: &buffer) }
    return MaskedKeyText.tokens(buffer.key, soft: "<*>")
  }

  /// Masks `p` into `out` (which is reset first).
  func mask(_ p: UnsafeBufferPointer<UInt8>, into out: inout MaskBuffer) {
    out.reset()
    let n = min(p.count, config.maxMessageBytes)
    var truncated = p.count > n
    var i = 0
    var needsPostPass = false
    while true {
      while i < n && ByteClass.isSpace(p[i]) { i += 1 }
      if i >= n { break }
      if out.tokenStarts.count >= config.maxTokens {
        truncated = true
        break
      }
      if !out.key.isEmpty { out.key.append(0x20) }
      let keyStart = out.key.count
      let tokenStart = i
      i = emitToken(p, i, n, &out)
      var flags: UInt8 = 0
      let keyEnd = out.key.count
      if keyEnd == keyStart + 1 && out.key[keyStart] == ByteClass.hardMarker {
        flags |= TokenFlags.wholeHard
      } else if keyEnd == keyStart + 2 && out.key[keyStart] == UInt8(ascii: "(")
        && out.key[keyStart + 1] == ByteClass.hardMarker
      {
        flags |= TokenFlags.openParenHard
      } else if i - tokenStart <= 12 && keyEnd - keyStart == i - tokenStart {
        // Literal token (no marker): may be a date part or a unit.
        if ByteClass.isUpper(p[tokenStart]) && i - tokenStart >= 3 && i - tokenStart <= 10
          && WordLists.contains(WordLists.dateNames, p, tokenStart, i)
        {
          flags |= TokenFlags.dateName
          needsPostPass = true
        }
        if let last = out.tokenFlags.last,
          last & TokenFlags.wholeHard != 0 || last & TokenFlags.openParenHard != 0,
          WordLists.contains(WordLists.units, p, tokenStart, i)
        {
          flags |= TokenFlags.unit
          needsPostPass = true
        }
      }
      out.tokenStarts.append(keyStart)
      out.tokenEnds.append(keyEnd)
      out.tokenFlags.append(flags)
    }
    if truncated {
      if !out.key.isEmpty { out.key.append(0x20) }
      out.tokenStarts.append(out.key.count)
      out.key.append(ByteClass.hardMarker)
      out.tokenEnds.append(out.key.count)
      out.tokenFlags.append(TokenFlags.wholeHard)
    }
    if needsPostPass { joinDatesAndUnits(&out) }
  }

  /// Emits one whitespace token (a quoted value may carry it past spaces); returns where it ended.
  private func emitToken(
    _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ n: Int, _ out: inout MaskBuffer
  ) -> Int {
    var j = start
    var pieceStart = start
    var plain = true  // the current piece holds only letters, `_` and `-`
    while j < n {
      let c = p[j]
      if ByteClass.isSpace(c) { break }
      if ByteClass.isLetter(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") {
        j += 1
        continue
      }
      if c == UInt8(ascii: ":") && j > pieceStart, let end = urlEnd(p, pieceStart, j, n) {
        // A URL keeps its `?a=b&c=d` inside the one value.
        out.key.append(ByteClass.hardMarker)
        j = end
        pieceStart = j
        continue
      }
      if !ByteClass.isPieceDelimiter(c) {
        plain = false
        j += 1
        continue
      }
      emitPiece(p, pieceStart, j, plain: plain, &out)
      plain = true
      if j + 1 < n && p[j + 1] == ByteClass.closer(of: c),
        j == start || p[j - 1] == UInt8(ascii: "=") || p[j - 1] == UInt8(ascii: ":")
      {
        // `()` or `[]` where a value belongs: a value of zero length (`from 10.0.0.1 () at`).
        // After a name, `f()` is a call and stays literal.
        out.key.append(c)
        out.key.append(ByteClass.softMarker)
        out.softRanges.append(j + 1)
        out.softRanges.append(j + 1)
        out.key.append(p[j + 1])
        j += 2
        pieceStart = j
        continue
      }
      if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'"),
        j == start || ByteClass.isPieceDelimiter(p[j - 1]) || p[j - 1] == UInt8(ascii: ":"),
        let close = closingQuote(p, j, n)
      {
        out.key.append(c)
        out.key.append(ByteClass.softMarker)
        out.softRanges.append(j + 1)
        out.softRanges.append(close)
        out.key.append(c)
        j = close + 1
      } else {
        out.key.append(c)
        j += 1
      }
      pieceStart = j
    }
    emitPiece(p, pieceStart, j, plain: plain, &out)
    return j
  }

  /// If the piece starting at `s` is a URL scheme whose `:` is at `colon` (`https://...`), where
  /// the URL ends: before the next space, not counting trailing punctuation.
  private func urlEnd(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ colon: Int, _ n: Int) -> Int? {
    guard colon + 2 < n, p[colon + 1] == UInt8(ascii: "/"), p[colon + 2] == UInt8(ascii: "/"),
      colon - s <= 16, ByteClass.isLetter(p[s])
    else { return nil }
    for i in s..<colon {
      let c = p[i]
      if !(ByteClass.isAlnum(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-")
        || c == UInt8(ascii: "."))
      {
        return nil
      }
    }
    var e = colon + 3
    while e < n && !ByteClass.isSpace(p[e]) { e += 1 }
    while e > colon + 3 && (WordLists.isTrailer(p[e - 1]) || p[e - 1] == UInt8(ascii: "\"")) {
      e -= 1
    }
    return e
  }

  /// The index of the quote that closes the one at `open`, if it is near enough and is followed by
  /// a delimiter, space or the end.
  private func closingQuote(_ p: UnsafeBufferPointer<UInt8>, _ open: Int, _ n: Int) -> Int? {
    let q = p[open]
    let limit = min(n, open + 2 + config.maxQuotedBytes)
    var k = open + 1
    while k < limit {
      if p[k] == q && (k + 1 == n || ByteClass.endsQuote(p[k + 1])) { return k }
      k += 1
    }
    return nil
  }

  /// Emits one piece `s..<e` (no piece delimiters inside), masked or literal.
  private func emitPiece(
    _ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, plain: Bool, _ out: inout MaskBuffer
  ) {
    if s >= e { return }
    if plain && (e - s > 5 || !PieceClassifier.isBooleanOrNull(p, s, e)) {
      // Fast path: a word of letters is literal unless it is a boolean or null.
      out.key.append(contentsOf: UnsafeBufferPointer(rebasing: p[s..<e]))
      return
    }
    var ce = e
    while ce > s && ByteClass.isTrailingPunct(p[ce - 1]) { ce -= 1 }
    if ce == s {
      out.key.append(contentsOf: p[s..<e])
      return
    }
    if PieceClassifier.isHard(p, s, ce) {
      out.key.append(ByteClass.hardMarker)
      // `10.0.0.1:50010:Got`: a word glued after the value with a colon stays literal.
      // The same after a scrubbed placeholder (`<ipv4>:50010:Got`).
      if ByteClass.isDigit(p[s]) || p[s] == UInt8(ascii: "<"),
        let colon = trailingWordColon(p, s, ce)
      {
        out.key.append(contentsOf: p[colon..<ce])
      }
    } else if hasSubDelimiter(p, s, ce) {
      emitSubPieces(p, s, ce, &out)
    } else if PieceClassifier.isSoft(p, s, ce) {
      out.key.append(ByteClass.softMarker)
      out.softRanges.append(s)
      out.softRanges.append(ce)
    } else {
      out.key.append(contentsOf: p[s..<ce])
    }
    if ce < e { out.key.append(contentsOf: p[ce..<e]) }
  }

  /// The index of a `:` that is followed by a word of letters up to `e`, if any.
  private func trailingWordColon(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int? {
    var i = e - 1
    while i > s && ByteClass.isLetter(p[i]) { i -= 1 }
    return i > s && i < e - 2 && p[i] == UInt8(ascii: ":") ? i : nil
  }

  @inline(__always) private func hasSubDelimiter(
    _ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int
  ) -> Bool {
    for i in s..<e where ByteClass.isSubDelimiter(p[i]) { return true }
    return false
  }

  /// Splits a piece on `:`, `@`, `#` and masks each part; neighbouring masked parts become one value
  /// (`host.example.com:8080` is one address, `uid:42` keeps `uid:`).
  private func emitSubPieces(
    _ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ out: inout MaskBuffer
  ) {
    var partStart = s
    var lastVarKeyIndex = -1  // key index of the marker emitted for the previous part, if masked
    var i = s
    while i <= e {
      if i < e && !ByteClass.isSubDelimiter(p[i]) {
        i += 1
        continue
      }
      let kind: PieceClassifier.Kind
      if partStart == i {
        kind = .literal
      } else if PieceClassifier.isHard(p, partStart, i) {
        kind = .hard
      } else if PieceClassifier.isSoft(p, partStart, i) {
        kind = .soft
      } else {
        kind = .literal
      }
      if kind != .literal && lastVarKeyIndex >= 0 && lastVarKeyIndex == out.key.count - 2 {
        // Join with the previous masked part across the one delimiter between them.
        out.key.removeLast()
        if kind == .hard || out.key[lastVarKeyIndex] == ByteClass.hardMarker {
          if out.key[lastVarKeyIndex] == ByteClass.softMarker { out.softRanges.removeLast(2) }
          out.key[lastVarKeyIndex] = ByteClass.hardMarker
        } else {
          out.softRanges[out.softRanges.count - 1] = i
        }
      } else if kind == .literal {
        out.key.append(contentsOf: p[partStart..<i])
        lastVarKeyIndex = -1
      } else {
        lastVarKeyIndex = out.key.count
        out.key.append(kind == .hard ? ByteClass.hardMarker : ByteClass.softMarker)
        if kind == .soft {
          out.softRanges.append(partStart)
          out.softRanges.append(i)
        }
      }
      if i < e { out.key.append(p[i]) }
      i += 1
      partStart = i
    }
  }

  /// Token-level rules: month/weekday names next to numbers join the date; a unit (and a
  /// parenthesised second unit) after a number joins the number.
  private func joinDatesAndUnits(_ out: inout MaskBuffer) {
    let count = out.tokenFlags.count
    var flags = out.tokenFlags
    // Date names next to a number, or next to another date name that is, become hard.
    for _ in 0..<2 {
      for t in 0..<count
      where flags[t] & TokenFlags.dateName != 0 && flags[t] & TokenFlags.wholeHard == 0 {
        let prevHard = t > 0 && flags[t - 1] & TokenFlags.wholeHard != 0
        let nextHard = t + 1 < count && flags[t + 1] & TokenFlags.wholeHard != 0
        let nextDate = t + 1 < count && flags[t + 1] & TokenFlags.dateName != 0
        let prevDate = t > 0 && flags[t - 1] & TokenFlags.dateName != 0
        if prevHard || nextHard
          || (nextDate && t + 2 < count && flags[t + 2] & TokenFlags.wholeHard != 0)
          || (prevDate && flags[t - 1] & TokenFlags.wholeHard != 0)
        {
          flags[t] |= TokenFlags.wholeHard
        }
      }
    }
    out.scratch.removeAll(keepingCapacity: true)
    var t = 0
    while t < count {
      let s = out.tokenStarts[t]
      let e = out.tokenEnds[t]
      if !out.scratch.isEmpty { out.scratch.append(0x20) }
      if flags[t] & TokenFlags.dateName != 0 && flags[t] & TokenFlags.wholeHard != 0 {
        // A date written in words is one value: `Mon Jun 20 03:40:59 2005`.
        if out.scratch.count >= 2 && out.scratch[out.scratch.count - 2] == ByteClass.hardMarker
          && (out.scratch.count == 2 || out.scratch[out.scratch.count - 3] == 0x20)
        {
          out.scratch.removeLast(2)
        }
        out.scratch.append(ByteClass.hardMarker)
        var end = t + 1
        while end < count && flags[end] & TokenFlags.wholeHard != 0 { end += 1 }
        appendTrailer(out.key, out.tokenStarts[end - 1], out.tokenEnds[end - 1], &out.scratch)
        t = end
        continue
      }
      out.scratch.append(contentsOf: out.key[s..<e])
      t += 1
      guard flags[t - 1] & TokenFlags.wholeHard != 0 else { continue }
      // `N unit` and `N unit (M unit)` become one value.
      if t < count && flags[t] & TokenFlags.unit != 0 {
        let us = out.tokenStarts[t]
        let ue = out.tokenEnds[t]
        let closesParen = trailerHasParen(out.key, us, ue)
        if !closesParen {
          appendTrailer(out.key, us, ue, &out.scratch)
          t += 1
        }
      }
      if t + 1 < count && flags[t] & TokenFlags.openParenHard != 0
        && flags[t + 1] & TokenFlags.unit != 0
        && trailerHasParen(out.key, out.tokenStarts[t + 1], out.tokenEnds[t + 1])
      {
        var trailer: [UInt8] = []
        appendTrailer(out.key, out.tokenStarts[t + 1], out.tokenEnds[t + 1], &trailer)
        if let close = trailer.firstIndex(of: UInt8(ascii: ")")) {
          out.scratch.append(contentsOf: trailer[(close + 1)...])
        }
        t += 2
      }
    }
    swap(&out.key, &out.scratch)
  }

  /// Appends the trailing punctuation of the literal token `key[s..<e]`.
  private func appendTrailer(_ key: [UInt8], _ s: Int, _ e: Int, _ into: inout [UInt8]) {
    var ts = e
    while ts > s && WordLists.isTrailer(key[ts - 1]) { ts -= 1 }
    if ts < e { into.append(contentsOf: key[ts..<e]) }
  }

  private func trailerHasParen(_ key: [UInt8], _ s: Int, _ e: Int) -> Bool {
    var ts = e
    while ts > s && WordLists.isTrailer(key[ts - 1]) {
      if key[ts - 1] == UInt8(ascii: ")") { return true }
      ts -= 1
    }
    return false
  }
}
