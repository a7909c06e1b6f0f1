// Runs the built garden-* executables in real processes and real pipes. Input is always given as a file
// (never written to a pipe we also read), so no pipe-buffer deadlock is possible.
import Foundation
import XCTest

enum Harness {
  /// The package root (two levels above this file).
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()

  /// ../shared beside the checkout, when present.
  static var shared: URL? {
    let u = root.deletingLastPathComponent().appendingPathComponent("shared")
    return FileManager.default.fileExists(atPath: u.appendingPathComponent("SPEC.md").path)
      ? u : nil
  }

  /// The folder holding the garden-* executables built with the tests.
  static var binDir: URL {
    let fm = FileManager.default
    var candidates: [URL] = []
    candidates.append(Bundle.main.bundleURL)
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
    candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
    candidates.append(root.appendingPathComponent(".build/debug"))
    candidates.append(root.appendingPathComponent(".build/release"))
    for c in candidates
    where fm.isExecutableFile(atPath: c.appendingPathComponent("garden-parse").path) {
      return c
    }
    return root.appendingPathComponent(".build/debug")
  }

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs a bash command line with the executables first on PATH, from the package root.
  static func sh(_ command: String, env extra: [String: String] = [:]) throws -> Result {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/bash")
    p.arguments = ["-c", command]
    p.currentDirectoryURL = root
    var env = ProcessInfo.processInfo.environment
    env["PATH"] = binDir.path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
    for (k, v) in extra { env[k] = v }
    p.environment = env
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "garden-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let outURL = dir.appendingPathComponent("out")
    let errURL = dir.appendingPathComponent("err")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    p.standardOutput = try FileHandle(forWritingTo: outURL)
    p.standardError = try FileHandle(forWritingTo: errURL)
    p.standardInput = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    return Result(
      status: p.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
  }

  /// Parses NDJSON output into objects (fails the test on a bad line).
  static func records(_ text: String, file: StaticString = #filePath, line: UInt = #line)
    -> [[String: Any]]
  {
    text.split(separator: "\n").compactMap { l in
      guard let o = try? JSONSerialization.jsonObject(with: Data(l.utf8)) as? [String: Any] else {
        XCTFail("not a JSON object: \(l.prefix(200))", file: file, line: line)
        return nil
      }
      return o
    }
  }
}
