// PEM private-key blocks: `-----BEGIN … PRIVATE KEY-----` through the matching END line, across
// real newlines or JSON-escaped `\n` (service-account key files logged as JSON). A block cut off
// by truncation (no END line) is replaced up to the end of its base64 body. Public keys and
// certificates are not secret and are left alone.

extension ScrubScanner {
  func privateKey(_ s: Int) -> ScrubMatch? {
    guard at(s - 1) != ASCIIByte.dash, hasPrefix(s, "-----BEGIN ") else { return nil }
    guard let labelEnd = pemLabelEnd(from: s + 11), isPrivateLabel(s + 11, labelEnd) else {
      return nil
    }
    var i = labelEnd + 5
    while i < n {
      if p[i] == ASCIIByte.dash && hasPrefix(i, "-----END") {
        if let end = pemLabelEnd(from: i + 8) {
          return ScrubMatch(start: s, end: end + 5, kind: .privateKey)
        }
        break
      }
      guard isPEMBodyByte(p[i]) else { break }
      i += 1
    }
    // Dangling BEGIN: stop before trailing blanks so the text around keeps its shape.
    while i > labelEnd + 5 && ASCIIByte.isSpace(p[i - 1]) { i -= 1 }
    return ScrubMatch(start: s, end: i, kind: .privateKey)
  }

  /// Index of the `-----` that closes a PEM label starting at `s`, if the label is plausible.
  func pemLabelEnd(from s: Int) -> Int? {
    var i = s
    while i < n && i - s <= 100 {
      let b = p[i]
      if b == ASCIIByte.dash && hasPrefix(i, "-----") { return i }
      guard
        ASCIIByte.isUpper(b) || ASCIIByte.isDigit(b) || b == ASCIIByte.space || b == ASCIIByte.dash
          || b == ASCIIByte.underscore
      else { return nil }
      i += 1
    }
    return nil
  }

  /// `… PRIVATE KEY` or `… PRIVATE KEY BLOCK` (PGP).
  func isPrivateLabel(_ s: Int, _ end: Int) -> Bool {
    var e = end
    if e - s >= 6 && hasPrefix(e - 6, " BLOCK") { e -= 6 }
    return e - s >= 11 && hasPrefix(e - 11, "PRIVATE KEY")
  }

  /// Base64 body plus what encrypted-PEM headers (`Proc-Type: 4,ENCRYPTED`) and escaping add.
  func isPEMBodyByte(_ b: UInt8) -> Bool {
    ASCIIByte.isAlnum(b) || ASCIIByte.isSpace(b) || b == ASCIIByte.plus || b == ASCIIByte.slash
      || b == ASCIIByte.equals || b == ASCIIByte.colon || b == ASCIIByte.comma
      || b == ASCIIByte.dash
      || b == ASCIIByte.backslash || b == ASCIIByte.dot
  }
}
