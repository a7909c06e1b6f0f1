// A stream straight from garden-cluster (no garden-score): the worklog must not claim that nothing is
// wrong. It says the stream is unscored, leads with the most severe clusters and judges services by
// severity. The fixture is real garden-cluster output for hand-written events.

import GardenKit
import XCTest

@testable import GardenRender

final class UnscoredTests: XCTestCase {
  func testUnscoredStreamLeadsWithSeverity() throws {
    let (doc, status) = try Fixture.render("unscored.ndjson", RenderOptions())
    XCTAssertEqual(status, .ok)
    XCTAssertTrue(doc.contains("Not scored (no garden-score meta record)"))
    XCTAssertFalse(doc.contains("everything seen describes health"))
    XCTAssertTrue(doc.contains("1. **CRITICAL C1 · StartupValidationError"))
    XCTAssertTrue(doc.contains("| 🔴 failing | service `llm-backend` |"))
    XCTAssertTrue(doc.contains("Start with **CRITICAL C1**"))
    XCTAssertTrue(doc.contains("events_in 25 = events_in_clusters 25"))
  }
}
