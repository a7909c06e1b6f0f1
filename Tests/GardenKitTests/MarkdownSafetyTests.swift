import GardenKit
import XCTest

final class MarkdownSafetyTests: XCTestCase {
  static let hostile = [
    "# heading", "@user and @org/team", "see #12 and acme/repo#12 and GH-7",
    "<script>alert(1)</script> <!-- log-gardener fp=abc -->", "four ```` backticks and `one`",
    "bidi \u{202E}evil\u{202C} zero\u{200B}width @\u{200B}ghost",
    "*bold* _it_ [link](http://x) a|b ~~s~~",
    "&#64;entity &commat;x", "line one\nline two\r\nline three",
  ].joined(separator: "\n")

  /// ASCII `@`, `#` or `GH-` directly followed by what GitHub would link.
  func assertNoAutolinks(_ s: String, file: StaticString = #filePath, line: UInt = #line) {
    let scalars = Array(s.unicodeScalars)
    for (k, c) in scalars.enumerated() where k + 1 < scalars.count {
      let next = scalars[k + 1]
      let nextWord = next.isASCII && (next.properties.isAlphabetic || ("0"..."9").contains(next))
      XCTAssertFalse(c == "@" && nextWord, "mention survives in \(s)", file: file, line: line)
      XCTAssertFalse(
        c == "#" && ("0"..."9").contains(next), "reference survives in \(s)", file: file, line: line
      )
    }
    XCTAssertFalse(s.contains("GH-7"), file: file, line: line)
  }

  func assertNoInvisibles(_ s: String, file: StaticString = #filePath, line: UInt = #line) {
    for v in [0x202E, 0x202C, 0x200B] as [UInt32] {
      XCTAssertFalse(
        s.unicodeScalars.contains { $0.value == v }, String(v, radix: 16), file: file, line: line)
    }
  }

  func testInlineNeutralizesEverything() {
    let out = MarkdownSafety.inline(Self.hostile, maxLength: 10_000)
    assertNoAutolinks(out)
    assertNoInvisibles(out)
    XCTAssertFalse(out.contains("\n") || out.contains("\r"))
    XCTAssertFalse(out.contains("<"), "raw < survives: \(out)")
    XCTAssertFalse(out.contains("&#64;") || out.contains("&commat;"))
    XCTAssertTrue(out.hasPrefix("\\# heading"), out)
    XCTAssertTrue(out.contains("\\`\\`\\`\\`"))
    XCTAssertTrue(out.contains("\\*bold\\* \\_it\\_ \\[link\\](http://x) a\\|b \\~\\~s\\~\\~"), out)
    XCTAssertTrue(
      out.contains("\u{FF20}user") && out.contains("\u{FF20}ghost")
        && out.contains("acme/repo\u{FF03}12"), out)
    XCTAssertTrue(out.contains("line one line two line three"), out)
  }

  func testInlineKeepsOrdinaryText() {
    XCTAssertEqual(
      MarkdownSafety.inline("LLM Manager critical service validation failure"),
      "LLM Manager critical service validation failure")
    XCTAssertEqual(
      MarkdownSafety.inline("llm_manager: a@ b, C# and 3 > 2"), "llm_manager: a@ b, C# and 3 &gt; 2"
    )
    XCTAssertEqual(MarkdownSafety.inline("  spaced \t out  "), "spaced out")
  }

  func testInlineBlocksLeadingSyntax() {
    XCTAssertEqual(MarkdownSafety.inline("- item"), "\\- item")
    XCTAssertEqual(MarkdownSafety.inline("+ item"), "\\+ item")
    XCTAssertEqual(MarkdownSafety.inline("12. step"), "12\\. step")
    XCTAssertEqual(MarkdownSafety.inline("> quote"), "&gt; quote")
    XCTAssertEqual(MarkdownSafety.inline("\u{200B}# hidden heading"), "\\# hidden heading")
  }

