// Words for matching clusters to human-written issues: lower-cased identifier-like runs, stop words and
// variable-like tokens (numbers, ids, hashes, durations) dropped, light suffix stemming so that
// "timed"/"timing" and "queries"/"query" meet. The same function runs on both sides, always.

/// Tokenizing and weighting for issue matching.
enum TextTokens {
  /// The matching tokens of `text`, in order of appearance, with repeats.
  static func tokens(_ text: String) -> [String] {
    var out: [String] = []
    var cur = ""
    func flush() {
      if !cur.isEmpty, let t = normalize(cur) { out.append(t) }
      // CamelCase names also count by their parts, so `ConnectionRefusedError` meets "connection refused".
      let parts = camelParts(cur)
      if parts.count > 1 { out += parts.compactMap(normalize) }
      cur = ""
    }
    for u in text.unicodeScalars {
      if u.properties.isAlphabetic || ("0"..."9").contains(u) || u == "_" {
        cur.unicodeScalars.append(u)
        if cur.unicodeScalars.count > 80 { cur = "" }  // a blob, not a word
      } else {
        flush()
      }
    }
    flush()
    return out
  }

  /// `ConnectionRefusedError` → [Connection, Refused, Error]; `HTTPServer` → [HTTP, Server].
  static func camelParts(_ word: String) -> [String] {
    let u = Array(word.unicodeScalars)
    var parts: [String] = []
    var cur = String.UnicodeScalarView()
    for i in u.indices {
      let c = u[i]
      let upper = c.properties.isUppercase
      let prevLower = i > 0 && u[i - 1].properties.isLowercase
      let nextLower = i + 1 < u.count && u[i + 1].properties.isLowercase
      let prevUpper = i > 0 && u[i - 1].properties.isUppercase
      if c == "_" {
        if !cur.isEmpty { parts.append(String(cur)) }
        cur = String.UnicodeScalarView()
        continue
      }
      if upper && !cur.isEmpty && (prevLower || (prevUpper && nextLower)) {
        parts.append(String(cur))
        cur = String.UnicodeScalarView()
      }
      cur.append(c)
    }
    if !cur.isEmpty { parts.append(String(cur)) }
    return word.contains("_") ? [] : parts
  }

  /// The distinct tokens of `text`.
  static func set(_ text: String) -> Set<String> { Set(tokens(text)) }

  /// Lower-cases, trims underscores, drops stop words and variable-like tokens, stems.
  static func normalize(_ raw: String) -> String? {
    var t = raw.lowercased()
    while t.hasPrefix("_") { t.removeFirst() }
    while t.hasSuffix("_") { t.removeLast() }
    guard t.count >= 2, !isVariable(t) else { return nil }
    guard !stopWords.contains(t) else { return nil }
    let s = stem(t)
    return stopWords.contains(s) ? nil : s
  }

  /// True for tokens that are data rather than words: numbers (except HTTP status codes), hex ids,
  /// durations and sizes (`4s`, `250ms`, `1024mib`), ids with several digits.
  static func isVariable(_ t: String) -> Bool {
    var digits = 0
    var hexOnly = true
    for u in t.unicodeScalars {
      if ("0"..."9").contains(u) {
        digits += 1
      } else if !("a"..."f").contains(u) {
        hexOnly = false
      }
    }
    if digits == 0 { return false }
    if digits == t.count {
      // 100–599 read as HTTP status codes: they carry meaning ("returned 502").
      if t.count == 3, let n = Int(t), (100...599).contains(n) { return false }
      return true
    }
    if hexOnly && t.count >= 6 { return true }
    if digits >= 3 { return true }
    // A number with a unit: 30s, 2.5ms (split at '.'), 512mb.
    if let f = t.unicodeScalars.first, ("0"..."9").contains(f) { return true }
    return false
  }

  /// A light suffix stripper (not Porter): enough to meet plural and tense variants.
  static func stem(_ t: String) -> String {
    if t.count > 4, t.hasSuffix("ies") { return String(t.dropLast(3)) + "y" }
    if t.count > 5, t.hasSuffix("ing") { return String(t.dropLast(3)) }
    if t.count > 4, t.hasSuffix("ed") { return String(t.dropLast(2)) }
    if t.count > 4, t.hasSuffix("es"), t.dropLast(2).hasSuffix("ss") || t.dropLast(2).hasSuffix("x")
    {
      return String(t.dropLast(2))
    }
    if t.count > 3, t.hasSuffix("s"), !t.hasSuffix("ss"), !t.hasSuffix("us"), !t.hasSuffix("is") {
      return String(t.dropLast())
    }
    return t
  }

  /// English function words, and words every log line or bug report has (they tell nothing apart).
  static let stopWords: Set<String> = [
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "because", "been", "before", "being", "but", "by", "can", "could", "did", "do", "does",
    "doing", "don", "each", "else", "etc", "even", "ever", "every", "few", "for", "from", "get",
    "got", "had", "has", "have", "he", "her", "here", "him", "his", "how", "i", "if", "in", "into",
    "is", "it", "its", "just", "let", "like", "may", "me", "might", "more", "most", "much", "must",
    "my", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other",
    "our", "out", "over", "own", "per", "same", "see", "seen", "she", "should", "since", "so",
    "some", "still", "such", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "this", "those", "through", "to", "too", "under", "until", "up", "us", "very", "via",
    "was", "we", "were", "what", "when", "where", "which", "while", "who", "why", "will", "with",
    "within", "without", "would", "yet", "you", "your", "it's", "ok", "please", "thank", "thanks",
    "hi", "hello", "issue", "bug", "problem", "steps", "step", "expected", "actual", "happen",
    "happens", "sometime", "sometimes", "new", "old", "use", "using", "used", "need", "needs",
    "want", "way", "thing", "things", "also", "lot", "think",
    // Log and traceback scaffolding.
    "traceback", "recent", "call", "last", "file", "line", "lines", "py", "js", "ts", "java",
    "go", "rb", "cs", "kt", "http", "https", "www", "com", "org", "log", "logs", "logged",
    "message", "usr", "lib", "local", "site", "packages", "python3", "none", "null", "true",
    "false", "self", "module", "exception", "error", "errors", "err", "warning", "info", "debug",
  ]

  /// Inverse document frequency over a corpus: rare words weigh more.
  struct Weights {
    var df: [String: Int] = [:]
    var documents = 0

    init(documents docs: [Set<String>]) {
      documents = docs.count
      for d in docs { for t in d { df[t, default: 0] += 1 } }
    }

    /// `1 + ln((N + 1) / (df + 1))`.
    func idf(_ t: String) -> Double {
      1 + log(Double(documents + 1) / Double((df[t] ?? 0) + 1))
    }

    /// The weighted share of `part` that is also in `whole`: Σ idf(part ∩ whole) / Σ idf(part).
    func containment(_ part: Set<String>, in whole: Set<String>) -> Double {
      var total = 0.0
      var hit = 0.0
      for t in part {
        let w = idf(t)
        total += w
        if whole.contains(t) { hit += w }
      }
      return total > 0 ? hit / total : 0
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
