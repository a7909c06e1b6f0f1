// `--focus TERM`: which clusters are about the term. Names are compared as word sequences: `_`, `-`,
// `.`, `/`, spaces (any non-alphanumeric) and camelCase boundaries all separate words, case is ignored,
// so `llm__manager`, `llm_manager`, `LLM Manager`, `LlmManager` and `LLMManager` are all `llm manager`.
// A cluster matches when the term's words appear consecutively, as whole words, in one of its names.

import GardenKit

/// Matches clusters against a focus term.
struct FocusMatcher {
  /// The term as lowercase words.
  let words: [String]

  init(term: String) { words = Self.words(term) }

  /// False for a term without letters or digits (it would match everything or nothing).
  var isUsable: Bool { !words.isEmpty }

  /// Splits a name into lowercase words at separators and camelCase boundaries
  /// (`HTTPServerError` → `http server error`, `validate_services2` → `validate services2`).
  static func words(_ text: String) -> [String] {
    var result: [String] = []
    var current: [Character] = []
    let chars = Array(text)
    func flush() {
      if !current.isEmpty { result.append(String(current).lowercased()) }
      current = []
    }
    for (i, c) in chars.enumerated() {
      guard c.isLetter || c.isNumber else {
        flush()
        continue
      }
      if c.isUppercase, let prev = current.last {
        let next = i + 1 < chars.count ? chars[i + 1] : nil
        // fooBar → foo|Bar; HTTPServer → HTTP|Server (an upper run ends before Upper+lower).
        if prev.isLowercase || prev.isNumber
          || (prev.isUppercase && next.map { $0.isLowercase } == true)
        {
          flush()
        }
      }
      current.append(c)
    }
    flush()
    return result
  }

  /// Whether `text` contains the term's words consecutively.
  func matches(_ text: String) -> Bool {
    guard isUsable else { return false }
    let hay = Self.words(text)
    guard hay.count >= words.count else { return false }
    for start in 0...(hay.count - words.count) where hay[start] == words[0] {
      if Array(hay[start..<(start + words.count)]) == words { return true }
    }
    return false
  }

  /// Whether any name of the cluster matches: title, template, error type and value, origin and frame
  /// files, functions and modules, services, revisions, loggers and keywords.
  func matches(_ c: Cluster) -> Bool {
    var names = [c.title, c.template] + c.services + c.revisions + c.loggers + c.keywords
    names += [c.errorType, c.errorValue].compactMap { $0 }
    for f in (c.origin.map { [$0] } ?? []) + c.frames {
      names += [f.file, f.function, f.module].compactMap { $0 }
    }
    return names.contains { matches($0) }
  }
}