  func testInlineShortensWithMarker() {
    let long = String(repeating: "a", count: 10_000)
    let out = MarkdownSafety.inline(long, maxLength: 120)
    XCTAssertLessThanOrEqual(out.unicodeScalars.count, 120)
    XCTAssertTrue(
      out.hasSuffix(
        "…(+\(10_000 - out.unicodeScalars.count + "…(+9893 chars)".unicodeScalars.count) chars)"),
      out)
    XCTAssertTrue(out.hasPrefix("aaaa"))
    // Escapes count against the budget and are never cut in half.
    let stars = MarkdownSafety.inline(String(repeating: "*", count: 100), maxLength: 30)
    XCTAssertLessThanOrEqual(stars.unicodeScalars.count, 30)
    XCTAssertTrue(stars.hasPrefix("\\*\\*") && stars.contains("\\*…(+"), stars)
    // Zalgo: one character with many combining marks is counted by scalars.
    let zalgo = "Z" + String(repeating: "\u{0301}", count: 1_000) + "ok"
    XCTAssertLessThanOrEqual(MarkdownSafety.inline(zalgo, maxLength: 50).unicodeScalars.count, 50)
  }

  func testCodeBlockCannotBeBrokenOut() {
    let out = MarkdownSafety.codeBlock(
      Self.hostile + "\n```\n# after fence @user", language: "py`thon x")
    let lines = out.components(separatedBy: "\n")
    guard let open = lines.first, let close = lines.last else { return XCTFail("empty") }
    XCTAssertEqual(open, "`````python")
    XCTAssertEqual(close, "`````")
    let inner = lines.dropFirst().dropLast()
    for line in inner {
      XCTAssertFalse(line.trimmingCharacters(in: .whitespaces).hasPrefix("`````"), line)
    }
    XCTAssertTrue(inner.contains("```"))
    XCTAssertTrue(inner.contains("<script>alert(1)</script> <!-- log-gardener fp=abc -->"))
    assertNoInvisibles(out)
    XCTAssertFalse(out.contains("\r"))
  }

  func testCodeBlockCutsLongLinesAndManyLines() {
    let long = String(repeating: "x", count: 10_000)
    let out = MarkdownSafety.codeBlock("short\n" + long + "\nend", maxLineLength: 500)
    let lines = out.components(separatedBy: "\n")
    XCTAssertEqual(lines.count, 5)
    XCTAssertLessThanOrEqual(lines[2].unicodeScalars.count, 500)
    XCTAssertTrue(lines[2].hasPrefix("xxx") && lines[2].hasSuffix(" chars)"), lines[2])
    XCTAssertEqual(lines[3], "end")

    let many = (1...200).map { "line \($0)" }.joined(separator: "\n")
    let capped = MarkdownSafety.codeBlock(many, maxLines: 60).components(separatedBy: "\n")
    XCTAssertEqual(capped.count, 62)
    XCTAssertEqual(capped[1], "line 1")
    XCTAssertEqual(capped[60], "line 200")
    XCTAssertTrue(capped.contains("… (141 lines omitted) …"))
  }

  func testCodeBlockEdgeCases() {
    XCTAssertEqual(MarkdownSafety.codeBlock(""), "```\n```")
    XCTAssertEqual(MarkdownSafety.codeBlock("a\n"), "```\na\n```")
    XCTAssertEqual(MarkdownSafety.codeBlock("x", language: "swift"), "```swift\nx\n```")
    XCTAssertEqual(MarkdownSafety.codeBlock("a\0b\u{7}c\td"), "```\nabc\td\n```")
  }

  func testCodeSpan() {
    XCTAssertEqual(MarkdownSafety.codeSpan("plain"), "`plain`")
    XCTAssertEqual(MarkdownSafety.codeSpan("a `b` c"), "``a `b` c``")
    XCTAssertEqual(MarkdownSafety.codeSpan("`start"), "`` `start ``")
    XCTAssertEqual(MarkdownSafety.codeSpan("x ```` y"), "`````x ```` y`````")
    XCTAssertEqual(MarkdownSafety.codeSpan("two\nlines \u{202E}"), "`two lines`")
    XCTAssertEqual(MarkdownSafety.codeSpan(""), "` `")
    XCTAssertEqual(MarkdownSafety.codeSpan("@user #12 <b>"), "`@user #12 <b>`")
  }
}
