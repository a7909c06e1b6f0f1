// Stand-in for GardenKit's Scrubber (branch `scrub`) until it lands; the lead deletes this file on merge.
// Masks the secrets most often seen in log text (bearer tokens, JWTs, `password=…`-style pairs,
// credentials in URLs, e-mail addresses) before a sample reaches the worklog.

struct Scrubber {
  private let rules: [(Regex<AnyRegexOutput>, String)]

  /// Words without which no key=value or bearer rule can match.
  static let triggers = [
    "bearer", "password", "passwd", "pwd", "secret", "token", "key", "authorization",
  ]

  init() {
    let patterns: [(String, String)] = [
      (#"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]{8,}"#, "Bearer <redacted>"),
      (#"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}"#, "<jwt>"),
      (
        #"(?i)\b(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|client[_-]?secret|authorization)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&)\]}"']+)"#,
        "$1$2<redacted>"
      ),
      (#"(?i)\b([a-z][a-z0-9+.-]*://)[^\s/@:]+:[^\s/@]+@"#, "$1<redacted>@"),
      (#"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b"#, "<email>"),
      (#"\bAKIA[0-9A-Z]{16}\b"#, "<aws-key>"),
    ]
    rules = patterns.compactMap { p, r in (try? Regex(p)).map { ($0, r) } }
  }

  /// The text with every secret-looking part replaced by a placeholder.
  func scrub(_ text: String) -> String {
    // Regex matching is slow; most text has none of the words or characters a rule needs.
    let lower = text.lowercased()
    guard
      text.contains("@") || text.contains("eyJ") || text.contains("AKIA")
        || Self.triggers.contains(where: { lower.contains($0) })
    else { return text }
    var s = text
    for (regex, template) in rules {
      s = s.replacing(regex) { match in
        var out = ""
        var i = template.startIndex
        while i < template.endIndex {
          let c = template[i]
          let next = template.index(after: i)
          if c == "$", next < template.endIndex, let n = template[next].wholeNumberValue {
            if n < match.output.count, let sub = match.output[n].substring { out += sub }
            i = template.index(after: next)
          } else {
            out.append(c)
            i = next
          }
        }
        return out
      }
    }
    return s
  }
}
