// The argument parser every stage shares: inputs, values and the usage errors it gives.
import XCTest

@testable import GardenKit

final class ArgumentsTests: XCTestCase {
  let spec = StageSpec(
    program: "garden-test", abstract: "test",
    options: [
      OptionSpec("limit", value: "N", help: "a number"),
      OptionSpec("service", value: "NAME", help: "repeatable", repeatable: true),
      OptionSpec("quiet", help: "a flag"),
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
