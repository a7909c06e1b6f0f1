// The only way log-derived text enters the Markdown: scrubbed of secrets, then escaped by
// MarkdownSafety (inline text, code spans, code blocks). Also safe links and table cells.

import GardenKit

/// Helpers that make untrusted text safe for the worklog.
enum MarkdownText {
  static let scrubber = Scrubber()

  /// Running text (titles, reasons, evidence) cut to `maxLength` characters.
  static func text(_ s: String, max maxLength: Int = 160) -> String {
    MarkdownSafety.inline(scrubber.scrub(s), maxLength: maxLength)
  }

  /// A name in a code span (`app/startup.py:88`, a service, a keyword), cut to `maxLength`.
  static func code(_ s: String, max maxLength: Int = 120) -> String {
    let clean = scrubber.scrub(s)
    return MarkdownSafety.codeSpan(MarkdownSafety.shortened(clean, maxLength: maxLength))
  }

  /// A fenced block of log text, ending in a newline.
  static func block(_ s: String, language: String = "text", maxLines: Int = 20) -> String {
    let b = MarkdownSafety.codeBlock(
      scrubber.scrub(s), language: language, maxLineLength: 300, maxLines: maxLines)
    return b.hasSuffix("\n") ? b : b + "\n"
  }

  /// Makes finished inline Markdown safe inside a GFM table cell: GitHub splits rows on `|` before it
  /// parses code spans, so every bare `|` is escaped.
  static func cell(_ markdown: String) -> String {
    var out = ""
    var escaped = false
    for ch in markdown {
      if ch == "|" && !escaped { out.append("\\") }
      escaped = ch == "\\" && !escaped
      out.append(ch)
    }
    return out
  }

  /// A URL usable as a Markdown link target: https only, no spaces, brackets, quotes or parentheses.
  static func safeURL(_ url: String?) -> String? {
    guard let url, url.hasPrefix("https://"), url.count <= 500 else { return nil }
    let allowed = Set(
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#@!$&'*+,;=%")
    return url.allSatisfy { allowed.contains($0) } ? url : nil
  }

  /// `[#41](https://…)` when the URL is safe, else `#41`.
  static func issueRef(number: Int?, url: String?) -> String? {
    guard let number else { return nil }
    if let u = safeURL(url) { return "[#\(number)](\(u))" }
    return "#\(number)"
  }

  /// `app/startup.py:88` in `validate_services` for a frame; nil when it has no file or function.
  static func location(_ f: Frame) -> String? {
    var place = f.file ?? f.module
    if let p = place, let l = f.line { place = "\(p):\(l)" }
    switch (place, f.function) {
    case (let p?, let fn?): return code(p) + " in " + code(fn)
    case (let p?, nil): return code(p)
    case (nil, let fn?): return "in " + code(fn)
    default: return nil
    }
  }
}
