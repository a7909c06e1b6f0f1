// pipeline.sh decides whether to build by comparing the sources with a stamp of its last build. swift
// build relinks only the stages whose sources changed, so comparing with each executable made every
// run after an edit to one stage start `swift build` again, forever (a no-op build from cron each hour).
import Foundation
import XCTest

final class PipelineBuildTests: XCTestCase {
  func testBuildsOnceAfterAnEditThenNotAgain() throws {
    let fm = FileManager.default
    let dir = fm.temporaryDirectory.appendingPathComponent("garden-build-\(UUID().uuidString)")
    defer { try? fm.removeItem(at: dir) }
    for sub in ["Sources/parse", "Sources/issues", "examples", "fakebin"] {
      try fm.createDirectory(
        at: dir.appendingPathComponent(sub), withIntermediateDirectories: true)
    }
    try fm.copyItem(
      at: Harness.root.appendingPathComponent("pipeline.sh"),
      to: dir.appendingPathComponent("pipeline.sh"))
    for f in ["examples/staging-export.json", "examples/issues.json"] {
      try fm.copyItem(
        at: Harness.root.appendingPathComponent(f), to: dir.appendingPathComponent(f))
    }
    try Data("// package\n".utf8).write(to: dir.appendingPathComponent("Package.swift"))
    try Data("// parse\n".utf8).write(to: dir.appendingPathComponent("Sources/parse/a.swift"))
    let edited = dir.appendingPathComponent("Sources/issues/b.swift")
    try Data("// issues\n".utf8).write(to: edited)
    // A fake swift that behaves like SwiftPM with nothing to relink: executables that exist are left
    // alone (so they keep their old modification time), missing ones are copied from the real build.
    let fakeSwift = dir.appendingPathComponent("fakebin/swift")
    try Data(
      """
      #!/bin/bash
      echo "$*" >> "$SWIFT_LOG"
      mkdir -p .build/release
      for s in parse cluster score issues render; do
        [ -e .build/release/garden-$s ] || cp "$REAL_BIN/garden-$s" .build/release/
      done

      """.utf8
    ).write(to: fakeSwift)
    try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fakeSwift.path)
    let log = dir.appendingPathComponent("swift.log").path
    let env = [
      "SWIFT_LOG": log, "REAL_BIN": Harness.binDir.path,
      "PATH": dir.appendingPathComponent("fakebin").path + ":/usr/bin:/bin",
    ]
    func run() throws -> Int {
      let r = try Harness.sh(
        "cd '\(dir.path)' && ./pipeline.sh --out '\(dir.path)/out' 2>/dev/null", env: env)
      XCTAssertEqual(r.status, 0, r.stderr)
      let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
      return text.split(separator: "\n").count
    }
    XCTAssertEqual(try run(), 1, "first run builds")
    XCTAssertEqual(try run(), 1, "nothing changed: no build")
    // Age the build, then edit one stage's source: newer than every executable and the stamp.
    let release = dir.appendingPathComponent(".build/release")
    for name in try fm.contentsOfDirectory(atPath: release.path) {
      try fm.setAttributes(
        [.modificationDate: Date().addingTimeInterval(-100)],
        ofItemAtPath: release.appendingPathComponent(name).path)
    }
    try fm.setAttributes(
      [.modificationDate: Date().addingTimeInterval(-50)], ofItemAtPath: edited.path)
    XCTAssertEqual(try run(), 2, "the edit is built")
    XCTAssertEqual(try run(), 2, "and only once, although the fake swift relinked nothing")
  }
}
