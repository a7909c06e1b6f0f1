// Every real sample entry in ../shared/data/gcp-samples gives exactly one event, compared field by
// field with the expected event in Golden/. After a deliberate change, regenerate with
// GARDEN_UPDATE_GOLDEN=1 swift test --filter GoldenSampleTests, and review the diff.
import Foundation
import GardenKit
import XCTest

@testable import GardenParse

final class GoldenSampleTests: XCTestCase {
  static let goldenDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden")

  /// Severity and service each sample must come out with, independent of the golden files.
  static let expected: [String: (String, String?)] = [
    "01": ("ERROR", "palios-taey"), "02": ("ERROR", "palios-taey"), "03": ("ERROR", "palios-taey"),
    "04": ("ERROR", "onwrite-food-listings"), "05": ("DEFAULT", "hello-app"),
    "06": ("DEBUG", "reactor"),
    "07": ("INFO", "cloudbilling.googleapis.com"), "08": ("INFO", "compute.googleapis.com"),
    "09": ("DEFAULT", "k8s.io"), "10": ("NOTICE", "compute.googleapis.com"),
    "11": ("INFO", "URL_MAP_NAME"),
    "12": ("INFO", "function-logging-sample"), "13": ("ERROR", "function-logging-sample"),
    "14": ("DEFAULT", nil), "15": ("WARNING", nil), "16": ("ERROR", "nisra-case-mover-processor"),
    "17": ("ERROR", "nisra-case-mover-processor"), "18": ("ERROR", "nisra-case-mover-processor"),
    "19": ("ERROR", "restapi-4"), "20": ("ERROR", "container.googleapis.com"),
    "21": ("ERROR", "artifactregistry.googleapis.com"), "22": ("DEFAULT", "k8s.io"),
    "23": ("NOTICE", "compute.googleapis.com"), "24": ("INFO", "compute.googleapis.com"),
    "25": ("INFO", "URL_MAP_NAME"), "26": ("DEFAULT", "your-function-name"),
    "27": ("ERROR", "app-name"),
    "28": ("ERROR", "log-error"), "29": ("ERROR", "iam.googleapis.com"),
    "30": ("INFO", "function-logging-sample"),
  ]

  func testEverySampleMatchesItsGoldenEvent() throws {
    let dir = try ParseTestSupport.sharedFile("data/gcp-samples")
    let names = try FileManager.default.contentsOfDirectory(atPath: dir)
      .filter { $0.hasSuffix(".json") }.sorted()
    XCTAssertEqual(names.count, 30)
    let update = ProcessInfo.processInfo.environment["GARDEN_UPDATE_GOLDEN"] == "1"
    for name in names {
      let run = try ParseTestSupport.run([dir + "/" + name])
      XCTAssertEqual(run.status, .ok, name)
      XCTAssertEqual(run.events.count, 1, name)
      guard var event = run.events.first else { continue }
      // The golden files do not depend on where ../shared is.
      event["src"] = .object(
        JSONObject([
          "file": .string(name), "line": event["src"]?["line"], "index": event["src"]?["index"],
        ]))
      let id = String(name.prefix(2))
      XCTAssertFalse((event["message"]?.string ?? "").isEmpty, "\(name): empty message")
      if let (severity, service) = Self.expected[id] {
        XCTAssertEqual(event["severity"]?.string, severity, name)
        XCTAssertEqual(event["service"]?.string, service, name)
      }
      let source = try String(contentsOfFile: dir + "/" + name, encoding: .utf8)
      if source.contains("\"timestamp\"") {
        XCTAssertNotNil(event["ts"]?.string, "\(name): timestamp lost")
      }
      let golden = Self.goldenDir.appendingPathComponent(name)
      var pretty: [UInt8] = []
      JSONWriter.pretty(.object(event), into: &pretty)
      pretty.append(0x0A)
      if update {
        try Data(pretty).write(to: golden)
        continue
      }
      guard let want = try? JSONReader.parse([UInt8](Data(contentsOf: golden))).object else {
        XCTFail("\(name): no golden file (run with GARDEN_UPDATE_GOLDEN=1)")
        continue
      }
      for key in Set(want.keys).union(event.keys).sorted() where want[key] != event[key] {
        XCTFail(
          "\(name): field \(key): got \(event[key].map(JSONWriter.string) ?? "nothing"), want \(want[key].map(JSONWriter.string) ?? "nothing")"
        )
      }
    }
  }

  func testAllSamplesAsOneNDJSONStreamReconcile() throws {
    let dir = try ParseTestSupport.sharedFile("data/gcp-samples")
    var lines: [String] = []
    for name in try FileManager.default.contentsOfDirectory(atPath: dir).filter({
      $0.hasSuffix(".json")
    }).sorted() {
      let v = try JSONReader.parse(
        [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))))
      lines.append(JSONWriter.string(v))
    }
    let path = ParseTestSupport.file("samples.ndjson", lines.joined(separator: "\n") + "\n")
    let run = try ParseTestSupport.run([path])
    XCTAssertEqual(run.status, .ok)
    // Samples 11 and 25 are the same load-balancer entry (same log, time and insertId).
    XCTAssertEqual(run.count("entries_in"), 30)
    XCTAssertEqual(run.count("duplicates"), 1)
    XCTAssertEqual(run.events.count, 29)
    XCTAssertEqual(run.events.map { $0["src"]?["line"]?.int ?? 0 }, (1...30).filter { $0 != 25 })
  }
}
