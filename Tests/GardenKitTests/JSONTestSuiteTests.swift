// Runs every file of the JSON conformance suite (../shared/data/json-test-suite) through JSONReader:
// y_ must parse, n_ must be rejected with a position, i_ may go either way but must not crash.
import Foundation
import GardenKit
import XCTest

final class JSONTestSuiteTests: XCTestCase {
  static var suiteFolder: URL? {
    var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    for _ in 0..<4 {
      dir = dir.deletingLastPathComponent()
      let candidate = dir.appendingPathComponent("shared/data/json-test-suite/test_parsing")
      if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
      let sibling = dir.deletingLastPathComponent().appendingPathComponent(
        "shared/data/json-test-suite/test_parsing")
      if FileManager.default.fileExists(atPath: sibling.path) { return sibling }
    }
    return nil
  }

  func files(_ prefix: String) throws -> [URL] {
    guard let dir = Self.suiteFolder else {
      throw XCTSkip("json-test-suite not present beside the checkout")
    }
    return try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
      .filter { $0.lastPathComponent.hasPrefix(prefix) }.sorted { $0.path < $1.path }
  }

  func testAcceptsEveryYFile() throws {
    let ys = try files("y_")
    XCTAssertEqual(ys.count, 95)
    for f in ys {
      let bytes = [UInt8](try Data(contentsOf: f))
      XCTAssertNoThrow(try JSONReader.parse(bytes), f.lastPathComponent)
    }
  }

  func testRejectsEveryNFile() throws {
    let ns = try files("n_")
    XCTAssertEqual(ns.count, 188)
    for f in ns {
      let bytes = [UInt8](try Data(contentsOf: f))
      do {
        _ = try JSONReader.parse(bytes)
        XCTFail("accepted \(f.lastPathComponent)")
      } catch {
        XCTAssertLessThanOrEqual(error.offset, bytes.count, f.lastPathComponent)
        XCTAssertFalse(error.reason.isEmpty)
      }
    }
  }

  func testSurvivesEveryIFile() throws {
    for f in try files("i_") {
      let bytes = [UInt8](try Data(contentsOf: f))
      _ = try? JSONReader.parse(bytes)
    }
  }
}
