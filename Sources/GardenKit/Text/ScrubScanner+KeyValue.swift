// Secrets recognised by the name of the key they are assigned to: `password=…`, `"token": "…"`,
// `X-Api-Key: …`, `Authorization: Bearer …`, `Cookie: …`, `?access_token=…&sig=…`.
//
// Triggered at every `=` and `:`; reads the key backwards (at most 64 bytes), splits it into
// words (`_`, `.`, `-`, camelCase) and looks only at the last one or two, so `db_password`,
// `githubToken`, `X-Goog-Api-Key` and `aws_secret_access_key` match while `token_count`,
// `max_tokens`, `tokenizer`, `secret_name` and `partition_key` do not.
//
// Only the value is replaced; the key stays, so "Invalid password: …" keeps its sentence.
// Values that are clearly not secrets stay: placeholders (`<password>`, `${DB_PASS}`, `{{x}}`,
// `%s`, `****`, `null`, `true`), and, after an unquoted `key: ` in prose, words without a digit,
// inner capital or symbol ("refresh token: expired").

extension ScrubScanner {
  enum KeyClass {
    case password, secret, token, awsSecret, authorization, cookie, phone
  }

  func keyValue(separator j: Int) -> ScrubMatch? {
    var valueStart = j + 1
    if p[j] == ASCIIByte.equals {
      let prev = at(j - 1)
      if prev == ASCIIByte.equals || prev == 0x21 || prev == ASCIIByte.less
        || prev == ASCIIByte.greater
      {
        return nil  // ==, !=, <=, >=
      }
      if at(j + 1) == ASCIIByte.equals { return nil }
      if at(j + 1) == ASCIIByte.greater { valueStart += 1 }  // =>
    } else {
      if at(j + 1) == ASCIIByte.equals { valueStart += 1 }  // :=
      if at(j + 1) == ASCIIByte.slash && at(j + 2) == ASCIIByte.slash { return nil }  // scheme://
    }
    if p[j] == ASCIIByte.colon, let m = userOptionPassword(separator: j) { return m }
    guard let key = keyRange(endingBefore: j) else { return nil }
    // `//user:password@host` is the URL's user-info, handled at the `@`.
    if at(key.start - 1) == ASCIIByte.slash && at(key.start - 2) == ASCIIByte.slash { return nil }
    let before = at(key.start - 1)
    let query =
      before == ASCIIByte.question || before == ASCIIByte.ampersand || before == ASCIIByte.semicolon
    guard
      let kind = keyClass(key.start, key.end, query: query)
        ?? quotedPassKey(key: key, separator: j)
    else { return nil }

    var v = valueStart
    while v < n && ASCIIByte.isBlank(p[v]) && v - valueStart < 8 { v += 1 }
    let prose = !key.quoted && p[j] == ASCIIByte.colon && v > valueStart
    switch kind {
    case .cookie:
      let value = valueRange(v, query: false, toLineEnd: true)
      return isPlaceholder(value.start, value.end)
        ? nil : enabled(ScrubMatch(start: value.start, end: value.end, kind: .cookie))
    case .authorization:
      return authorization(v, prose: prose)
    case .phone:
      let s = at(v) == ASCIIByte.plus ? v + 1 : v
      guard let end = phoneDigitsEnd(from: s, minimum: 7, maximum: 15) else { return nil }
      return enabled(ScrubMatch(start: v, end: end, kind: .phone))
    case .password, .secret, .token, .awsSecret:
      let value = valueRange(v, query: query, toLineEnd: false)
      if let m = specificValue(value.start) { return m }
      guard !isPlaceholder(value.start, value.end) else { return nil }
      let length = value.end - value.start
      let placeholderKind: ScrubKind
      switch kind {
      case .password: placeholderKind = .password
      case .secret:
        guard length >= 4 else { return nil }
        placeholderKind = .secret
      case .awsSecret:
        guard length >= 4 else { return nil }
        placeholderKind = length >= 16 ? .awsSecretKey : .secret
      default:
        guard length >= 8 else { return nil }
        placeholderKind = .token
      }
      if prose && !value.quoted && !looksRandom(value.start, value.end) { return nil }
      // `token = AppWindowToken{…}`, `auth=AuthProvider(…)`: a type or call, not a credential.
      let after = at(value.end)
      if !value.quoted
        && (after == ASCIIByte.openBrace || after == ASCIIByte.openParen
          || after == ASCIIByte.openBracket)
      {
        return nil
      }
      return enabled(ScrubMatch(start: value.start, end: value.end, kind: placeholderKind))
    }
  }

