// Log text is hostile: a cluster whose title, message, keywords, reasons and issue fields hold backtick
// runs, HTML, headings, mentions, issue references and a 10,000-character line must leave the Markdown
// well-formed (every fence closed, nothing injected) and the long line cut with a marker.

import GardenKit
import XCTest

@testable import GardenRender

final class HostileTextTests: XCTestCase {
  static let long = String(repeating: "x", count: 10_000)
  static let nasty =
    "boom ``` ```` `x` <script>alert(1)</script> @octocat #12\n# heading\n~~~\n```\n" + long
    + "\n</details><img src=x onerror=alert(1)>"

  func hostileRecord() -> String {
    let n = JSONValue.string(Self.nasty)
    var c = JSONObject()
    c.append("kind", .string("cluster"))
    c.append("fingerprint", .string("ffff000011112222"))
    c.append("title", n)
    c.append("template", n)
    c.append("group", .string("exception"))
    c.append("error_type", .string("Evil`Type<b>"))
    c.append("error_value", n)
    c.append(
      "origin",
      .object(
        JSONObject([
          "file": .string("app/`evil`.py\n# x"), "line": .int(3), "function": .string("@fn <i>"),
        ])))
    c.append("count", .int(3))
    c.append("severity", .string("ERROR"))
    c.append("services", .array([n]))
    c.append("loggers", .array([.string("|pipe|`tick`")]))
    c.append(
      "samples",
      .array([
        .object(
          JSONObject([
            "kind": .string("event"), "ts": .string("2025-09-15T13:00:01Z"),
            "severity": .string("ERROR"), "message": n,
          ]))
      ]))
    c.append("keywords", .array([n, .string("\"quoted\" @user")]))
    c.append("priority", .string("P1"))
    c.append("reasons", .array([n]))
    c.append("impact", n)
    c.append(
      "issue",
      .object(
        JSONObject([
          "action": .string("update"), "number": .int(5),
          "url": .string("https://github.com/o/r/issues/5) [x](javascript:alert(1)"),
          "title": n, "reason": n,
        ])))
    let meta =
      #"{"kind":"meta","schema":"1.0","stage":"parse","complete":false,"counts":{},"warnings":["#
      + JSONWriter.string(n) + "]}"
    return JSONWriter.string(.object(c)) + "\n" + meta
  }

  func testMarkdownStaysWellFormed() throws {
    let (doc, _) = try Fixture.render(lines: [hostileRecord()])
    let md = MarkdownStructure(doc)
    XCTAssertFalse(md.unclosedFence, "a fence is left open")
    // Outside code blocks: only our own headings, no raw HTML, no live mentions or issue links.
    let allowedHeadings = ["# Log Gardener worklog", "## ", "### C"]
    for line in md.outside {
      if line.hasPrefix("#") {
        XCTAssertTrue(allowedHeadings.contains { line.hasPrefix($0) }, "injected heading: \(line)")
      }
      let prose = Self.removingCodeSpans(line)
      XCTAssertFalse(prose.contains("<script"), "raw HTML: \(line)")
      XCTAssertFalse(prose.contains("<img"), "raw HTML: \(line)")
      XCTAssertFalse(prose.contains("</details"), "raw HTML: \(line)")
      XCTAssertFalse(prose.contains("@octocat"), "live mention: \(line)")
      XCTAssertFalse(prose.contains("#12"), "live issue reference: \(line)")
      XCTAssertFalse(prose.contains("javascript:"), "unsafe link: \(line)")
      XCTAssertLessThan(line.count, 2_000, "a long line reached the prose")
    }
    // The whole message sits in a code block, its long line cut with a marker.
    let sample = try XCTUnwrap(md.blocks.first { $0.contains { $0.contains("<script>") } })
    let cut = try XCTUnwrap(sample.first { $0.hasPrefix("xxxx") })
    XCTAssertLessThan(cut.count, 400)
    XCTAssertTrue(cut.contains("chars)"), cut)
    XCTAssertTrue(sample.contains("# heading"), "the heading text stays inside the block")
  }

  func testTextFormatHasNoControlCharacters() throws {
    var o = RenderOptions()
    o.format = .text
    let (doc, _) = try Fixture.render(
      lines: [hostileRecord().replacingOccurrences(of: "boom", with: "boom\\u001b[31m\\u0007")], o)
    XCTAssertFalse(doc.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    XCTAssertEqual(doc.components(separatedBy: "\n").filter { $0.hasPrefix("C1") }.count, 1)
  }

  func testJSONFormatIsValidJSON() throws {
    var o = RenderOptions()
    o.format = .json
    let (doc, _) = try Fixture.render(lines: [hostileRecord()], o)
    let v = try JSONReader.parse(doc)
    XCTAssertEqual(v["clusters"]?.array?.first?["title"]?.string, Self.nasty)
  }

  func testSecretsAreScrubbed() throws {
    let line =
      #"{"kind":"cluster","fingerprint":"1","title":"login failed for maria@example.com","count":1,"severity":"ERROR","samples":[{"kind":"event","severity":"ERROR","message":"Authorization: Bearer abcdefghijklmnop password=hunter2 https://u:pw@db.example.com/x"}]}"#
    let (doc, _) = try Fixture.render(lines: [line])
    for secret in ["maria@example.com", "abcdefghijklmnop", "hunter2", "u:pw@"] {
      XCTAssertFalse(doc.contains(secret), secret)
    }
  }

  func testHostileNumbersDoNotCrash() throws {
    let line =
      #"{"kind":"cluster","fingerprint":"1","title":"t","count":9223372036854775807,"severity":"ERROR","histogram":{"start":"2025-09-15T13:00:00Z","bucket_seconds":9223372036854775807,"counts":[9223372036854775807,9223372036854775807]}}"#
    let line2 =
      #"{"kind":"cluster","fingerprint":"2","title":"u","count":9223372036854775807,"severity":"ERROR","priority":"P0","histogram":{"start":"2025-09-15T13:00:00Z","bucket_seconds":300,"counts":[9223372036854775807,9223372036854775807]}}"#
    let meta =
      #"{"kind":"meta","stage":"parse","counts":{"entries_in":-9223372036854775807,"events_out":9223372036854775807,"rejected":9223372036854775807}}"#
    for format in [RenderOptions.Format.markdown, .text, .json] {
      var o = RenderOptions()
      o.format = format
      let (doc, _) = try Fixture.render(lines: [line, line2, meta], o)
      XCTAssertFalse(doc.isEmpty)
    }
  }

  /// A line with backslash escapes and `code spans` replaced, so checks see only what GitHub would
  /// parse as live Markdown.
  static func removingCodeSpans(_ line: String) -> String {
    var out = ""
    var chars = Substring(line)
    while let c = chars.first {
      if c == "\\", chars.count > 1,
        chars.dropFirst().first?.isPunctuation == true
          || chars.dropFirst().first?.isSymbol == true
      {
        out += "E"
        chars = chars.dropFirst(2)
        continue
      }
      if c == "`" {
        let run = chars.prefix { $0 == "`" }
        let rest = chars.dropFirst(run.count)
        if let end = rest.range(of: String(run)) {
          chars = rest[end.upperBound...]
          out += "CODE"
          continue
        }
        out += run
        chars = rest
        continue
      }
      out.append(c)
      chars = chars.dropFirst()
    }
    return out
  }
}
