// Stand-in for GardenKit's MarkdownSafety (branch `scrub`) until it lands; the lead deletes this file on
// merge. Same names and meaning, simple implementation: log text must never break out of a fence, start a
// heading, open an HTML tag, mention a user or link an issue.

enum MarkdownSafety {
  /// Marker appended where text was cut.
  static let cutMarker = "…"

  /// One line of running text: whitespace runs collapse to one space, control characters go, Markdown
  /// punctuation is backslash-escaped, `@name` and `#12` are broken with a zero-width space so GitHub
  /// neither notifies nor links, and the result is cut to `maxLength` characters with a marker.
  static func inline(_ text: String, maxLength: Int = 200) -> String {
    let flat = collapse(text)
    let cut = flat.count > maxLength ? String(flat.prefix(max(0, maxLength - 1))) + cutMarker : flat
    var out = ""
    out.reserveCapacity(cut.utf8.count + 8)
    for ch in cut {
      switch ch {
      case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&":
        out.append("\\")
        out.append(ch)
      case "@", "#":
        // `#` first would start a heading; a zero-width space after `@`/`#` stops mentions and links.
        if out.isEmpty { out.append("\\") }
        out.append(ch)
        out.append("\u{200B}")
      case "+", "-", "=":
        // First on a line these would open a list or underline a heading.
        if out.isEmpty { out.append("\\") }
        out.append(ch)
      case ".", ")":
        // `12.` at the start would open an ordered list.
        if !out.isEmpty && out.allSatisfy(\.isNumber) { out.append("\\") }
        out.append(ch)
      default:
        out.append(ch)
      }
    }
    return out
  }

  /// A fenced code block (ending in a newline) whose fence is longer than any backtick run inside;
  /// lines longer than `maxLineLength` characters are cut with a marker saying how much was left out,
  /// and at most `maxLines` lines are kept.
  static func codeBlock(
    _ text: String, language: String = "text", maxLineLength: Int = 300, maxLines: Int = 40
  ) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      String(line.unicodeScalars.filter { $0 == "\t" || !isControl($0) })
    }
    while lines.last?.isEmpty == true { lines.removeLast() }
    var kept: [String] = []
    for line in lines.prefix(max(1, maxLines)) {
      if line.count > maxLineLength {
        let rest = line.count - maxLineLength
        kept.append(String(line.prefix(maxLineLength)) + " \(cutMarker) [\(rest) more characters]")
      } else {
        kept.append(line)
      }
    }
    if lines.count > kept.count {
      kept.append("\(cutMarker) [\(lines.count - kept.count) more lines]")
    }
    let body = kept.joined(separator: "\n")
    let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: body) + 1))
    let lang = String(
      language.unicodeScalars.filter {
        $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "+"
      }.prefix(20).map(Character.init))
    return fence + lang + "\n" + body + "\n" + fence + "\n"
  }

  /// An inline code span around one line of text; the delimiter is longer than any backtick run inside.
  static func codeSpan(_ text: String) -> String {
    let flat = collapse(text)
    let ticks = String(repeating: "`", count: longestRun(of: "`", in: flat) + 1)
    let pad = flat.hasPrefix("`") || flat.hasSuffix("`") || flat.isEmpty ? " " : ""
    return ticks + pad + flat + pad + ticks
  }

  static func collapse(_ text: String) -> String {
    var out = ""
    var space = false
    for s in text.unicodeScalars {
      if s.properties.isWhitespace || isControl(s) {
        space = !out.isEmpty
        continue
      }
      if space { out.unicodeScalars.append(" ") }
      space = false
      out.unicodeScalars.append(s)
    }
    return out
  }

  static func isControl(_ s: Unicode.Scalar) -> Bool {
    s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
      || s.value == 0xFEFF || (0x202A...0x202E).contains(s.value)
      || (0x2066...0x2069).contains(s.value)
  }

  static func longestRun(of c: Character, in text: String) -> Int {
    var best = 0
    var run = 0
    for ch in text {
      run = ch == c ? run + 1 : 0
      best = max(best, run)
    }
    return best
  }
}