  /// `-u user:password` and `--user user:password` (curl, wget and many other tools' basic-auth
  /// option), the `:` at `j`: the password after it, up to the next blank or quote.
  func userOptionPassword(separator j: Int) -> ScrubMatch? {
    // The user name: key bytes and `@` (an email as the user), read backwards.
    var o = j
    while o > lastEnd && j - o < 64 && (isKeyByte(p[o - 1]) || p[o - 1] == ASCIIByte.at) { o -= 1 }
    guard o < j, o > lastEnd else { return nil }
    if at(o - 1) == ASCIIByte.equals || at(o - 1) == ASCIIByte.space { o -= 1 } else { return nil }
    let short = at(o - 1) == 0x75 && at(o - 2) == ASCIIByte.dash && !isKeyByte(at(o - 3))
    let long =
      o >= 6 && hasPrefixIgnoringCase(o - 6, "--user") && !isKeyByte(at(o - 7))
    guard short || long else { return nil }
    var e = j + 1
    while e < n, !ASCIIByte.isBlank(p[e]), p[e] != ASCIIByte.quote, p[e] != ASCIIByte.apostrophe {
      e += 1
    }
    guard e > j + 1, !isPlaceholder(j + 1, e) else { return nil }
    // `docker run -u 1000:1000` and `--user app:app` name a user and a group, not a password.
    if (j + 1..<e).allSatisfy({ ASCIIByte.isDigit(p[$0]) }) { return nil }
    let user = (o + 1)..<j
    if e - (j + 1) == user.count && zip(user, j + 1..<e).allSatisfy({ p[$0] == p[$1] }) {
      return nil
    }
    return enabled(ScrubMatch(start: j + 1, end: e, kind: .password))
  }

  /// `--password VALUE`, `--passwd VALUE`, `--pass VALUE` (a command line in a log, the `=` form
  /// is a key-value pair): the value when it looks like a secret (a digit, an inner capital or a
  /// symbol), so "--password is required" keeps its sentence. `i` is the first dash.
  func passwordOption(_ i: Int) -> ScrubMatch? {
    guard at(i + 1) == ASCIIByte.dash, !isKeyByte(at(i - 1)), hasPrefixIgnoringCase(i + 2, "pass")
    else { return nil }
    var k = i + 6
    if hasPrefixIgnoringCase(k, "word") { k += 4 } else if hasPrefixIgnoringCase(k, "wd") { k += 2 }
    guard at(k) == ASCIIByte.space else { return nil }
    let s = k + 1
    var e = s
    while e < n, !ASCIIByte.isBlank(p[e]), p[e] != ASCIIByte.quote, p[e] != ASCIIByte.apostrophe {
      e += 1
    }
    guard e > s, at(s) != ASCIIByte.dash, !isPlaceholder(s, e), looksRandom(s, e) else {
      return nil
    }
    return ScrubMatch(start: s, end: e, kind: .password)
  }

  /// A bare `pass` is too often a count or a verdict to name a password (`pass=3`), but as a
  /// quoted key with a quoted value (`{'pass': 'x'}`, `"pass": "x"`) it is a credential.
  func quotedPassKey(key: (start: Int, end: Int, quoted: Bool), separator j: Int) -> KeyClass? {
    guard key.quoted, equalsIgnoringCase(key.start, key.end, "pass") else { return nil }
    var v = j + 1
    while v < n && ASCIIByte.isBlank(p[v]) && v - j < 8 { v += 1 }
    return at(v) == ASCIIByte.quote || at(v) == ASCIIByte.apostrophe ? .password : nil
  }

