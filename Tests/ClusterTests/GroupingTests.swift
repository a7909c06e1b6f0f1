// The classic grouping traps (issue #4), through the stage's own grouping code.
import GardenKit
import XCTest

@testable import GardenCluster

final class GroupingTests: XCTestCase {
  func event(
    _ message: String, service: String = "api", ts: String = "2025-09-15T13:00:00Z",
    errorType: String? = nil,
    value: String? = nil, rootType: String? = nil, frames: [Frame] = []
  ) -> JSONObject {
    var e = Event()
    e.message = message
    e.service = service
    e.ts = ts
    e.severity = errorType == nil ? .warning : .error
    if errorType != nil || value != nil {
      e.error = ErrorInfo(type: errorType, value: value, rootType: rootType)
    }
    e.frames = frames
    return e.record
  }

  func cluster(_ records: [JSONObject]) -> [Cluster] {
    var g = Grouper(byService: true)
    for r in records { g.add(EventView(record: r)) }
    return ClusterBuilder(bucketSeconds: nil, maxSamples: 3).build(&g).map(\.cluster)
  }

  let handler = [
    Frame(
      file: "/usr/lib/python3.11/site-packages/flask/app.py", line: 1, function: "dispatch",
      module: "flask.app", inApp: false),
    Frame(file: "/app/api/chat.py", line: 88, function: "load_conversation", module: "api.chat"),
  ]

  func testVerbKeepsClustersApart() {
    let c = cluster([
      event("VM Started (Lifecycle Event) instance 1a2b3c4d-0000-4000-8000-000000000001"),
      event("VM Paused (Lifecycle Event) instance 1a2b3c4d-0000-4000-8000-000000000002"),
      event("VM Started (Lifecycle Event) instance 1a2b3c4d-0000-4000-8000-000000000003"),
      event("VM Paused (Lifecycle Event) instance 1a2b3c4d-0000-4000-8000-000000000004"),
    ])
    XCTAssertEqual(c.count, 2)
    XCTAssertEqual(Set(c.map(\.count)), [2])
    XCTAssertTrue(c.contains { $0.template.contains("Started") })
    XCTAssertTrue(c.contains { $0.template.contains("Paused") })
  }

  func testSameErrorWithVaryingIdsStaysTogether() {
    let c = cluster([
      event(
        "request req_1757896982382_707_8d30f450 for user usr_8f3a21c9 failed after 30.2s (attempt 1)"
      ),
      event(
        "request req_1757896983001_12_0a1b2c3d for user usr_00aa11bb failed after 4.75s (attempt 3)"
      ),
      event(
        "request req_1757896990000_9_ffeeddcc for user usr_deadbeef failed after 812ms (attempt 2)"),
    ])
    XCTAssertEqual(c.count, 1)
    XCTAssertEqual(c.first?.count, 3)
  }

  func testKeyErrorWithDifferentKeysStaysTogether() {
    let c = cluster([
      event("x", errorType: "KeyError", value: "'conversation_id'", frames: handler),
      event("x", errorType: "KeyError", value: "'user_id'", frames: handler),
    ])
    XCTAssertEqual(c.count, 1)
    XCTAssertEqual(c.first?.errorType, "KeyError")
    XCTAssertEqual(c.first?.origin?.function, "load_conversation")
  }

  func testDifferentExceptionTypesFromOneLineStayApart() {
    let c = cluster([
      event("x", errorType: "KeyError", value: "'a'", frames: handler),
      event("x", errorType: "ValueError", value: "'a'", frames: handler),
    ])
    XCTAssertEqual(c.count, 2)
  }

  func testWrapperExceptionIsSplitByCause() {
    let c = cluster([
      event(
        "x", errorType: "RuntimeError", value: "task failed", rootType: "ConnectionError",
        frames: handler),
      event(
        "x", errorType: "RuntimeError", value: "task failed", rootType: "TimeoutError",
        frames: handler),
      event(
        "x", errorType: "RuntimeError", value: "task failed", rootType: "TimeoutError",
        frames: handler),
    ])
    XCTAssertEqual(c.map(\.count).sorted(), [1, 2])
  }

