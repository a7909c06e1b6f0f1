// The fixture stream (the bundled example's scenarios: a P0 startup failure with two symptoms, a
// regression to reopen, an open issue to update, a new issue to create, a healthy INFO cluster) renders
// byte for byte to the checked-in files. Regenerate with UPDATE_GOLDEN=1 after an intended change.

import GardenKit
import XCTest

@testable import GardenRender

final class GoldenTests: XCTestCase {
  func testMarkdownGolden() throws {
    let (doc, status) = try Fixture.render("run.ndjson", Fixture.goldenOptions)
    XCTAssertEqual(status, .ok)
    try Fixture.assertGolden(doc, "run.md")
  }

  func testTextGolden() throws {
    var o = Fixture.goldenOptions
    o.format = .text
    let (doc, _) = try Fixture.render("run.ndjson", o)
    XCTAssertFalse(doc.contains("\u{1B}"), "no colour unless asked for")
    try Fixture.assertGolden(doc, "run.txt")
  }

  func testJSONGolden() throws {
    var o = Fixture.goldenOptions
    o.format = .json
    let (doc, _) = try Fixture.render("run.ndjson", o)
    let value = try JSONReader.parse(doc)
    XCTAssertEqual(value["clusters"]?.array?.count, 7)
    XCTAssertEqual(value["generated"]?.string, "2025-09-15T14:05:00Z")
    try Fixture.assertGolden(doc, "run.json")
  }

  func testOnlyFocusGolden() throws {
    var o = Fixture.goldenOptions
    o.focus = "llm__manager"
    o.onlyFocus = true
    let (doc, _) = try Fixture.render("run.ndjson", o)
    XCTAssertTrue(doc.contains("6 other clusters left out (--only-focus)"))
    try Fixture.assertGolden(doc, "run-focus.md")
  }

  /// Past --max-sections the clusters are one line each, in the same order, none lost.
  func testMaxSectionsShortensTheRestToOneLineEach() throws {
    let full = try Fixture.render("run.ndjson", Fixture.goldenOptions).0
    var o = Fixture.goldenOptions
    o.maxSections = 2
    let (doc, status) = try Fixture.render("run.ndjson", o)
    XCTAssertEqual(status, .ok)
    let sections = { (d: String) in d.components(separatedBy: "\n").filter { $0.hasPrefix("### C") }
    }
    XCTAssertEqual(sections(doc).count, 2)
    XCTAssertEqual(sections(doc), Array(sections(full).prefix(2)))
    let rest = sections(full).count - 2
    XCTAssertTrue(doc.contains("### \(rest) more clusters, one line each"), doc)
    let oneLiners = doc.components(separatedBy: "\n").filter {
      $0.hasPrefix("- C") && $0.contains(" events") || $0.hasPrefix("- C") && $0.contains(" event")
    }
    XCTAssertGreaterThanOrEqual(oneLiners.count, rest)
    XCTAssertLessThan(doc.count, full.count)
    o.maxSections = 0
    XCTAssertEqual(try Fixture.render("run.ndjson", o).0, full, "0 shows everything")
  }

  /// Same input and options give the same bytes; no wall clock leaks in.
  func testDeterministic() throws {
    let a = try Fixture.render("run.ndjson", RenderOptions()).0
    let b = try Fixture.render("run.ndjson", RenderOptions()).0
    XCTAssertEqual(a, b)
    XCTAssertTrue(a.contains("**Generated:** 2025-09-15 14:00:00 UTC (window end)"))
  }

  /// The P0 cause, its origin and its issue decision are on the first screen.
  func testFirstScreenHasTheP0() throws {
    let (doc, _) = try Fixture.render("run.ndjson", Fixture.goldenOptions)
    let screen = doc.components(separatedBy: "\n").prefix(40).joined(separator: "\n")
    XCTAssertTrue(
      screen.contains("Critical service validation failed: llm_manager is not available"))
    XCTAssertTrue(screen.contains("`app/startup.py:88` in `validate_services`"))
    XCTAssertTrue(screen.contains("Issue: **create (dry run)**"))
  }

  /// Every stage's counts add up in the fixture, and the worklog says so.
  func testCountsReconcile() throws {
    let (doc, _) = try Fixture.render("run.ndjson", RenderOptions())
    XCTAssertTrue(
      doc.contains(
        "entries_in 1,240 = events_out 1,228 + rejected 2 + duplicates 4 + filtered 6 | yes"))
    XCTAssertTrue(
      doc.contains(
        "events_in 1,228 = events_in_clusters 1,228; records_in 1,229, clusters_out 7, rejected 0 | yes"
      ))
    XCTAssertFalse(doc.contains("**no**"))
    XCTAssertTrue(doc.contains("Events in clusters: 1,228 of 1,228 events parse wrote."))
  }
}
