// Credentials recognised by a vendor prefix or a fixed structure (GitHub, AWS, Google, Slack,
// Stripe, JWT, Bearer…). Each detector starts at the first byte of a word and returns nil fast
// when the prefix does not match. Minimum lengths are below the real formats' lengths on purpose:
// a truncated token in a log line is still a token.

extension ScrubScanner {
  /// Dispatches on the first letter to the detectors whose prefix starts with it.
  func prefixedToken(_ s: Int) -> ScrubMatch? {
    switch p[s] {
    case 0x67: return gitHubOrGitLab(s)  // g
    case 0x41: return awsOrGoogleKey(s)  // A
    case 0x79:  // y: ya29.
      guard hasPrefix(s, "ya29.") else { return nil }
      return atLeast(s, trimDots(run(from: s + 5, isOAuthByte)), s + 5, 20, .googleOAuthToken)
    case 0x47:  // G: GOCSPX-
      guard hasPrefix(s, "GOCSPX-") else { return nil }
      return atLeast(s, run(from: s + 7, ASCIIByte.isToken), s + 7, 20, .googleClientSecret)
    case 0x78: return slack(s)  // x
    case 0x68: return slackWebhookOrVault(s)  // h
    case 0x73, 0x72, 0x77: return stripeOrAIKey(s)  // s r w
    case 0x53:  // S: SendGrid SG.<id>.<secret>
      guard hasPrefix(s, "SG.") else { return nil }
      let idEnd = run(from: s + 3, ASCIIByte.isToken)
      guard idEnd - (s + 3) >= 16, at(idEnd) == ASCIIByte.dot else { return nil }
      return atLeast(s, run(from: idEnd + 1, ASCIIByte.isToken), idEnd + 1, 16, .sendgridKey)
    case 0x6E:  // n: npm_
      guard hasPrefix(s, "npm_") else { return nil }
      return atLeast(s, run(from: s + 4, ASCIIByte.isAlnum), s + 4, 36, .npmToken)
    case 0x70:  // p: pypi-
      guard hasPrefix(s, "pypi-AgEIcHlwaS5vcmc") else { return nil }
      return atLeast(s, run(from: s + 20, ASCIIByte.isToken), s + 20, 50, .pypiToken)
    case 0x65: return jwt(s)  // e
    case 0x62, 0x42: return bearer(s)  // b B
    default: return nil
    }
  }

  /// A detector that matched a token value inside a key=value pair gets that specific label.
  func specificValue(_ s: Int) -> ScrubMatch? {
    let b = at(s)
    if ASCIIByte.isAlpha(b) { return enabled(prefixedToken(s)) }
    if ASCIIByte.isDigit(b) { return enabled(googleRefreshToken(s)) }
    if b == ASCIIByte.dash { return enabled(privateKey(s)) }
    return nil
  }

  /// `start..<end` as a match of `kind` when the body `bodyStart..<end` has at least `minimum` bytes.
  func atLeast(_ start: Int, _ end: Int, _ bodyStart: Int, _ minimum: Int, _ kind: ScrubKind)
    -> ScrubMatch?
  {
    end - bodyStart >= minimum ? ScrubMatch(start: start, end: end, kind: kind) : nil
  }

  func isOAuthByte(_ b: UInt8) -> Bool { ASCIIByte.isToken(b) || b == ASCIIByte.dot }

  /// Drops dots at the end of a run: the full stop of a sentence is not part of the token.
  func trimDots(_ end: Int) -> Int {
    var e = end
    while e > 0 && p[e - 1] == ASCIIByte.dot { e -= 1 }
    return e
  }

