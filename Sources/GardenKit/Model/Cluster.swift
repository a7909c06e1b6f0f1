// The `cluster` record: one distinct problem. garden-cluster writes it; garden-score adds priority and
// explanations; garden-issues adds the issue decision; garden-render reads it all. Stages that add
// fields set them on the record object they read, so fields they do not know pass through intact.

/// Events per time bucket. Wire form: `{"start":"2025-09-15T13:00:00Z","bucket_seconds":300,"counts":[0,4,1]}`
public struct Histogram: Equatable, Sendable {
  /// Start of the first bucket (RFC 3339 UTC, whole seconds).
  public var start: String
  public var bucketSeconds: Int
  public var counts: [Int]

  public init(start: String, bucketSeconds: Int, counts: [Int]) {
    self.start = start
    self.bucketSeconds = bucketSeconds
    self.counts = counts
  }

  public var json: JSONValue {
    .object(
      JSONObject([
        "start": .string(start), "bucket_seconds": .int(bucketSeconds),
        "counts": .array(counts.map { .int($0) }),
      ]))
  }

  public init?(json: JSONValue?) {
    guard let o = json?.object, let s = o["start"]?.string, let b = o["bucket_seconds"]?.int else {
      return nil
    }
    start = s
    bucketSeconds = b
    counts = o["counts"]?.array?.compactMap(\.int) ?? []
  }
}

/// A link to an issue that is related but not acted on.
public struct RelatedIssue: Equatable, Sendable {
  public var number: Int
  public var title: String
  public var url: String?
  public var confidence: Double

  public init(number: Int, title: String, url: String?, confidence: Double) {
    self.number = number
    self.title = title
    self.url = url
    self.confidence = confidence
  }
}

/// What garden-issues decided for a cluster.
/// Wire form: `{"action":"update","number":12,"url":"…","title":"…","state":"OPEN","matched_by":"marker",
/// "confidence":1,"reason":"…","related":[]}`
public struct IssueDecision: Equatable, Sendable {
  /// `create`, `update`, `reopen` or `none`.
  public var action: String
  public var number: Int?
  public var url: String?
  public var title: String?
  public var state: String?
  /// `marker`, `signature`, `similarity` or nil.
  public var matchedBy: String?
  public var confidence: Double?
  public var reason: String
  public var related: [RelatedIssue]
  /// Whether --apply performed it (`done`, `skipped`, `failed`, or nil in a dry run).
  public var applied: String?

  public init(
    action: String, number: Int? = nil, url: String? = nil, title: String? = nil,
    state: String? = nil,
    matchedBy: String? = nil, confidence: Double? = nil, reason: String,
    related: [RelatedIssue] = [], applied: String? = nil
  ) {
    self.action = action
    self.number = number
    self.url = url
    self.title = title
    self.state = state
    self.matchedBy = matchedBy
    self.confidence = confidence
    self.reason = reason
    self.related = related
    self.applied = applied
  }

  public var json: JSONValue {
    .object(
      JSONObject([
        "action": .string(action), "number": number.map { .int($0) },
        "url": url.map { .string($0) },
        "title": title.map { .string($0) }, "state": state.map { .string($0) },
        "matched_by": matchedBy.map { .string($0) }, "confidence": confidence.map { .double($0) },
        "reason": .string(reason),
        "related": .array(
          related.map {
            .object(
              JSONObject([
                "number": .int($0.number), "title": .string($0.title),
                "url": $0.url.map { .string($0) },
                "confidence": .double($0.confidence),
              ]))
          }),
        "applied": applied.map { .string($0) },
      ]))
  }

  public init?(json: JSONValue?) {
    guard let o = json?.object, let action = o["action"]?.string else { return nil }
    self.init(
      action: action, number: o["number"]?.int, url: o["url"]?.string, title: o["title"]?.string,
      state: o["state"]?.string, matchedBy: o["matched_by"]?.string,
      confidence: o["confidence"]?.double,
      reason: o["reason"]?.string ?? "",
      related: o["related"]?.array?.compactMap { v in
        guard let r = v.object, let n = r["number"]?.int else { return nil }
        return RelatedIssue(
          number: n, title: r["title"]?.string ?? "", url: r["url"]?.string,
          confidence: r["confidence"]?.double ?? 0)
      } ?? [],
      applied: o["applied"]?.string)
  }
}

/// One distinct problem.
public struct Cluster: Equatable, Sendable {
  public var fingerprint: String = ""
  /// Fingerprints of every member signature merged into this cluster (aliases for issue matching);
  /// includes `fingerprint` itself.
  public var signatures: [String] = []
  public var title: String = ""
  public var template: String = ""
  /// `exception` (grouped by error type and frames) or `text` (grouped by template).
  public var group: String = "text"
  public var errorType: String?
  public var errorValue: String?
  /// The innermost own-code frame, or the log call's location.
  public var origin: Frame?
  /// Top frames, innermost last.
  public var frames: [Frame] = []
  public var count = 0
  public var firstSeen: String?
  public var lastSeen: String?
  public var severity: Severity = .default
  /// Count per severity name, most severe first.
  public var severityCounts: [(String, Int)] = []
  public var services: [String] = []
  public var revisions: [String] = []
  public var loggers: [String] = []
  public var histogram: Histogram?
  /// Sample events (event records): the first, the last and the most severe among them.
  public var samples: [JSONObject] = []
  public var keywords: [String] = []

