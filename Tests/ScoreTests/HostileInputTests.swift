// Log text and upstream records are hostile input: wrong types, absurd numbers, huge strings and
// broken times must give a scored record, never a crash.

import GardenKit
import XCTest

@testable import GardenScore

final class HostileInputTests: XCTestCase {
  func testWrongTypesAndAbsurdNumbersDoNotCrash() throws {
    let lines = [
      #"{"kind":"cluster","fingerprint":"x1","count":"lots","severity":7,"revisions":"r","histogram":{"start":"soon","bucket_seconds":-5,"counts":[1,2]}}"#,
      #"{"kind":"cluster","fingerprint":"x2","count":9223372036854775807,"severity":"ERROR","severity_counts":{"ERROR":9223372036854775807,"CRITICAL":-4},"first_seen":"2025-13-45T99:00:00Z","last_seen":"9999-12-31T23:59:59Z"}"#,
      #"{"kind":"cluster","fingerprint":"x3","count":9223372036854775807,"severity":"WARNING","histogram":{"start":"2025-09-15T13:00:00Z","bucket_seconds":300,"counts":[9223372036854775807,9223372036854775807]},"samples":[{"message":7},{"http":{"status":"503"}}],"frames":[1,{"function":null}],"origin":"here"}"#,
      #"{"kind":"cluster","fingerprint":"x4","count":-3,"severity":"CRITICAL","title":""}"#,
    ]
    var records = try lines.map { try XCTUnwrap(JSONReader.parse($0).object) }
    records.append(
      Make.cluster(
        fp: "x5", title: String(repeating: "Container called exit(3). ", count: 20_000), count: 3))
    var h = History()
    h = h.merging(
      run: [
        History.Sighting(
          fingerprint: "x2", signatures: [], title: "", count: Scorer.maxCount, firstSeen: "",
          lastSeen: "")
      ],
      now: Make.now, hours: 1, keepRuns: 24, forgetAfterDays: 90)
    let result = Make.run(records, history: h)
    XCTAssertEqual(result.clusters.count, 5)
    for c in result.clusters {
      let score = try XCTUnwrap(c.record["score"]?.int)
      XCTAssertTrue((0...100).contains(score))
      XCTAssertFalse(c.record.reasons.isEmpty)
    }
  }
}