  func testLineNumbersDoNotSplitButFunctionsDo() {
    var moved = handler
    moved[1].line = 97
    var other = handler
    other[1].function = "save_conversation"
    let c = cluster([
      event("x", errorType: "KeyError", value: "'a'", frames: handler),
      event("x", errorType: "KeyError", value: "'a'", frames: moved),
      event("x", errorType: "KeyError", value: "'a'", frames: other),
    ])
    XCTAssertEqual(c.map(\.count).sorted(), [1, 2])
  }

  func testServiceIsPartOfIdentity() {
    XCTAssertEqual(
      cluster([
        event("disk full on /data", service: "a"), event("disk full on /data", service: "b"),
      ]).count, 2)
    var g = Grouper(byService: false)
    for r in [event("disk full on /data", service: "a"), event("disk full on /data", service: "b")]
    { g.add(EventView(record: r)) }
    let c = ClusterBuilder(bucketSeconds: nil, maxSamples: 3).build(&g).map(\.cluster)
    XCTAssertEqual(c.count, 1)
    XCTAssertEqual(c.first?.services, ["a", "b"])
  }

  func testFingerprintsArePinned() {
    // A change here changes every fingerprint filed on GitHub: only on purpose, with a migration note.
    let c = cluster([event("Database query timed out after 30.2s on table conversations")])
    XCTAssertEqual(c.first?.template, "Database query timed out after <*> on table conversations")
    XCTAssertEqual(
      c.first?.fingerprint,
      Fingerprint.of("text\u{1F}api\u{1F}Database query timed out after <*> on table conversations")
    )
  }

  func testHistogramSharesOneGrid() {
    let c = cluster([
      event("alpha happened", ts: "2025-09-15T13:01:00Z"),
      event("alpha happened", ts: "2025-09-15T13:59:00Z"),
      event("beta happened", ts: "2025-09-15T13:30:00Z"),
    ])
    for cl in c {
      XCTAssertEqual(cl.histogram?.start, "2025-09-15T13:00:00Z")
      XCTAssertEqual(cl.histogram?.bucketSeconds, 300)
      XCTAssertEqual(cl.histogram?.counts.count, 12)
    }
  }
}

final class RequestGroupingTests: XCTestCase {
  func request(_ method: String, _ url: String, _ status: Int, latency: Double) -> JSONObject {
    var e = Event()
    e.service = "api"
    e.ts = "2025-09-15T13:00:00Z"
    e.severity = status >= 500 ? .error : status >= 400 ? .warning : .info
    var h = HTTPInfo()
    h.method = method
    h.url = url
    h.status = status
    h.latency = latency
    e.http = h
    e.message = "\(method) \(RequestSignature.route(url)) → \(status) in \(latency)s"
    return e.record
  }

  func testStatusAndRouteSplitButIdsAndLatencyDoNot() {
    var g = Grouper(byService: true)
    for r in [
      request(
        "GET", "https://x.dev/api/conversations/4da3fd86-1e51-4d65-a64f-576831015768?page=2", 503,
        latency: 3.66),
      request(
        "GET", "https://x.dev/api/conversations/9c0e2a11-0000-4d65-a64f-576831015768", 503,
        latency: 0.2),
      request(
        "GET", "https://x.dev/api/conversations/9c0e2a11-0000-4d65-a64f-576831015768", 200,
        latency: 0.2),
      request("GET", "https://x.dev/favicon.ico", 404, latency: 0.001),
    ] { g.add(EventView(record: r)) }
    let titles = ClusterBuilder(bucketSeconds: nil, maxSamples: 3).build(&g).map {
      "\($0.cluster.count) \($0.cluster.title)"
    }
    XCTAssertEqual(
      Set(titles),
      [
        "2 GET /api/conversations/<*> → 503", "1 GET /api/conversations/<*> → 200",
        "1 GET /favicon.ico → 404",
      ])
    XCTAssertEqual(titles.first, "2 GET /api/conversations/<*> → 503")
  }

  func testRouteMasksIdsKeepsVersions() {
    XCTAssertEqual(
      RequestSignature.route("https://h/v1/users/12345/orders?x=1"), "/v1/users/<*>/orders")
    XCTAssertEqual(RequestSignature.route("/a/b/c/d/e/f"), "/a/b/c/d/…")
    XCTAssertEqual(RequestSignature.route("http://<ipv4>:8080"), "/")
  }
}
