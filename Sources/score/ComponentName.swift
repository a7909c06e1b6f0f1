// Matching a configured component name ("llm_manager", "netra_backend.app.db") against the names a
// cluster carries. Names are compared as sequences of lower-case words, so `.`, `_`, `-`, `/`, `:` and
// spaces are all the same separator: "llm_manager" matches the module `app.llm.llm_manager` and the
// text "LLM Manager is not available", and "app.db" matches `app.db.pool` but not `app.dbx`.

enum ComponentName {
  /// Lower-case alphanumeric words of `text`, in order.
  static func words(_ text: String) -> [Substring] {
    text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) })
  }

  /// True when the words of `entry` appear contiguously, in order, among the words of `name`.
  static func matches(_ entry: String, in name: String) -> Bool {
    let needle = words(entry)
    guard !needle.isEmpty else { return false }
    let hay = words(name)
    guard hay.count >= needle.count else { return false }
    for start in 0...(hay.count - needle.count) {
      var ok = true
      for j in 0..<needle.count where hay[start + j] != needle[j] {
        ok = false
        break
      }
      if ok { return true }
    }
    return false
  }

  /// The first of `names` that `entry` matches.
  static func firstMatch(_ entry: String, among names: [String]) -> String? {
    names.first { matches(entry, in: $0) }
  }
}