  func gitHubOrGitLab(_ s: Int) -> ScrubMatch? {
    if at(s + 1) == 0x68 && at(s + 3) == ASCIIByte.underscore {
      // ghp_ gho_ ghu_ ghs_ ghr_
      switch at(s + 2) {
      case 0x70, 0x6F, 0x75, 0x73, 0x72:
        return atLeast(s, run(from: s + 4, ASCIIByte.isAlnum), s + 4, 30, .githubToken)
      default: return nil
      }
    }
    if hasPrefix(s, "github_pat_") {
      return atLeast(s, run(from: s + 11, isWordASCII), s + 11, 22, .githubToken)
    }
    guard at(s + 1) == 0x6C else { return nil }  // gl…
    for prefix: StaticString in ["glpat-", "gldt-", "glrt-", "glptt-"] where hasPrefix(s, prefix) {
      let body = s + prefix.utf8CodeUnitCount
      return atLeast(s, run(from: body, ASCIIByte.isToken), body, 20, .gitlabToken)
    }
    return nil
  }

  func isWordASCII(_ b: UInt8) -> Bool { ASCIIByte.isAlnum(b) || b == ASCIIByte.underscore }

  func awsOrGoogleKey(_ s: Int) -> ScrubMatch? {
    if hasPrefix(s, "AIza") {
      return atLeast(s, run(from: s + 4, ASCIIByte.isToken), s + 4, 35, .googleAPIKey)
    }
    // Access key ids: a four-byte prefix and exactly 16 base32 characters, word-bounded.
    let known =
      hasPrefix(s, "AKIA") || hasPrefix(s, "ASIA") || hasPrefix(s, "ABIA")
      || hasPrefix(s, "ACCA")
      || (hasPrefix(s, "A3T") && (ASCIIByte.isUpper(at(s + 3)) || ASCIIByte.isDigit(at(s + 3))))
    guard known else { return nil }
    let end = run(from: s + 4) { ASCIIByte.isUpper($0) || ASCIIByte.isDigit($0) }
    guard end - s == 20, !ASCIIByte.isWord(at(end)) else { return nil }
    for k in (s + 4)..<end where ASCIIByte.isDigit(p[k]) && (p[k] < 0x32 || p[k] > 0x37) {
      return nil  // base32 has no 0, 1, 8, 9
    }
    return ScrubMatch(start: s, end: end, kind: .awsAccessKey)
  }

  /// Google OAuth refresh tokens: `1//` and 20+ base64url characters.
  func googleRefreshToken(_ s: Int) -> ScrubMatch? {
    guard hasPrefix(s, "1//") else { return nil }
    return atLeast(s, run(from: s + 3, ASCIIByte.isToken), s + 3, 20, .googleOAuthToken)
  }

  func slack(_ s: Int) -> ScrubMatch? {
    let isSlackByte: (UInt8) -> Bool = { ASCIIByte.isAlnum($0) || $0 == ASCIIByte.dash }
    if hasPrefix(s, "xapp-") {
      return atLeast(s, run(from: s + 5, isSlackByte), s + 5, 10, .slackToken)
    }
    guard hasPrefix(s, "xox"), at(s + 4) == ASCIIByte.dash else { return nil }
    switch at(s + 3) {
    case 0x61, 0x62, 0x70, 0x6F, 0x73, 0x72, 0x65:  // a b p o s r e
      return atLeast(s, run(from: s + 5, isSlackByte), s + 5, 10, .slackToken)
    default: return nil
    }
  }

  func slackWebhookOrVault(_ s: Int) -> ScrubMatch? {
    if hasPrefix(s, "hooks.slack.com/") {
      let end = run(from: s + 16) {
        ASCIIByte.isToken($0) || $0 == ASCIIByte.slash || $0 == ASCIIByte.plus
      }
      return atLeast(s, end, s + 16, 20, .slackWebhook)
    }
    if hasPrefix(s, "hvs.") || hasPrefix(s, "hvb.") {
      return atLeast(s, run(from: s + 4, ASCIIByte.isToken), s + 4, 90, .vaultToken)
    }
    return nil
  }

