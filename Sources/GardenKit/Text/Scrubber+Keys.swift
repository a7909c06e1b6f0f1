// Values of structured fields (labels, JSON members) whose key names a secret: in text the
// scanner sees `password=hunter2` and hides the value; a label `{"password": "hunter2"}` has the
// same meaning without the `=`, so the key decides here, with the same rules for what a secret
// key is and which values are only placeholders.

extension Scrubber {
  /// `value` scrubbed as the value of `key`: when `key` names a password, secret, token or
  /// credential (`password`, `db_pass`, `apiKey`, `X-Auth-Token`…), the whole value becomes that
  /// kind's placeholder unless it is already a placeholder (`<password>`, `${DB_PASS}`, `****`);
  /// otherwise the value is scrubbed like any text.
  public func scrub(_ value: String, key: String) -> String {
    guard let kind = secretKind(key: key, value: value) else { return scrub(value) }
    return kind.placeholder
  }

  /// The placeholder kind that hides `value` entirely because of `key`, or nil.
  public func secretKind(key: String, value: String) -> ScrubKind? {
    var k = key
    let keyKind: ScrubScanner.KeyClass? = k.withUTF8 { kb in
      var start = kb.count
      // Only the key's trailing run of key bytes counts, as after `=` in text.
      while start > 0, start > kb.count - 64, Self.isKeyByte(kb[start - 1]) { start -= 1 }
      guard start < kb.count else { return nil }
      let scanner = ScrubScanner(kb, kindMask: kindMask, keepsLocalAddresses: true)
      return scanner.keyClass(start, kb.count, query: false)
    }
    let kind: ScrubKind
    switch keyKind {
    case .password?: kind = .password
    case .secret?: kind = .secret
    case .awsSecret?: kind = .awsSecretKey
    case .token?, .authorization?: kind = .token
    case .cookie?: kind = .cookie
    default: return nil
    }
    guard kindMask & kind.bit != 0 else { return nil }
    // The same shortest lengths as in text: a 3-letter "secret" or a 6-letter "token" is a word.
    let length = value.utf8.count
    if kind == .secret || kind == .awsSecretKey, length < 4 { return nil }
    if kind == .token, length < 8 { return nil }
    var v = value
    let placeholder = v.withUTF8 { vb -> Bool in
      let scanner = ScrubScanner(vb, kindMask: kindMask, keepsLocalAddresses: true)
      return scanner.isPlaceholder(0, vb.count)
    }
    return placeholder ? nil : kind
  }

  static func isKeyByte(_ b: UInt8) -> Bool {
    ASCIIByte.isAlnum(b) || b == ASCIIByte.underscore || b == ASCIIByte.dash
      || b == ASCIIByte.dot
  }
}
