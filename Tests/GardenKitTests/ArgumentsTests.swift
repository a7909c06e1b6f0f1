// The argument parser every stage shares: inputs, values and the usage errors it gives.
import Foundation
import XCTest

@testable import GardenKit

final class ArgumentsTests: XCTestCase {
  let spec = StageSpec(
    program: "garden-test", abstract: "test",
    options: [
      OptionSpec("limit", value: "N", help: "a number"),
      OptionSpec("service", value: "NAME", help: "repeatable", repeatable: true),
      OptionSpec("quiet", help: "a flag"),
      OptionSpec("rejects", value: "FILE", help: "a file written"),
    ],
    examples: [("example", "garden-test -")], exitStatuses: [.ok, .usage])

  private func usageError(_ argv: [String]) -> String? {
    if case .exit(.usage, let text) = Arguments.parse(argv, spec: spec) { return text }
    return nil
  }

  func testInputsDefaultToStandardInput() throws {
    guard case .run(let none) = Arguments.parse([], spec: spec) else { return XCTFail() }
    XCTAssertEqual(none.inputs, ["-"])
    guard case .run(let some) = Arguments.parse(["a.json", "-", "--", "--odd"], spec: spec) else {
      return XCTFail()
    }
    XCTAssertEqual(some.inputs, ["a.json", "-", "--odd"])
  }

  func testStandardInputTwiceIsAUsageError() {
    let text = usageError(["-", "a.json", "-"])
    XCTAssertEqual(
      text?.split(separator: "\n").first,
      "garden-test: error: standard input ('-') can be read only once")
    XCTAssertNotNil(usageError(["-", "--", "-"]))
  }

  /// An empty file name (an unset shell variable) is a usage error, not a file called "".
  func testEmptyFileNameIsAUsageError() {
    XCTAssertEqual(
      usageError(["--rejects", ""])?.split(separator: "\n").first,
      "garden-test: error: option '--rejects' needs a file name, got ''")
    XCTAssertNotNil(usageError(["--rejects="]))
  }

  /// `--rejects` naming an input, under any spelling of its path, would truncate it unread.
  func testRejectsFileThatIsAnInputIsAUsageError() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "args-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = dir.appendingPathComponent("in.ndjson").path
    try Data("{}\n".utf8).write(to: URL(fileURLWithPath: input))
    let alias = dir.path + "/./in.ndjson"
    XCTAssertTrue(
      usageError(["--rejects", alias, input])?.contains("it would be emptied") == true)
    XCTAssertEqual(try String(contentsOfFile: input, encoding: .utf8), "{}\n")
    guard case .run = Arguments.parse(["--rejects", dir.path + "/r.ndjson", input], spec: spec)
    else { return XCTFail("a new rejects file is fine") }
  }

  func testValuesAndTheirErrors() throws {
    guard
      case .run(let a) = Arguments.parse(
        ["--limit=3", "--service", "a", "--service=b", "--quiet"], spec: spec)
    else { return XCTFail() }
    XCTAssertEqual(try a.int("limit", default: 0), 3)
    XCTAssertEqual(a.values("service"), ["a", "b"])
    XCTAssertTrue(a.flag("quiet"))
    XCTAssertTrue(
      usageError(["--limit", "1", "--limit", "2"])?.contains("given more than once") ?? false)
    XCTAssertTrue(usageError(["--limit"])?.contains("needs a value (N)") ?? false)
    XCTAssertTrue(usageError(["--quiet=yes"])?.contains("takes no value") ?? false)
    XCTAssertTrue(usageError(["--limt", "1"])?.contains("did you mean '--limit'?") ?? false)
    XCTAssertTrue(usageError(["-x"])?.contains("options are long") ?? false)
  }
}
