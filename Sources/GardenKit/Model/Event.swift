// The `event` record: one normalized log entry, as garden-parse writes it and later stages read it.
// Field names are the wire names of docs/schema.md; absent values are left out rather than written null.

/// Where an event came from: input file and 1-based line (NDJSON, text) or array index (gcloud arrays).
public struct SourceRef: Equatable, Sendable {
  public var file: String
  public var line: Int?
  public var index: Int?

  public init(file: String, line: Int? = nil, index: Int? = nil) {
    self.file = file
    self.line = line
    self.index = index
  }

  public var json: JSONValue {
    .object(
      JSONObject([
        "file": .string(file), "line": line.map { .int($0) }, "index": index.map { .int($0) },
      ]))
  }

  public init?(json: JSONValue?) {
    guard let o = json?.object else { return nil }
    file = o["file"]?.string ?? ""
    line = o["line"]?.int
    index = o["index"]?.int
  }
}

/// An error carried by an event: the exception type and value, and the root cause for chained traces.
public struct ErrorInfo: Equatable, Sendable {
  public var type: String?
  public var value: String?
  /// The innermost cause (Java `Caused by:`, Python `__cause__`), when it differs from `type`.
  public var rootType: String?
  public var rootValue: String?

  public init(
    type: String? = nil, value: String? = nil, rootType: String? = nil, rootValue: String? = nil
  ) {
    self.type = type
    self.value = value
    self.rootType = rootType
    self.rootValue = rootValue
  }
}

/// A request summary from `httpRequest` or an App Engine request log.
public struct HTTPInfo: Equatable, Sendable {
  public var method: String?
  public var url: String?
  public var status: Int?
  /// Latency in seconds.
  public var latency: Double?
  public var userAgent: String?
  public var remoteIP: String?
  public var protocolName: String?
  public var responseSize: Int?

  public init() {}
}

/// A code location (where the log call was made).
public struct CodeLocation: Equatable, Sendable {
  public var file: String?
  public var line: Int?
  public var function: String?

  public init(file: String? = nil, line: Int? = nil, function: String? = nil) {
    self.file = file
    self.line = line
    self.function = function
  }
}

/// One normalized log entry.
/// Wire form (abridged): `{"kind":"event","ts":"2025-09-15T13:04:05.123456Z","severity":"ERROR",
/// "message":"…","service":"llm-backend","revision":"llm-backend-00042-abc","src":{"file":"x.json","index":3}}`
public struct Event: Equatable, Sendable {
  public var ts: String?
  public var severity: Severity = .default
  /// The severity the platform gave, when a level written in the text overrode it.
  public var platformSeverity: String?
  public var message: String = ""
  public var service: String?
  public var revision: String?
  public var resourceType: String?
  public var resourceLabels: JSONObject?
  public var log: String?
  public var logger: String?
  public var instance: String?
  public var error: ErrorInfo?
  public var frames: [Frame] = []
  public var location: CodeLocation?
  public var http: HTTPInfo?
  public var trace: String?
  public var span: String?
  public var labels: JSONObject?
  public var id: String?
  public var src: SourceRef?
  /// Sources of the other parts when several entries were stitched into this event.
  public var parts: [SourceRef] = []
  /// The original entry, compact, when kept.
  public var raw: JSONValue?

  public init() {}
}