  /// The key before the separator at `j`: skips blanks and a closing quote (also `\"`), then reads
  /// `[A-Za-z0-9_.-]` backwards.
  func keyRange(endingBefore j: Int) -> (start: Int, end: Int, quoted: Bool)? {
    var k = j
    while k > lastEnd && j - k < 4 && ASCIIByte.isBlank(p[k - 1]) { k -= 1 }
    var quoted = false
    if k > lastEnd && (p[k - 1] == ASCIIByte.quote || p[k - 1] == ASCIIByte.apostrophe) {
      quoted = true
      k -= 1
      if k > lastEnd && p[k - 1] == ASCIIByte.backslash { k -= 1 }
    }
    let end = k
    guard end > lastEnd, Self.mayEndSensitiveKey(ASCIIByte.lower(p[end - 1])) else { return nil }
    while k > lastEnd && end - k < 64 && isKeyByte(p[k - 1]) { k -= 1 }
    return k < end ? (k, end, quoted) : nil
  }

  func isKeyByte(_ b: UInt8) -> Bool {
    ASCIIByte.isAlnum(b) || b == ASCIIByte.underscore || b == ASCIIByte.dash || b == ASCIIByte.dot
  }

  /// Classifies a key by its last word (and the one before it for `…_key`, `session_id`).
  /// Dispatches on the last letter first: most keys (`id`, `pid`, `ratio`, `path`) cost a switch
  /// and a couple of length comparisons.
  func keyClass(_ ks: Int, _ ke: Int, query: Bool) -> KeyClass? {
    let lastByte = ASCIIByte.lower(p[ke - 1])
    guard Self.mayEndSensitiveKey(lastByte) else { return nil }
    let ls = keyWordStart(endingAt: ke, from: ks)
    func last(_ w: StaticString) -> Bool { equalsIgnoringCase(ls, ke, w) }
    // Upper-case compounds (`PGPASSWORD`, `APPSECRET`, `GITHUBTOKEN`) are one word.
    func ends(_ w: StaticString) -> Bool {
      ke - ls >= w.utf8CodeUnitCount && hasPrefixIgnoringCase(ke - w.utf8CodeUnitCount, w)
    }
    func previous(_ w: StaticString) -> Bool {
      let pe = ls > ks && isKeySeparator(p[ls - 1]) ? ls - 1 : ls
      return pe > ks && equalsIgnoringCase(keyWordStart(endingAt: pe, from: ks), pe, w)
    }
    func secret() -> KeyClass { mentionsAWS(ks, ke) ? .awsSecret : .secret }

    switch lastByte {
    case 0x64:  // d
      if ends("password") || ends("passwd") || last("pwd") { return .password }
      if last("sessionid") || last("jsessionid") || last("phpsessid") { return .token }
      return last("id") && previous("session") ? .token : nil
    case 0x65:  // e
      if last("passphrase") { return .password }
      if last("signature") { return secret() }
      if last("cookie") { return .cookie }
      if last("phone") || last("telephone") || last("mobile") { return .phone }
      return query && last("code") ? .token : nil
    case 0x74:  // t
      if ends("secret") { return secret() }
      return last("jwt") ? .token : nil
    case 0x73:  // s
      // `db_pass`, `SMTP_PASS`, `userPass`; a bare `pass` is too often a count or a verdict.
      if last("pass") && ls > ks { return .password }
      return last("secrets") || last("credentials") || last("creds") ? secret() : nil
    case 0x79:  // y
      if last("apikey") || last("secretkey") || last("privatekey") || last("accesskey") {
        return secret()
      }
      guard last("key") else { return nil }
      if KeyWords.keyQualifier.contains(where: previous) { return secret() }
      return previous("session") || query ? .token : nil
    case 0x6C:  // l
      if last("credential") { return secret() }
      return last("tel") ? .phone : nil
    case 0x67:  // g
      return last("sig") ? secret() : nil
    case 0x6E:  // n
      if ends("token") || last("session") { return .token }
      if last("authorization") { return .authorization }
      return last("msisdn") ? .phone : nil
    case 0x72:  // r
      if last("bearer") { return .token }
      return last("phonenumber") || (last("number") && previous("phone")) ? .phone : nil
    case 0x68:  // h
      return last("auth") ? .token : nil
    case 0x78:  // x
      return last("fax") ? .phone : nil
    default:
      return nil
    }
  }

