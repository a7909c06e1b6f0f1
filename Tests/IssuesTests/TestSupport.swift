// Shared helpers: cluster fixtures built in code, the fake gh and its state, and running the built
// garden-issues binary the way a user does.
import Foundation
import GardenKit
import XCTest

@testable import GardenIssues

enum Fixture {
  /// The package root, from this file's path.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let fakeGh = root.appendingPathComponent("Tests/Fixtures/fake-gh/gh").path

  /// The built product, next to the test bundle.
  static var binary: String {
    let beside = Bundle.main.bundleURL.appendingPathComponent("garden-issues").path
    if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    for b in Bundle.allBundles {
      let p = b.bundleURL.deletingLastPathComponent().appendingPathComponent("garden-issues").path
      if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return root.appendingPathComponent(".build/debug/garden-issues").path
  }

  /// The shared case data (`shared/data/cases`), found beside the checkout or a worktree.
  static var casesDir: String? {
    var dir = root
    for _ in 0..<4 {
      dir = dir.deletingLastPathComponent()
      let p = dir.appendingPathComponent("shared/data/cases").path
      if FileManager.default.fileExists(atPath: p + "/C13.existing-issues.json") { return p }
    }
    return nil
  }

  /// A fresh temporary directory.
  static func tempDir() -> String {
    let d = NSTemporaryDirectory() + "issues-test-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
  }

  /// A scored cluster record.
  static func cluster(
    fingerprint: String, title: String, template: String, errorType: String? = nil,
    errorValue: String? = nil, frames: [Frame] = [], service: String = "llm-backend",
    loggers: [String] = [], count: Int = 5, first: String = "2025-09-15T13:05:00Z",
    last: String = "2025-09-15T13:55:00Z", severity: Severity = .error, priority: String? = "P1",
    message: String? = nil, keywords: [String] = [], signatures: [String] = [],
    extra: [(String, JSONValue)] = []
  ) -> JSONObject {
    var c = Cluster()
    c.fingerprint = fingerprint
    c.signatures = [fingerprint] + signatures
    c.title = title
    c.template = template
    c.group = errorType == nil ? "text" : "exception"
    c.errorType = errorType
    c.errorValue = errorValue
    c.frames = frames
    c.origin = frames.last { $0.inApp }
    c.count = count
    c.firstSeen = first
    c.lastSeen = last
    c.severity = severity
    c.severityCounts = [(severity.name, count)]
    c.services = [service]
    c.revisions = [service + "-00042-kq8"]
    c.loggers = loggers
    c.keywords = keywords
    c.samples = [
      JSONObject([
        "kind": .string("event"), "ts": .string(last), "severity": .string(severity.name),
        "message": .string(message ?? template),
      ])
    ]
    c.priority = priority
    if priority != nil { c.reasons = ["\(count) events in the window"] }
    var o = c.record
    for (k, v) in extra { o[k] = v }
    return o
  }

  static func meta(_ stage: String, window: (String, String)? = nil) -> JSONObject {
    var m = MetaRecord(stage: stage)
    if let window {
      m.extra["window"] = .object(
        JSONObject(["start": .string(window.0), "end": .string(window.1)]))
    }
    return m.record
  }

  /// Writes records as NDJSON, a parse meta first and a score meta last.
  static func stream(_ clusters: [JSONObject], in dir: String, name: String = "in.ndjson") -> String
  {
    var text =
      JSONWriter.string(
        .object(meta("parse", window: ("2025-09-15T13:00:00Z", "2025-09-15T14:00:00Z")))) + "\n"
    for c in clusters { text += JSONWriter.string(.object(c)) + "\n" }
    text += JSONWriter.string(.object(meta("score"))) + "\n"
    let path = dir + "/" + name
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    return path
  }

  /// A gh-issue-list-shaped issue.
  static func issue(
    _ n: Int, _ title: String, _ body: String, state: String = "OPEN", reason: String = "",
    labels: [String] = [], closedAt: String? = nil
  ) -> [String: Any] {
    [
      "number": n, "title": title, "body": body, "state": state, "stateReason": reason,
      "labels": labels.map { ["name": $0] },
      "url": "https://github.com/acme/llm-backend/issues/\(n)",
      "closedAt": closedAt as Any, "updatedAt": "2025-09-14T10:00:00Z",
    ]
  }

  /// Writes the fake gh state file.
  static func writeState(_ dir: String, issues: [[String: Any]], labels: [String] = ["bug"])
    -> String
  {
    let path = dir + "/gh-state.json"
    let state: [String: Any] = [
      "repo": "acme/llm-backend", "issues": issues, "labels": labels, "writes": 0,
    ]
    let data = try! JSONSerialization.data(withJSONObject: state, options: [.sortedKeys])
    _ = FileManager.default.createFile(atPath: path, contents: data)
    return path
  }

  static func readState(_ path: String) -> [String: Any] {
    let data = FileManager.default.contents(atPath: path) ?? Data()
    return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
  }

  static func stateIssues(_ path: String) -> [[String: Any]] {
    readState(path)["issues"] as? [[String: Any]] ?? []
  }

  static func stateComments(_ path: String) -> [String: [String]] {
    readState(path)["comments"] as? [String: [String]] ?? [:]
  }

  /// The argv lists the fake gh logged.
  static func ghCalls(_ log: String) -> [[String]] {
    guard let text = try? String(contentsOfFile: log, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").compactMap {
      (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String]
    }
  }

  struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
    /// Output records parsed.
    var records: [JSONObject] {
      stdout.split(separator: "\n").compactMap { (try? JSONReader.parse(String($0)))?.object }
    }
    var clusters: [JSONObject] { records.filter { $0["kind"]?.string == "cluster" } }
    var decisions: [IssueDecision] { clusters.compactMap { IssueDecision(json: $0["issue"]) } }
    var meta: JSONObject? { records.last { $0["kind"]?.string == "meta" } }
  }

  /// Runs the built garden-issues with the fake gh on PATH.
  static func run(_ args: [String], env: [String: String] = [:]) -> RunResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: binary)
    p.arguments = args
    var e = ProcessInfo.processInfo.environment
    let ghDir = URL(fileURLWithPath: fakeGh).deletingLastPathComponent().path
    e["PATH"] = ghDir + ":" + (e["PATH"] ?? "/usr/bin:/bin")
    for (k, v) in env { e[k] = v }
    p.environment = e
    let dir = tempDir()
    let outPath = dir + "/stdout"
    let errPath = dir + "/stderr"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    p.standardOutput = FileHandle(forWritingAtPath: outPath)
    p.standardError = FileHandle(forWritingAtPath: errPath)
    p.standardInput = FileHandle.nullDevice
    do { try p.run() } catch {
      return RunResult(status: -1, stdout: "", stderr: "cannot run \(binary): \(error)")
    }
    p.waitUntilExit()
    let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    try? FileManager.default.removeItem(atPath: dir)
    return RunResult(status: p.terminationStatus, stdout: out, stderr: err)
  }
}
