// Runs garden-parse in process on files and collects its output records, exit status and messages.
import Foundation
import GardenKit
import XCTest

@testable import GardenParse

struct ParseRun {
  var status: ExitStatus
  var records: [JSONObject]
  var messages: [String]
  /// Standard output as text (`--check` writes lines, not records).
  var stdout = ""

  var events: [JSONObject] { records.filter { $0["kind"]?.string == "event" } }
  var meta: JSONObject? { records.last { $0["kind"]?.string == "meta" } }
  func count(_ name: String) -> Int? { meta?["counts"]?[name]?.int }
}

enum ParseTestSupport {
  /// ../shared beside the checkout root (or beside the folder holding the worktrees), when present.
  static var shared: URL? {
    var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    for _ in 0..<4 {
      dir = dir.deletingLastPathComponent()
      let candidate = dir.appendingPathComponent("shared")
      if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("SPEC.md").path) {
        return candidate
      }
    }
    return nil
  }

  static func sharedFile(_ relative: String) throws -> String {
    guard let s = shared else { throw XCTSkip("../shared is not beside the checkout") }
    let path = s.appendingPathComponent(relative).path
    guard FileManager.default.fileExists(atPath: path) else {
      throw XCTSkip("\(relative) not present")
    }
    return path
  }

  static var scratch: URL {
    let u = FileManager.default.temporaryDirectory.appendingPathComponent(
      "garden-parse-tests-\(getpid())")
    try? FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
    return u
  }

  /// Writes `text` to a scratch file and returns its path.
  static func file(_ name: String, _ bytes: [UInt8]) -> String {
    let url = scratch.appendingPathComponent(name)
    FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
    return url.path
  }
  static func file(_ name: String, _ text: String) -> String { file(name, Array(text.utf8)) }

  /// Runs the stage with command-line arguments; output goes through a scratch file.
  static func run(
    _ argv: [String], expectJSON: Bool = true, file: StaticString = #filePath, line: UInt = #line
  ) throws -> ParseRun {
    guard case .run(let args) = Arguments.parse(argv, spec: ParseSpec.spec) else {
      XCTFail("arguments rejected: \(argv)", file: file, line: line)
      return ParseRun(status: .usage, records: [], messages: [])
    }
    let outURL = scratch.appendingPathComponent("out-\(UUID().uuidString).ndjson")
    let fd = open(outURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    defer { close(fd) }
    let stage = try ParseStage(
      options: ParseOptions(args), diagnostics: Diagnostics(program: "garden-parse"),
      output: OutputStream(fd: fd))
    let status = try stage.run()
    let data = try Data(contentsOf: outURL)
    try? FileManager.default.removeItem(at: outURL)
    var records: [JSONObject] = []
    for l in data.split(separator: 0x0A) where expectJSON {
      let bytes = [UInt8](l)
      XCTAssertTrue(
        UTF8Validation.isValid(bytes), "output line is not valid UTF-8", file: file, line: line)
      guard let o = try? JSONReader.parse(bytes).object else {
        XCTFail("output line is not a JSON object", file: file, line: line)
        continue
      }
      records.append(o)
    }
    return ParseRun(
      status: status, records: records, messages: stage.reporter.messages,
      stdout: String(decoding: data, as: UTF8.self))
  }
}