  /// Every sensitive last word ends in one of d e t s y l g n r h x.
  static func mayEndSensitiveKey(_ lower: UInt8) -> Bool {
    guard lower >= 0x60, lower < 0x80 else { return false }
    return (sensitiveKeyEndings >> UInt32(lower - 0x60)) & 1 != 0
  }
  /// Bit `c - 0x60` set for each of "detsylgnrhx".
  static let sensitiveKeyEndings: UInt32 = 0x31c_51b0

  func isKeySeparator(_ b: UInt8) -> Bool {
    b == ASCIIByte.underscore || b == ASCIIByte.dash || b == ASCIIByte.dot
  }

  /// Start of the last word of the key `ks..<e`: a run of capitals (`PASSWORD`), or lower-case
  /// letters and digits with at most one leading capital (`Token` in `githubToken`).
  func keyWordStart(endingAt e: Int, from ks: Int) -> Int {
    var k = e
    if ASCIIByte.isUpper(p[e - 1]) {
      while k > ks && (ASCIIByte.isUpper(p[k - 1]) || ASCIIByte.isDigit(p[k - 1])) { k -= 1 }
      return k
    }
    while k > ks && (ASCIIByte.isLower(p[k - 1]) || ASCIIByte.isDigit(p[k - 1])) { k -= 1 }
    if k > ks && ASCIIByte.isUpper(p[k - 1]) { k -= 1 }
    return k
  }

  func mentionsAWS(_ ks: Int, _ ke: Int) -> Bool {
    var k = ks
    while k + 3 <= ke {
      if hasPrefixIgnoringCase(k, "aws") { return true }
      k += 1
    }
    return false
  }

  /// The value starting at `v`: quoted (`"…"`, `'…'`, `` `…` ``, `\"…\"`) up to its closing quote
  /// or the end of the line; otherwise up to whitespace or punctuation that ends a value.
  func valueRange(_ v: Int, query: Bool, toLineEnd: Bool) -> (start: Int, end: Int, quoted: Bool) {
    var q = at(v)
    var s = v
    var escaped = false
    if q == ASCIIByte.backslash && at(v + 1) == ASCIIByte.quote {
      escaped = true
      q = ASCIIByte.quote
      s += 2
    } else if q == ASCIIByte.quote || q == ASCIIByte.apostrophe || q == ASCIIByte.backtick {
      s += 1
    } else {
      q = 0
    }
    var e = s
    while e < n {
      let b = p[e]
      if b == ASCIIByte.newline || b == 0x0D { break }
      if q != 0 {
        if b == q && !(escaped && p[e - 1] != ASCIIByte.backslash) {
          if escaped { e -= 1 }
          break
        }
      } else if !toLineEnd && endsUnquotedValue(b, query: query) {
        break
      }
      e += 1
    }
    return (s, max(s, e), q != 0)
  }

  func endsUnquotedValue(_ b: UInt8, query: Bool) -> Bool {
    switch b {
    case ASCIIByte.space, ASCIIByte.tab, 0x0B, 0x0C, ASCIIByte.quote, ASCIIByte.apostrophe,
      ASCIIByte.backtick, ASCIIByte.comma, ASCIIByte.semicolon, ASCIIByte.ampersand, ASCIIByte.less,
      ASCIIByte.greater, ASCIIByte.openParen, ASCIIByte.closeParen, ASCIIByte.openBracket,
      ASCIIByte.closeBracket, ASCIIByte.openBrace, ASCIIByte.closeBrace, ASCIIByte.backslash:
      return true
    case ASCIIByte.hash: return query
    default: return false
    }
  }

