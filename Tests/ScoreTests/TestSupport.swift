// Builders for hand-written cluster records in GardenKit's Cluster shape, and shortcuts to run the
// scorer on them, so each rule test states only what matters to that rule.

import Foundation
import GardenKit
import XCTest

@testable import GardenScore

enum Make {
  /// A cluster record. Defaults: one service, one revision, a 1 h window at 2025-09-15 13:00 UTC.
  static func cluster(
    fp: String = "f000000000000001", title: String, template: String? = nil,
    severity: String = "ERROR", count: Int = 10, severityCounts: [(String, Int)]? = nil,
    revisions: [String] = ["svc-00001-abc"], services: [String] = ["svc"], loggers: [String] = [],
    errorType: String? = nil, errorValue: String? = nil, origin: Frame? = nil, frames: [Frame] = [],
    first: String = "2025-09-15T13:00:00Z", last: String = "2025-09-15T13:50:00Z",
    histogram: [Int]? = nil, httpStatus: Int? = nil, signatures: [String] = []
  ) -> JSONObject {
    var c = Cluster()
    c.fingerprint = fp
    c.signatures = Array(Set(signatures + [fp])).sorted()
    c.title = title
    c.template = template ?? title
    c.group = errorType == nil ? "text" : "exception"
    c.errorType = errorType
    c.errorValue = errorValue
    c.origin = origin
    c.frames = frames
    c.count = count
    c.firstSeen = first
    c.lastSeen = last
    c.severity = Severity(name: severity) ?? .default
    c.severityCounts = severityCounts ?? [(severity, count)]
    c.services = services
    c.revisions = revisions
    c.loggers = loggers
    if let histogram {
      c.histogram = Histogram(start: "2025-09-15T13:00:00Z", bucketSeconds: 300, counts: histogram)
    }
    var sample = JSONObject([
      "kind": .string("event"), "ts": .string(first), "severity": .string(severity),
      "message": .string(template ?? title),
    ])
    if let httpStatus {
      sample["http"] = .object(JSONObject(["method": .string("GET"), "status": .int(httpStatus)]))
    }
    c.samples = [sample]
    return c.record
  }

  static let now = Timestamp(rfc3339: "2025-09-15T14:00:00Z")!

  /// Scores records as one run.
  static func run(
    _ records: [JSONObject], config: ScoreConfig = ScoreConfig(), history: History? = nil,
    now: Timestamp = Make.now, windowHours: Double = 1
  ) -> ScoreResult {
    Scorer.score(
      records, config: config, run: RunContext(now: now, windowHours: windowHours, history: history)
    )
  }

  /// Scores one record alone and returns its scored record.
  static func scored(
    _ record: JSONObject, config: ScoreConfig = ScoreConfig(), history: History? = nil,
    windowHours: Double = 1
  ) -> JSONObject {
    run([record], config: config, history: history, windowHours: windowHours).clusters[0].record
  }

  /// Parses a config from JSON text; fails the test when it is refused.
  static func config(_ text: String, file: StaticString = #filePath, line: UInt = #line)
    -> ScoreConfig
  {
    do {
      return try ConfigLoader.parse(Array(text.utf8))
    } catch {
      XCTFail("config refused: \(error)", file: file, line: line)
      return ScoreConfig()
    }
  }
}

extension JSONObject {
  var priority: String? { self["priority"]?.string }
  var reasons: [String] { self["reasons"]?.array?.compactMap(\.string) ?? [] }
}

/// Package paths for fixtures and the built binary.
enum Paths {
  static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let root = tests.deletingLastPathComponent().deletingLastPathComponent()
  static let fixtures = tests.appendingPathComponent("Fixtures")

  /// The built garden-score next to the test bundle.
  static var binary: URL {
    let fm = FileManager.default
    let candidates = [
      Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
      root.appendingPathComponent(".build/debug"),
    ]
    for c in candidates
    where fm.isExecutableFile(atPath: c.appendingPathComponent("garden-score").path) {
      return c.appendingPathComponent("garden-score")
    }
    return root.appendingPathComponent(".build/debug/garden-score")
  }

  static func tempDir() throws -> URL {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent(
      "garden-score-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
    return d
  }
}

/// Runs the built binary with a file as stdin, capturing stdout and stderr through files.
enum Binary {
  struct Result {
    var status: Int32
    var signal: Int32?
    var stdout: String
    var stderr: String
  }

  static func run(_ args: [String], env: [String: String] = [:]) throws -> Result {
    let dir = try Paths.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("out")
    let err = dir.appendingPathComponent("err")
    FileManager.default.createFile(atPath: out.path, contents: nil)
    FileManager.default.createFile(atPath: err.path, contents: nil)
    let p = Process()
    p.executableURL = Paths.binary
    p.arguments = args
    p.currentDirectoryURL = Paths.root
    var e = ProcessInfo.processInfo.environment
    for (k, v) in env { e[k] = v }
    p.environment = e
    p.standardInput = FileHandle.nullDevice
    p.standardOutput = try FileHandle(forWritingTo: out)
    p.standardError = try FileHandle(forWritingTo: err)
    try p.run()
    p.waitUntilExit()
    return Result(
      status: p.terminationReason == .exit ? p.terminationStatus : -1,
      signal: p.terminationReason == .uncaughtSignal ? p.terminationStatus : nil,
      stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
  }
}
