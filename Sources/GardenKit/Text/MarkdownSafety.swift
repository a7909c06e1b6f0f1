// Neutralizing untrusted text (log messages, exception values, service names) before it goes into
// a GitHub issue, a comment or the worklog, so that it cannot ping people, link or close issues,
// inject HTML, hide text, or break the layout around it.

/// Makes untrusted text safe to embed in GitHub-flavoured Markdown.
///
/// How each hazard is neutralized:
/// - `@name` and `#123`: the `@` becomes `＠` (U+FF20) and the `#` becomes `＃` (U+FF03).
///   GitHub's mention and reference autolinkers run on the rendered text and match only the
///   ASCII characters, so a backslash escape would not stop them; a visible full-width
///   look-alike does, reads the same, and survives any later removal of invisible characters
///   (unlike a zero-width joiner). `owner/repo#12` and `GH-12` are covered the same way (the
///   dash of `GH-` becomes a non-breaking hyphen, U+2011).
/// - HTML: `<` and `>` become `&lt;` and `&gt;`, and `&` before a letter or `#` becomes `&amp;`,
///   so no tag, comment (`<!-- … -->`, which could forge the issue marker) or entity survives.
/// - Markdown syntax: `\ ` ` * [ ] | ~` are backslash-escaped, `_` too unless it sits inside a
///   word, and a leading `#`, `>`, `-`, `+`, `=` or `1.`/`1)` cannot start a block.
/// - Zero-width, bidi-override and control characters are removed (see `InvisibleCharacters`).
public enum MarkdownSafety {
  /// The default budget for `inline`, in Unicode scalars: the issue-title budget of the
  /// scrubbing notes (GitHub's hard limit for titles is 256).
  public static let defaultInlineLength = 120

  /// Text for inline Markdown (titles, table cells, list items): mentions, references, HTML and
  /// Markdown syntax neutralized, invisible and control characters removed, whitespace runs
  /// (newlines included) collapsed to one space, and the result cut to `maxLength` Unicode
  /// scalars with a visible `…(+N chars)` marker when longer.
  public static func inline(_ text: String, maxLength: Int = defaultInlineLength) -> String {
    let cleaned = InvisibleCharacters.cleaned(text, singleLine: true)
    // Escaping only lengthens text, so characters past the budget are never rendered.
    let chars = Array(cleaned.prefix(max(0, maxLength) + 1))
    var pieces: [String] = []
    pieces.reserveCapacity(chars.count)
    let blockPunctuation = leadingBlockPunctuation(chars)
    for (k, char) in chars.enumerated() {
      pieces.append(
        renderInline(
          char, previous: k > 0 ? chars[k - 1] : nil, beforePrevious: k > 1 ? chars[k - 2] : nil,
          next: k + 1 < chars.count ? chars[k + 1] : nil, escapeBlock: k == blockPunctuation))
    }
    let total = chars.count <= maxLength ? chars.count : cleaned.count
    return LengthLimit.joined(pieces, total: total, limit: maxLength)
  }