  func stripeOrAIKey(_ s: Int) -> ScrubMatch? {
    if hasPrefix(s, "whsec_") {
      return atLeast(s, run(from: s + 6, ASCIIByte.isAlnum), s + 6, 24, .stripeKey)
    }
    // sk_live_ sk_test_ sk_prod_ rk_live_ …: secret and restricted keys (pk_ is public).
    if at(s + 1) == 0x6B && at(s + 2) == ASCIIByte.underscore && p[s] != 0x77 {
      let mode = s + 3
      guard hasPrefix(mode, "live_") || hasPrefix(mode, "test_") || hasPrefix(mode, "prod_") else {
        return nil
      }
      return atLeast(s, run(from: s + 8, ASCIIByte.isAlnum), s + 8, 10, .stripeKey)
    }
    guard hasPrefix(s, "sk-") else { return nil }
    if hasPrefix(s, "sk-ant-") {
      return atLeast(s, run(from: s + 7, ASCIIByte.isToken), s + 7, 32, .anthropicKey)
    }
    for prefix: StaticString in ["sk-proj-", "sk-svcacct-", "sk-admin-"] where hasPrefix(s, prefix)
    {
      let body = s + prefix.utf8CodeUnitCount
      return atLeast(s, run(from: body, ASCIIByte.isToken), body, 20, .openAIKey)
    }
    // Legacy keys: sk- and 20+ alphanumerics mixing digits and both cases, so that
    // `sk-something-descriptive` in prose is not taken for a key.
    let end = run(from: s + 3, ASCIIByte.isAlnum)
    guard end - (s + 3) >= 20, !ASCIIByte.isToken(at(end)) else { return nil }
    var digit = false
    var upper = false
    var lower = false
    for k in (s + 3)..<end {
      digit = digit || ASCIIByte.isDigit(p[k])
      upper = upper || ASCIIByte.isUpper(p[k])
      lower = lower || ASCIIByte.isLower(p[k])
    }
    return digit && upper && lower ? ScrubMatch(start: s, end: end, kind: .openAIKey) : nil
  }

  /// `eyX….eyX….sig`: base64url JSON header and payload (both start `{"` → `ey`), signature
  /// optional (unsigned tokens end with the dot).
  func jwt(_ s: Int) -> ScrubMatch? {
    guard at(s + 1) == 0x79 else { return nil }
    let headerEnd = run(from: s, ASCIIByte.isToken)
    guard headerEnd - s >= 10, at(headerEnd) == ASCIIByte.dot else { return nil }
    let payload = headerEnd + 1
    guard at(payload) == 0x65, at(payload + 1) == 0x79 else { return nil }
    let payloadEnd = run(from: payload, ASCIIByte.isToken)
    guard payloadEnd - payload >= 10, at(payloadEnd) == ASCIIByte.dot else { return nil }
    var end = run(from: payloadEnd + 1, ASCIIByte.isToken)
    while at(end) == ASCIIByte.equals && end - payloadEnd < 4096 { end += 1 }
    return ScrubMatch(start: s, end: end, kind: .jwt)
  }

  /// `Bearer <credential>` anywhere (curl commands, header dumps without `Authorization`).
  func bearer(_ s: Int) -> ScrubMatch? {
    guard hasPrefixIgnoringCase(s, "bearer"), ASCIIByte.isBlank(at(s + 6)) else { return nil }
    let t = run(from: s + 6, ASCIIByte.isBlank)
    guard t - s < 16 else { return nil }
    return credential(at: t, kind: .bearerToken, minimum: 8)
  }

  /// The credential starting at `t`: a specific token if one is recognised, else the run of
  /// base64/token68 bytes labelled `kind` when it has at least `minimum` bytes.
  func credential(at t: Int, kind: ScrubKind, minimum: Int) -> ScrubMatch? {
    if let m = specificValue(t) { return m }
    let end = trimDots(run(from: t, isCredentialByte))
    return enabled(atLeast(t, end, t, minimum, kind))
  }

  /// token68 of RFC 7235 plus `.`: `[A-Za-z0-9._~+/=-]`.
  func isCredentialByte(_ b: UInt8) -> Bool {
    ASCIIByte.isToken(b) || b == ASCIIByte.dot || b == 0x7E || b == ASCIIByte.plus
      || b == ASCIIByte.slash || b == ASCIIByte.equals
  }
}