extension Event {
  /// The record as written on the wire.
  public var record: JSONObject {
    var o = JSONObject()
    o.append("kind", .string("event"))
    if let ts { o.append("ts", .string(ts)) }
    o.append("severity", .string(severity.name))
    if let platformSeverity { o.append("platform_severity", .string(platformSeverity)) }
    o.append("message", .string(message))
    if let service { o.append("service", .string(service)) }
    if let revision { o.append("revision", .string(revision)) }
    if resourceType != nil || resourceLabels != nil {
      o.append(
        "resource",
        .object(
          JSONObject([
            "type": .optional(resourceType), "labels": resourceLabels.map { .object($0) },
          ])))
    }
    if let log { o.append("log", .string(log)) }
    if let logger { o.append("logger", .string(logger)) }
    if let instance { o.append("instance", .string(instance)) }
    if let error {
      o.append(
        "error",
        .object(
          JSONObject([
            "type": error.type.map { .string($0) }, "value": error.value.map { .string($0) },
            "root_type": error.rootType.map { .string($0) },
            "root_value": error.rootValue.map { .string($0) },
          ])))
    }
    if !frames.isEmpty { o.append("frames", .array(frames.map { .object($0.record) })) }
    if let location {
      o.append(
        "location",
        .object(
          JSONObject([
            "file": location.file.map { .string($0) }, "line": location.line.map { .int($0) },
            "function": location.function.map { .string($0) },
          ])))
    }
    if let http {
      o.append(
        "http",
        .object(
          JSONObject([
            "method": http.method.map { .string($0) }, "url": http.url.map { .string($0) },
            "status": http.status.map { .int($0) }, "latency": http.latency.map { .double($0) },
            "user_agent": http.userAgent.map { .string($0) },
            "remote_ip": http.remoteIP.map { .string($0) },
            "protocol": http.protocolName.map { .string($0) },
            "response_size": http.responseSize.map { .int($0) },
          ])))
    }
    if let trace { o.append("trace", .string(trace)) }
    if let span { o.append("span", .string(span)) }
    if let labels, !labels.isEmpty { o.append("labels", .object(labels)) }
    if let id { o.append("id", .string(id)) }
    if let src { o.append("src", src.json) }
    if !parts.isEmpty { o.append("parts", .array(parts.map(\.json))) }
    if let raw { o.append("raw", raw) }
    return o
  }

  /// Reads an event record leniently: unknown fields are ignored, missing ones stay empty.
  public init(record o: JSONObject) {
    self.init()
    ts = o["ts"]?.string
    severity = o["severity"]?.string.flatMap { Severity(name: $0) } ?? .default
    platformSeverity = o["platform_severity"]?.string
    message = o["message"]?.string ?? ""
    service = o["service"]?.string
    revision = o["revision"]?.string
    resourceType = o["resource"]?["type"]?.string
    resourceLabels = o["resource"]?["labels"]?.object
    log = o["log"]?.string
    logger = o["logger"]?.string
    instance = o["instance"]?.string
    if let e = o["error"]?.object {
      error = ErrorInfo(
        type: e["type"]?.string, value: e["value"]?.string, rootType: e["root_type"]?.string,
        rootValue: e["root_value"]?.string)
    }
    frames = o["frames"]?.array?.compactMap { $0.object.map(Frame.init(record:)) } ?? []
    if let l = o["location"]?.object {
      location = CodeLocation(
        file: l["file"]?.string, line: l["line"]?.int, function: l["function"]?.string)
    }
    if let h = o["http"]?.object {
      var x = HTTPInfo()
      x.method = h["method"]?.string
      x.url = h["url"]?.string
      x.status = h["status"]?.int
      x.latency = h["latency"]?.double
      x.userAgent = h["user_agent"]?.string
      x.remoteIP = h["remote_ip"]?.string
      x.protocolName = h["protocol"]?.string
      x.responseSize = h["response_size"]?.int
      http = x
    }
    trace = o["trace"]?.string
    span = o["span"]?.string
    labels = o["labels"]?.object
    id = o["id"]?.string
    src = SourceRef(json: o["src"])
    parts = o["parts"]?.array?.compactMap { SourceRef(json: $0) } ?? []
    raw = o["raw"]
  }
}

extension Frame {
  /// `{"file":…,"line":…,"column":…,"function":…,"module":…,"in_app":…}`
  public var record: JSONObject {
    JSONObject([
      "file": file.map { .string($0) }, "line": line.map { .int($0) },
      "column": column.map { .int($0) },
      "function": function.map { .string($0) }, "module": module.map { .string($0) },
      "in_app": .bool(inApp),
    ])
  }

  public init(record o: JSONObject) {
    self.init(
      file: o["file"]?.string, line: o["line"]?.int, column: o["column"]?.int,
      function: o["function"]?.string,
      module: o["module"]?.string, inApp: o["in_app"]?.bool ?? true)
  }
}