  /// A fenced code block that nothing inside can break. The fence is a run of backticks longer
  /// than any run inside (at least 3); the info string is the first word of `language`, keeping only `[A-Za-z0-9_+.#-]` (at most
  /// 32);
  /// lines longer than `maxLineLength` scalars are cut with `…(+N chars)`; past `maxLines` lines
  /// the middle is replaced by one `… (N lines omitted) …` line, keeping the head and the tail
  /// (where tracebacks put the exception); invisible, bidi and control characters other than tab
  /// are removed and line breaks normalized to `\n`. Mentions and HTML are inert inside code, so
  /// they stay. The result has no trailing newline; put it on lines of its own.
  public static func codeBlock(
    _ text: String, language: String = "", maxLineLength: Int = 500, maxLines: Int = 60
  ) -> String {
    var lines = InvisibleCharacters.cleaned(text, singleLine: false)
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    let limit = max(1, maxLines)
    if lines.count > limit {
      let keep = limit - 1
      let tail = keep / 2
      let head = keep - tail
      let omitted = lines.count - keep
      lines =
        Array(lines[0..<head]) + ["… (\(omitted) lines omitted) …"]
        + Array(lines[(lines.count - tail)...])
    }
    lines = lines.map { LengthLimit.shortened($0, limit: maxLineLength) }
    let body = lines.joined(separator: "\n")
    let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: body) + 1))
    // The language is the first word of the info string; a backtick there would end the fence.
    let word = language.unicodeScalars.drop { $0.properties.isWhitespace }.prefix {
      !$0.properties.isWhitespace
    }
    let info = String(
      word.filter { $0.isASCII && isInfoByte(UInt8($0.value)) }.prefix(32).map(Character.init))
    return lines.isEmpty ? fence + info + "\n" + fence : fence + info + "\n" + body + "\n" + fence
  }

  /// An inline code span safe for any content: the delimiter is one backtick longer than any
  /// run inside, and spaces pad the content when it starts or ends with a backtick or a space
  /// (CommonMark strips one padding space from each side). Line breaks become spaces and
  /// invisible, bidi and control characters are removed. Note: inside a GFM table cell a `|`
  /// still splits the cell even in code; use `inline` for cells.
  /// Plain text for places that are not Markdown (GitHub issue titles): one line, with invisible,
  /// bidi and control characters removed. Mentions and references are the caller's concern there.
  public static func plainText(_ text: String) -> String {
    InvisibleCharacters.cleaned(text, singleLine: true)
  }

  /// `text` cut to `maxLength` characters with a visible `…(+N chars)` marker, never mid-character.
  public static func shortened(_ text: String, maxLength: Int) -> String {
    LengthLimit.shortened(text, limit: maxLength)
  }

  public static func codeSpan(_ text: String) -> String {
    let content = InvisibleCharacters.cleaned(text, singleLine: true)
    if content.isEmpty { return "` `" }
    let delimiter = String(repeating: "`", count: longestRun(of: "`", in: content) + 1)
    let pad = content.first == "`" || content.last == "`"
    return pad ? delimiter + " " + content + " " + delimiter : delimiter + content + delimiter
  }

  // MARK: Helpers

  static func longestRun(of char: Character, in text: String) -> Int {
    var longest = 0
    var current = 0
    for scalar in text.unicodeScalars {
      if Character(scalar) == char {
        current += 1
        longest = max(longest, current)
      } else {
        current = 0
      }
    }
    return longest
  }

  static func isInfoByte(_ b: UInt8) -> Bool {
    ASCIIByte.isAlnum(b) || b == ASCIIByte.underscore || b == ASCIIByte.plus || b == ASCIIByte.dot
      || b == ASCIIByte.hash || b == ASCIIByte.dash
  }

  /// Index of the character that would start block syntax at the beginning of the text: the
  /// first one for `#`, `>`, `-`, `+`, `=`, or the `.`/`)` after up to nine leading digits.
  static func leadingBlockPunctuation(_ chars: [Character]) -> Int? {
    guard let first = chars.first else { return nil }
    if "#>-+=".contains(first) { return 0 }
    var k = 0
    while k < chars.count && k < 9 && chars[k].isASCII && chars[k].isNumber { k += 1 }
    return k > 0 && k < chars.count && (chars[k] == "." || chars[k] == ")") ? k : nil
  }

  /// The rendering of one character in inline context.
  static func renderInline(
    _ char: Character, previous: Character?, beforePrevious: Character?, next: Character?,
    escapeBlock: Bool
  ) -> String {
    let scalars = char.unicodeScalars
    guard let first = scalars.first, first.isASCII else { return String(char) }
    // A combining mark after ASCII punctuation does not change how Markdown reads it: render
    // the first scalar, then the rest unchanged.
    let rest = String(String.UnicodeScalarView(scalars.dropFirst()))
    let nextIsAlnum = next.map { $0.isASCII && ($0.isLetter || $0.isNumber) } ?? false
    let nextIsDigit = next.map { $0.isASCII && $0.isNumber } ?? false
    let previousIsAlnum = previous.map { $0.isASCII && ($0.isLetter || $0.isNumber) } ?? false
    let rendered: String
    switch first {
    case "\\", "`", "*", "[", "]", "|", "~":
      rendered = "\\" + String(first)
    case "_":
      rendered = previousIsAlnum && nextIsAlnum ? "_" : "\\_"
    case "<":
      rendered = "&lt;"
    case ">":
      rendered = "&gt;"
    case "&":
      let entityLike = next.map { $0.isASCII && ($0.isLetter || $0 == "#") } ?? false
      rendered = entityLike ? "&amp;" : "&"
    case "@":
      rendered = nextIsAlnum ? "\u{FF20}" : "@"
    case "#":
      rendered = nextIsDigit ? "\u{FF03}" : escapeBlock ? "\\#" : "#"
    case "-":
      let afterGH = previous == "H" && beforePrevious == "G"
      rendered = afterGH && nextIsDigit ? "\u{2011}" : escapeBlock ? "\\-" : "-"
    default:
      rendered = escapeBlock ? "\\" + String(first) : String(first)
    }
    return rendered + rest
  }
}
