// Temporary stand-ins for GardenKit/Text (branch `scrub`), with the same names and signatures, so this
// stage compiles and is tested before that branch lands. The lead deletes this file when merging;
// the GardenKit versions then take over (declarations in this module shadow imported ones).

import Foundation

/// A compiled rule: a pattern and what replaces a match.
private struct ScrubRule {
  let id: String
  let regex: NSRegularExpression
  /// Template for NSRegularExpression (`$1` keeps a group).
  let replacement: String

  init(_ id: String, _ pattern: String, _ replacement: String) {
    self.id = id
    // The patterns are constants: a failure here is a programming error caught by every test run.
    self.regex = try! NSRegularExpression(pattern: pattern, options: [])
    self.replacement = replacement
  }
}

/// Secret and personal-data patterns, most specific first.
private let secretRules: [ScrubRule] = [
  ScrubRule(
    "private-key",
    #"-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY( BLOCK)?-----(?:[\s\S]*?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY( BLOCK)?-----|[^\n]*)"#,
    "[REDACTED:private-key]"),
  ScrubRule(
    "github-token", #"\b(?:ghp|gho|ghu|ghs|ghr)_[0-9A-Za-z]{36}\b"#, "[REDACTED:github-token]"),
  ScrubRule("github-fine-grained-pat", #"\bgithub_pat_\w{82}"#, "[REDACTED:github-token]"),
  ScrubRule("gitlab-token", #"\bglpat-[\w-]{20}"#, "[REDACTED:gitlab-token]"),
  ScrubRule(
    "aws-access-key", #"\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b"#, "[REDACTED:aws-key]"),
  ScrubRule("gcp-api-key", #"\bAIza[\w-]{35}"#, "[REDACTED:gcp-api-key]"),
  ScrubRule("google-oauth-token", #"\bya29\.[0-9A-Za-z_.-]+"#, "[REDACTED:google-oauth]"),
  ScrubRule("google-client-secret", #"\bGOCSPX-[0-9A-Za-z_-]{28}"#, "[REDACTED:google-oauth]"),
  ScrubRule(
    "jwt", #"\bey[A-Za-z0-9_-]{17,}\.ey[A-Za-z0-9/\\_-]{17,}\.(?:[A-Za-z0-9/\\_-]{10,}={0,2})?"#,
    "[REDACTED:jwt]"),
  ScrubRule("slack-token", #"\bxox[baprse]-[0-9A-Za-z-]{10,}"#, "[REDACTED:slack-token]"),
  ScrubRule(
    "stripe-key", #"\b(?:sk|rk)_(?:test|live|prod)_[A-Za-z0-9]{10,99}"#, "[REDACTED:stripe-key]"),
  ScrubRule(
    "bearer", #"(?i)\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}"#, "$1 [REDACTED:credential]"),
  ScrubRule(
    "url-userinfo", #"\b([a-z][a-z0-9+.-]*://)[^/\s:@]+(?::[^/\s@]*)?@"#, "$1[REDACTED:userinfo]@"),
  ScrubRule(
    "secret-query",
    #"(?i)([?&](?:access_token|token|id_token|refresh_token|api[_-]?key|key|apikey|secret|client_secret|password|passwd|pwd|sig|signature|code|auth)=)[^&#\s"'`]+"#,
    "$1[REDACTED]"),
  ScrubRule(
    "generic-secret",
    #"(?i)\b((?:password|passwd|pwd|secret|api[_-]?key|apikey|token|client[_-]?secret|private[_-]?key)["']?\s*(?:=|:)\s*["']?)(?!\[REDACTED)[^\s"'`,;&]{6,200}"#,
    "$1[REDACTED]"),
  ScrubRule(
    "email",
    #"\b[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b"#,
    "<email>"),
]

/// Rules whose presence in final text means a secret got through (PII like e-mail is included: an
/// address must not reach an issue either).
private let scanRuleIDs: Set<String> = [
  "private-key", "github-token", "github-fine-grained-pat", "gitlab-token", "aws-access-key",
  "gcp-api-key", "google-oauth-token", "google-client-secret", "jwt", "slack-token", "stripe-key",
  "email",
]

/// Replaces secrets and personal data in free text with typed placeholders.
struct Scrubber {
  init() {}

  /// The text with every secret and e-mail address replaced.
  func scrub(_ text: String) -> String {
    var s = text
    for rule in secretRules {
      let range = NSRange(s.startIndex..., in: s)
      s = rule.regex.stringByReplacingMatches(
        in: s, options: [], range: range, withTemplate: rule.replacement)
    }
    return s
  }
}

/// Scans final text for secrets that survived scrubbing.
enum SecretScan {
  /// Rule ids (never the values) of the secret patterns found in `text`, sorted, without repeats.
  static func findings(in text: String) -> [String] {
    var found: Set<String> = []
    let range = NSRange(text.startIndex..., in: text)
    for rule in secretRules where scanRuleIDs.contains(rule.id) {
      if rule.regex.firstMatch(in: text, options: [], range: range) != nil { found.insert(rule.id) }
    }
    return found.sorted()
  }
}

/// Makes untrusted text inert in GitHub Markdown.
enum MarkdownSafety {
  /// True for characters that hide or reorder text (bidi controls, zero-width, soft hyphen, BOM).
  static func isInvisible(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x202A...0x202E, 0x2066...0x2069, 0x200B...0x200F, 0x2060...0x2064, 0xFEFF, 0x00AD,
      0x061C:
      return true
    default: return false
    }
  }

  /// Visible escapes for invisible characters; C0 controls other than tab and newline dropped.
  static func harden(_ text: String, keepNewlines: Bool) -> String {
    var out = String.UnicodeScalarView()
    for u in text.unicodeScalars {
      if isInvisible(u) {
        out.append(contentsOf: "\\u{\(String(u.value, radix: 16, uppercase: true))}".unicodeScalars)
      } else if u.value < 0x20 || u.value == 0x7F {
        if u == "\t" {
          out.append(" ")
        } else if u == "\n" {
          out.append(keepNewlines ? "\n" : " ")
        } else if u == "\r" {
          continue
        }
      } else {
        out.append(u)
      }
    }
    return String(out)
  }

  /// Text for prose: one line, mentions and issue references defused, HTML and Markdown escaped.
  static func inline(_ text: String, maxLength: Int = 300) -> String {
    var s = harden(text, keepNewlines: false)
    if s.count > maxLength { s = String(s.prefix(max(0, maxLength - 1))) + "…" }
    var out = ""
    for ch in s {
      switch ch {
      case "@": out += "＠"  // U+FF20: never a mention
      case "#": out += "＃"  // U+FF03: never an issue reference
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "&": out += "&amp;"
      case "\\", "`", "*", "_", "[", "]", "|", "~": out += "\\" + String(ch)
      default: out.append(ch)
      }
    }
    return out
  }

  /// The longest run of `char` in `text`.
  static func longestRun(of char: Character, in text: String) -> Int {
    var best = 0
    var cur = 0
    for ch in text {
      if ch == char {
        cur += 1
        best = max(best, cur)
      } else {
        cur = 0
      }
    }
    return best
  }

  /// An inline code span whose delimiter is longer than any backtick run inside.
  static func codeSpan(_ text: String) -> String {
    let s = harden(text, keepNewlines: false)
    let fence = String(repeating: "`", count: longestRun(of: "`", in: s) + 1)
    let pad = s.hasPrefix("`") || s.hasSuffix("`") || s.isEmpty ? " " : ""
    return fence + pad + s + pad + fence
  }

  /// A fenced code block that no content can close early; long lines and line counts are capped.
  static func codeBlock(
    _ text: String, language: String = "", maxLineLength: Int = 2000, maxLines: Int = 200
  ) -> String {
    var lines = harden(text, keepNewlines: true).split(
      separator: "\n", omittingEmptySubsequences: false
    )
    .map(String.init)
    var notes: [String] = []
    if lines.count > maxLines {
      notes.append("…[\(lines.count - maxLines) more lines]")
      lines = Array(lines.prefix(maxLines))
    }
    lines = lines.map { l in
      l.count > maxLineLength ? String(l.prefix(maxLineLength)) + "…[truncated]" : l
    }
    let body = lines.joined(separator: "\n")
    let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: body) + 1))
    var out = fence + language + "\n" + body + "\n" + fence
    for n in notes { out += "\n" + n }
    return out
  }
}