  // Added by garden-score.
  public var priority: String?
  public var score: Int?
  public var category: String?
  public var health: String?
  public var trend: String?
  public var reasons: [String] = []
  /// Fingerprint of the cluster this one is a symptom of.
  public var symptomOf: String?

  // Added by garden-issues.
  public var issue: IssueDecision?

  public init() {}

  public static func == (a: Cluster, b: Cluster) -> Bool {
    JSONValue.object(a.record) == JSONValue.object(b.record)
  }
}

extension Cluster {
  /// The record as written on the wire. Score and issue fields appear only when set.
  public var record: JSONObject {
    var o = JSONObject()
    o.append("kind", .string("cluster"))
    o.append("fingerprint", .string(fingerprint))
    o.append("signatures", .array(signatures.map { .string($0) }))
    o.append("title", .string(title))
    o.append("template", .string(template))
    o.append("group", .string(group))
    if let errorType { o.append("error_type", .string(errorType)) }
    if let errorValue { o.append("error_value", .string(errorValue)) }
    if let origin { o.append("origin", .object(origin.record)) }
    o.append("frames", .array(frames.map { .object($0.record) }))
    o.append("count", .int(count))
    if let firstSeen { o.append("first_seen", .string(firstSeen)) }
    if let lastSeen { o.append("last_seen", .string(lastSeen)) }
    o.append("severity", .string(severity.name))
    var sc = JSONObject()
    for (k, v) in severityCounts { sc.append(k, .int(v)) }
    o.append("severity_counts", .object(sc))
    o.append("services", .array(services.map { .string($0) }))
    o.append("revisions", .array(revisions.map { .string($0) }))
    o.append("loggers", .array(loggers.map { .string($0) }))
    if let histogram { o.append("histogram", histogram.json) }
    o.append("samples", .array(samples.map { .object($0) }))
    o.append("keywords", .array(keywords.map { .string($0) }))
    if let priority { o.append("priority", .string(priority)) }
    if let score { o.append("score", .int(score)) }
    if let category { o.append("category", .string(category)) }
    if let health { o.append("health", .string(health)) }
    if let trend { o.append("trend", .string(trend)) }
    if priority != nil || !reasons.isEmpty {
      o.append("reasons", .array(reasons.map { .string($0) }))
    }
    if let symptomOf { o.append("symptom_of", .string(symptomOf)) }
    if let issue { o.append("issue", issue.json) }
    return o
  }

  /// Reads a cluster record leniently.
  public init(record o: JSONObject) {
    self.init()
    let strings = { (key: String) -> [String] in o[key]?.array?.compactMap(\.string) ?? [] }
    fingerprint = o["fingerprint"]?.string ?? ""
    signatures = strings("signatures")
    title = o["title"]?.string ?? ""
    template = o["template"]?.string ?? ""
    group = o["group"]?.string ?? "text"
    errorType = o["error_type"]?.string
    errorValue = o["error_value"]?.string
    origin = o["origin"]?.object.map(Frame.init(record:))
    frames = o["frames"]?.array?.compactMap { $0.object.map(Frame.init(record:)) } ?? []
    count = o["count"]?.int ?? 0
    firstSeen = o["first_seen"]?.string
    lastSeen = o["last_seen"]?.string
    severity = o["severity"]?.string.flatMap { Severity(name: $0) } ?? .default
    severityCounts =
      o["severity_counts"]?.object.map { obj in obj.compactMap { k, v in v.int.map { (k, $0) } } }
      ?? []
    services = strings("services")
    revisions = strings("revisions")
    loggers = strings("loggers")
    histogram = Histogram(json: o["histogram"])
    samples = o["samples"]?.array?.compactMap(\.object) ?? []
    keywords = strings("keywords")
    priority = o["priority"]?.string
    score = o["score"]?.int
    category = o["category"]?.string
    health = o["health"]?.string
    trend = o["trend"]?.string
    reasons = strings("reasons")
    symptomOf = o["symptom_of"]?.string
    issue = IssueDecision(json: o["issue"])
  }
}

/// Why a `cluster` record cannot be used by the stages after garden-cluster, or nil when it can.
/// Without a fingerprint it cannot be named, matched or remembered; without a whole, non-negative
/// `count` every rule and rate built on it would be wrong (a P0 of "0 events", "-5 events").
public enum ClusterRecordCheck {
  public static func problem(_ record: JSONObject) -> String? {
    guard let fp = record["fingerprint"]?.string, !fp.isEmpty else {
      return "cluster record has no \"fingerprint\" string"
    }
    guard case .number(let text)? = record["count"], let n = Int(text), n >= 0 else {
      return "cluster record has no \"count\" that is a whole number of events (0 or more)"
    }
    return nil
  }
}
