// The built garden-render binary: --help shows real examples and the exit statuses, bad options exit
// 64, missing input 66, a newer schema 65, rejected lines 2, an unfinished upstream 3.

import Foundation
import GardenKit
import XCTest

@testable import GardenRender

final class CLITests: XCTestCase {
  /// The binary next to the test bundle (SwiftPM builds every product before `swift test`).
  static var binary: URL {
    let bundle = Bundle(for: CLITests.self).bundleURL
    let candidates = [bundle, bundle.deletingLastPathComponent()].map {
      $0.appendingPathComponent("garden-render")
    }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
      ?? candidates[0]
  }

  func run(_ args: [String], stdin: String = "") throws -> (Int32, String, String) {
    let p = Process()
    p.executableURL = Self.binary
    p.arguments = args
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    p.environment = env
    let inPipe = Pipe()
    let outPipe = Pipe()
    let errPipe = Pipe()
    p.standardInput = inPipe
    p.standardOutput = outPipe
    p.standardError = errPipe
    try p.run()
    inPipe.fileHandleForWriting.write(Data(stdin.utf8))
    try inPipe.fileHandleForWriting.close()
    let out = outPipe.fileHandleForReading.readDataToEndOfFile()
    let err = errPipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (
      p.terminationStatus, String(decoding: out, as: UTF8.self),
      String(decoding: err, as: UTF8.self)
    )
  }

  func testHelp() throws {
    let (status, out, _) = try run(["--help"])
    XCTAssertEqual(status, 0)
    XCTAssertTrue(out.contains("EXAMPLES:"))
    XCTAssertTrue(out.contains("garden-render --format text run.ndjson"))
    XCTAssertTrue(out.contains("--focus TERM"))
    for s in RenderStage.spec.exitStatuses {
      XCTAssertTrue(out.contains("  \(s.rawValue) "), "\(s)")
    }
  }

  func testExitStatuses() throws {
    let fixture = Fixture.path("run.ndjson")
    XCTAssertEqual(try run(["--now", "2025-09-15T14:05:00Z", fixture]).0, 0)
    XCTAssertEqual(try run(["--tz", "Nowhere/City", fixture]).0, 64)
    XCTAssertEqual(try run(["--now", "yesterday", fixture]).0, 64)
    XCTAssertEqual(try run(["--only-focus", fixture]).0, 64)
    XCTAssertEqual(try run(["--format", "html", fixture]).0, 64)
    XCTAssertEqual(try run(["/nonexistent/run.ndjson"]).0, 66)
    XCTAssertEqual(
      try run([], stdin: #"{"kind":"meta","schema":"9.0","stage":"parse"}"# + "\n").0, 65)
    let meta = #"{"kind":"meta","schema":"1.0","stage":"score","counts":{}}"#
    let (rejected, out, err) = try run([], stdin: "not json\n" + meta + "\n")
    XCTAssertEqual(rejected, 2)
    XCTAssertTrue(err.contains("<stdin>:1:"))
    XCTAssertTrue(out.contains("1 input line was not a valid record"))
    let cluster = #"{"kind":"cluster","fingerprint":"1","title":"t","count":1}"#
    let (partial, doc, _) = try run([], stdin: meta + "\n" + cluster + "\n")
    XCTAssertEqual(partial, 3)
    XCTAssertTrue(doc.contains("does not end with a meta record"))
    // A stage that finished but marked its output incomplete (a truncated export) is partial too.
    let cut =
      #"{"kind":"meta","schema":"1.0","stage":"parse","complete":false,"counts":{},"warnings":["cut"]}"#
    let (marked, doc2, _) = try run([], stdin: cut + "\n" + cluster + "\n" + meta + "\n")
    XCTAssertEqual(marked, 3)
    XCTAssertTrue(doc2.contains("PARTIAL RUN"))
  }

  func testOutputMatchesGoldenThroughTheBinary() throws {
    let (status, out, _) = try run([
      "--now", "2025-09-15T14:05:00Z", "--tz", "America/New_York", "--command",
      "/gcploggardener llm__manager", "--format", "text", Fixture.path("run.ndjson"),
    ])
    XCTAssertEqual(status, 0)
    XCTAssertEqual(out, try String(contentsOfFile: Fixture.path("run.txt"), encoding: .utf8))
  }
}
