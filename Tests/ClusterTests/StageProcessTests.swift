// garden-cluster as a process: order independence, byte-identical reruns, shard merge (issue #4).
import Foundation
import GardenKit
import XCTest

final class StageProcessTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()

  static var binary: URL {
    for dir in [
      Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
      root.appendingPathComponent(".build/debug"),
    ] {
      let u = dir.appendingPathComponent("garden-cluster")
      if FileManager.default.isExecutableFile(atPath: u.path) { return u }
    }
    return root.appendingPathComponent(".build/debug/garden-cluster")
  }

  func run(_ args: [String], input: String) throws -> (Int32, String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cluster-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let inURL = dir.appendingPathComponent("in.ndjson")
    try input.write(to: inURL, atomically: true, encoding: .utf8)
    let outURL = dir.appendingPathComponent("out")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    let p = Process()
    p.executableURL = Self.binary
    p.arguments = args + [inURL.path]
    p.standardOutput = try FileHandle(forWritingTo: outURL)
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    return (p.terminationStatus, try String(contentsOf: outURL, encoding: .utf8))
  }

  /// A deterministic event stream with several kinds of clusters.
  func events(_ n: Int = 240) -> [String] {
    var lines: [String] = []
    for i in 0..<n {
      var e = Event()
      e.ts = Timestamp.formatSeconds(1_757_941_200 + Int64(i * 13))
      e.service = i % 5 == 0 ? "worker" : "api"
      e.revision = "api-0004\(i % 3)"
      switch i % 4 {
      case 0:
        e.message = "Database query timed out after \(i % 40).\(i % 9)s on table conversations"
        e.severity = .warning
      case 1:
        e.message =
          "JWT validation failed for user usr_\(String(i * 7919, radix: 16)): token expired"
        e.severity = .warning
      case 2:
        e.severity = .error
        e.error = ErrorInfo(type: "TypeError", value: "'NoneType' object is not callable")
        e.frames = [
          Frame(
            file: "/app/services/session_manager.py", line: 212, function: "_cleanup_callback",
            module: "services.session_manager")
        ]
      default:
        e.message = "LLM Manager initialized with 3 providers in \(400 + i)ms"
        e.severity = .info
      }
      lines.append(JSONWriter.string(.object(e.record)))
    }
    return lines
  }

  let meta =
    #"{"kind":"meta","schema":"1.0","stage":"parse","complete":true,"counts":{},"warnings":[]}"#

  func clusters(_ out: String) -> [String] {
    out.split(separator: "\n").map(String.init).filter { $0.contains(#""kind":"cluster""#) }
  }

  func testShuffledInputGivesSameClustersAndRerunsAreByteIdentical() throws {
    let ev = events()
    let (s1, a) = try run([], input: (ev + [meta]).joined(separator: "\n") + "\n")
    let (_, b) = try run([], input: (ev + [meta]).joined(separator: "\n") + "\n")
    var rng = SeededShuffle(seed: 42)
    let shuffled = ev.shuffled(using: &rng)
    let (_, c) = try run([], input: (shuffled + [meta]).joined(separator: "\n") + "\n")
    XCTAssertEqual(s1, 0)
    XCTAssertEqual(a, b, "two runs differ")
    XCTAssertEqual(clusters(a).count, 8)  // four problems on two services
    // Samples are chosen by a total order, so even they do not depend on input order.
    XCTAssertEqual(clusters(a), clusters(c))
  }

  func testThreeShardsMergedEqualOneRun() throws {
    let ev = events()
    let (_, whole) = try run([], input: (ev + [meta]).joined(separator: "\n") + "\n")
    var shards = ""
    for k in 0..<3 {
      let part = ev.enumerated().filter { $0.offset % 3 == k }.map(\.element)
      let (st, out) = try run(["--partial"], input: (part + [meta]).joined(separator: "\n") + "\n")
      XCTAssertEqual(st, 0)
      shards += out
    }
    let (st, merged) = try run(["--merge"], input: shards)
    XCTAssertEqual(st, 0)
    XCTAssertEqual(clusters(merged), clusters(whole))
  }

  func testAssignKeepsInputOrderAndAnnotatesEveryEvent() throws {
    let ev = events(40)
    let (st, out) = try run(["--assign"], input: (ev + [meta]).joined(separator: "\n") + "\n")
    XCTAssertEqual(st, 0)
    let rows = out.split(separator: "\n").filter { $0.contains(#""kind":"event""#) }
    XCTAssertEqual(rows.count, 40)
    for (row, original) in zip(rows, ev) {
      XCTAssertTrue(row.hasPrefix(original.dropLast()), "order or content changed")
      XCTAssertTrue(row.contains(#""cluster":""#) && row.contains(#""template":""#))
    }
  }

  func testMalformedLineIsReportedAndCounted() throws {
    let (st, out) = try run(
      [], input: events(4).joined(separator: "\n") + "\n{oops\n" + meta + "\n")
    XCTAssertEqual(st, 2)
    XCTAssertTrue(out.contains(#""rejected":1"#))
  }

  func testMissingClosingMetaIsPartial() throws {
    let (st, out) = try run([], input: events(4).joined(separator: "\n") + "\n")
    XCTAssertEqual(st, 3)
    XCTAssertTrue(out.contains("upstream stage did not finish"))
  }

  /// garden-parse on a truncated export ends with its meta record, but that record says
  /// `complete: false`: the clusters cover part of the window, so this output is partial too.
  func testUpstreamMetaMarkedIncompleteMakesThisOutputPartial() throws {
    let cut =
      #"{"kind":"meta","schema":"1.0","stage":"parse","complete":false,"counts":{},"warnings":["logs.json is truncated"]}"#
    let (st, out) = try run([], input: events(4).joined(separator: "\n") + "\n" + cut + "\n")
    XCTAssertEqual(st, 3)
    let last = try XCTUnwrap(out.split(separator: "\n").last)
    XCTAssertTrue(last.contains(#""stage":"cluster""#), String(last))
    XCTAssertTrue(last.contains(#""complete":false"#), String(last))
  }
}

/// A tiny deterministic generator so the shuffle is the same on every machine.
struct SeededShuffle: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
