// Shared helpers for the render tests: fixture paths, running the stage on a file or on records
// written to a temporary file, and a small Markdown structure checker.

import Foundation
import GardenKit
import XCTest

@testable import GardenRender

enum Fixture {
  static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  static func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

  /// Renders a fixture file with options; returns the document and status.
  static func render(_ name: String, _ options: RenderOptions) throws -> (String, ExitStatus) {
    let input = try RunInput.read(
      paths: [path(name)], diagnostics: Diagnostics(program: "garden-render-test"))
    return RenderStage.render(input, options)
  }

  /// Renders NDJSON lines given as text.
  static func render(lines: [String], _ options: RenderOptions = RenderOptions()) throws -> (
    String, ExitStatus
  ) {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "render-test-\(getpid())-\(UUID().uuidString).ndjson")
    try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    let input = try RunInput.read(
      paths: [url.path], diagnostics: Diagnostics(program: "garden-render-test"))
    return RenderStage.render(input, options)
  }

  /// Compares with a checked-in golden file; `UPDATE_GOLDEN=1` rewrites it instead.
  static func assertGolden(
    _ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let url = dir.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
      try actual.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    if actual != expected {
      let a = actual.components(separatedBy: "\n")
      let e = expected.components(separatedBy: "\n")
      let i = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
      XCTFail(
        "\(name) differs at line \(i + 1):\n  expected: \(i < e.count ? e[i] : "<end>")\n  actual:   \(i < a.count ? a[i] : "<end>")",
        file: file, line: line)
    }
  }

  /// The standard options of the golden tests.
  static var goldenOptions: RenderOptions {
    var o = RenderOptions()
    o.now = Moment(rfc3339: "2025-09-15T14:05:00Z")
    o.zone = LocalZone(identifier: "America/New_York")
    o.command = "/gcploggardener llm__manager"
    return o
  }
}

/// Checks block structure the way a CommonMark reader sees it: fenced code blocks (``` or ~~~, closed by
/// a fence of the same character at least as long, with no info string) and the lines outside them.
struct MarkdownStructure {
  var outside: [String] = []
  var blocks: [[String]] = []
  var unclosedFence = false

  init(_ text: String) {
    var fence: (Character, Int)?
    var current: [String] = []
    for line in text.components(separatedBy: "\n") {
      let trimmed = line.drop { $0 == " " }
      let lead = line.count - trimmed.count
      if let f = fence {
        let run = trimmed.prefix { $0 == f.0 }.count
        if lead < 4, run >= f.1, trimmed.dropFirst(run).allSatisfy({ $0 == " " }) {
          blocks.append(current)
          current = []
          fence = nil
        } else {
          current.append(line)
        }
        continue
      }
      if lead < 4, let c = trimmed.first, c == "`" || c == "~" {
        let run = trimmed.prefix { $0 == c }.count
        if run >= 3, !(c == "`" && trimmed.dropFirst(run).contains("`")) {
          fence = (c, run)
          continue
        }
      }
      outside.append(line)
    }
    unclosedFence = fence != nil
  }
}
