// Clusters that share a title are told apart in headings and lists by the same qualifier the
// issue titles get (services, then group, then fingerprint).
import GardenKit
import XCTest

@testable import GardenRender

final class SharedTitleTests: XCTestCase {
  func cluster(_ fp: String, service: String, group: String = "text", count: Int) -> String {
    var c = Cluster()
    c.fingerprint = fp
    c.title = "Critical validation failed: cache is down"
    c.template = c.title
    c.group = group
    c.count = count
    c.severity = .critical
    c.services = [service]
    c.priority = "P0"
    c.firstSeen = "2025-09-15T13:05:00Z"
    c.lastSeen = "2025-09-15T13:55:00Z"
    return JSONWriter.string(.object(c.record))
  }

  func testSharedTitlesGetQualifiersAndOthersDoNot() throws {
    var other = Cluster()
    other.fingerprint = "ffff000000000009"
    other.title = "Something else"
    other.template = other.title
    other.count = 1
    let lines = [
      cluster("aaaa000000000001", service: "api", count: 9),
      cluster("aaaa000000000002", service: "worker", count: 8),
      cluster("aaaa000000000003", service: "api", group: "request", count: 7),
      JSONWriter.string(.object(other.record)),
    ]
    let (doc, _) = try Fixture.render(lines: lines)
    let headings = doc.components(separatedBy: "\n").filter { $0.hasPrefix("### C") }
    XCTAssertEqual(
      headings,
      [
        "### C1 · P0 · CRITICAL · Critical validation failed: cache is down [api, log lines]",
        "### C2 · P0 · CRITICAL · Critical validation failed: cache is down [worker, log lines]",
        "### C3 · P0 · CRITICAL · Critical validation failed: cache is down [api, requests]",
        "### C4 · no priority · DEFAULT · Something else",
      ])
  }

  func testDistinctQualifiers() {
    func c(_ fp: String, _ services: [String], _ group: String = "text") -> Cluster {
      var x = Cluster()
      x.fingerprint = fp
      x.services = services
      x.group = group
      return x
    }
    XCTAssertEqual(
      ClusterQualifier.distinct([c("a", ["b", "a"]), c("b", ["x", "y", "z"])]),
      ["a, b", "x, y +1"])
    XCTAssertEqual(
      ClusterQualifier.distinct([c("1234567890", ["a"]), c("abcdefabcd", ["a"])]),
      ["a, log lines, 12345678", "a, log lines, abcdefab"])
    XCTAssertEqual(ClusterQualifier.forSharedTitles([c("a", ["a"])]), [nil])
  }
}