  /// `Authorization: <scheme> <credential>`: the scheme stays, the credential goes.
  func authorization(_ v: Int, prose: Bool) -> ScrubMatch? {
    var s = v
    if at(s) == ASCIIByte.quote || at(s) == ASCIIByte.apostrophe { s += 1 }
    let schemeEnd = run(from: s) { ASCIIByte.isToken($0) }
    guard schemeEnd > s, ASCIIByte.isBlank(at(schemeEnd)) else {
      // No scheme: the whole value is the credential.
      let value = valueRange(v, query: false, toLineEnd: false)
      guard !isPlaceholder(value.start, value.end), value.end - value.start >= 8 else { return nil }
      if prose && !value.quoted && !looksRandom(value.start, value.end) { return nil }
      return enabled(
        specificValue(value.start) ?? ScrubMatch(start: value.start, end: value.end, kind: .token))
    }
    let t = run(from: schemeEnd, ASCIIByte.isBlank)
    if equalsIgnoringCase(s, schemeEnd, "bearer") || equalsIgnoringCase(s, schemeEnd, "jwt") {
      return credential(at: t, kind: .bearerToken, minimum: 1)
    }
    if equalsIgnoringCase(s, schemeEnd, "basic") {
      return credential(at: t, kind: .basicAuth, minimum: 1)
    }
    if equalsIgnoringCase(s, schemeEnd, "token") || equalsIgnoringCase(s, schemeEnd, "apikey") {
      return credential(at: t, kind: .token, minimum: 1)
    }
    // Digest, AWS4-HMAC-SHA256, Negotiate…: parameters up to the end of the value.
    let value = valueRange(t, query: false, toLineEnd: true)
    var e = value.end
    if at(s - 1) == ASCIIByte.quote || at(s - 1) == ASCIIByte.apostrophe {
      var k = t
      while k < value.end && p[k] != at(s - 1) { k += 1 }
      e = k
    }
    guard !isPlaceholder(t, e) else { return nil }
    return enabled(ScrubMatch(start: t, end: e, kind: .secret))
  }

  /// True for values that stand for a secret rather than being one.
  func isPlaceholder(_ s: Int, _ e: Int) -> Bool {
    let length = e - s
    guard length > 0 else { return true }
    guard length <= 64 else { return false }
    let first = p[s]
    let final = p[e - 1]
    if first == ASCIIByte.less && final == ASCIIByte.greater { return true }
    if first == ASCIIByte.openBracket && final == ASCIIByte.closeBracket { return true }
    if first == 0x24 { return true }  // $VAR, ${VAR}
    if hasPrefix(s, "{{") || hasPrefix(s, "%(") { return true }
    if first == ASCIIByte.percent && length <= 3 { return true }  // %s %v %d
    var same = true
    for k in s..<e where p[k] != first { same = false }
    if same { return true }
    return KeyWords.notSecret.contains { equalsIgnoringCase(s, e, $0) }
  }

  /// A digit, an inner capital, or a symbol: what distinguishes a credential from a word.
  func looksRandom(_ s: Int, _ e: Int) -> Bool {
    if e - s > 40 { return true }
    for k in s..<e {
      let b = p[k]
      if ASCIIByte.isDigit(b) || (k > s && ASCIIByte.isUpper(b)) { return true }
      if !ASCIIByte.isAlpha(b) && b != ASCIIByte.dash && b != ASCIIByte.underscore
        && b != ASCIIByte.dot
        && b != ASCIIByte.apostrophe
      {
        return true
      }
    }
    return false
  }
}

/// Word lists for key classification, lowercase; compared ignoring ASCII case.
enum KeyWords {
  /// Words before `key` that make it a secret (`api_key`, `X-Api-Key`, `signingKey`).
  static let keyQualifier: [StaticString] = [
    "api", "access", "secret", "private", "signing", "encryption", "master", "client", "account",
    "app", "license", "subscription",
  ]
  /// Values that stand for "no secret here".
  static let notSecret: [StaticString] = [
    "true", "false", "null", "none", "nil", "undefined", "redacted", "hidden", "masked", "removed",
    "empty", "unset", "n/a",
  ]
}
