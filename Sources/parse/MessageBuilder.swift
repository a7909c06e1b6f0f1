// The human text of an entry, in a fixed order of preference: textPayload; the payload's own message
// keys; an App Engine request's log lines; an audit summary; a request summary; and finally a compact
// rendering of whatever the entry carries, so an informative entry never has an empty message.
import GardenKit

/// Where an event's message came from; decides whether a level written in it may override the
/// platform's severity.
enum MessageSource: Equatable {
  case text, payloadMessage, appEngineLines, audit, http, rendered, none
}

enum MessageBuilder {
  /// Longest message kept, in bytes; longer ones are cut at a character boundary and marked.
  static let maxMessageBytes = 256 << 10

  /// Payload keys that hold the message, in order.
  static let messageKeys = ["message", "msg", "log", "textPayload", "text"]
  /// Payload keys that may hold an error or a stack trace (used for the message only when no
  /// message key is present, and always searched for a trace).
  static let errorKeys = [
    "error", "exception", "stack_trace", "stacktrace", "stackTrace", "stack", "traceback",
    "exc_info",
    "err", "e",
  ]

  static func build(_ f: EntryFields, http: HTTPInfo?) -> (String, MessageSource) {
    if let t = f.textPayload, let m = meaningful(t) { return (m, .text) }
    if let p = f.jsonPayload {
      for k in messageKeys {
        if let m = p[k]?.string.flatMap(meaningful) { return (m, .payloadMessage) }
      }
      for k in errorKeys {
        if let m = errorText(p[k]).flatMap(meaningful) { return (m, .payloadMessage) }
      }
    }
    if let p = f.protoPayload {
      if let lines = p["line"]?.array {
        let texts = lines.compactMap { $0["logMessage"]?.string.flatMap(meaningful) }
        if !texts.isEmpty { return (capped(texts.joined(separator: "\n")), .appEngineLines) }
      }
      if let s = auditSummary(p) { return (capped(s), .audit) }
    }
    // A request summary needs the request: a bare status (Cloud Scheduler attempts carry only
    // `httpRequest.status`) says less than the payload does.
    if let http, http.method != nil || http.url != nil, let s = HTTPReading.summary(http) {
      return (s, .http)
    }
    if let r = rendering(f) { return (capped(r), .rendered) }
    return ("", .none)
  }

  /// The text of an `error`-like value: a string, or an object's message/value/stack.
  static func errorText(_ v: JSONValue?) -> String? {
    guard let v else { return nil }
    if let s = v.string { return s }
    if let o = v.object {
      return o.firstString("stack", "stack_trace", "stacktrace", "message", "value", "msg")
    }
    return nil
  }

  /// Text with trailing line breaks and spaces removed, or nil when nothing is left.
  static func meaningful(_ s: String) -> String? {
    var end = s.utf8.endIndex
    let u = s.utf8
    while end > u.startIndex {
      let b = u[u.index(before: end)]
      guard b == 0x0A || b == 0x0D || b == 0x20 || b == 0x09 else { break }
      end = u.index(before: end)
    }
    if end == u.startIndex { return nil }
    return capped(end == u.endIndex ? s : String(s[..<end]))
  }

  /// `s` cut to `maxMessageBytes` with a note of how long it was. `alreadyCut`: `s` is itself
  /// what is left of something longer (the text assembler's caps), so its length is a minimum.
  static func capped(_ s: String, alreadyCut: Bool = false) -> String {
    guard s.utf8.count > maxMessageBytes else { return s }
    let u = Array(s.utf8.prefix(maxMessageBytes + 1))
    var cut = maxMessageBytes
    while cut > 0, u[cut] & 0xC0 == 0x80 { cut -= 1 }  // back to a character boundary
    return String(decoding: u[..<cut], as: UTF8.self)
      + " …[cut at \(maxMessageBytes >> 10) KiB of \(alreadyCut ? "over " : "")\(s.utf8.count) bytes]"
  }

  static let rpcCodes = [
    "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
    "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED",
    "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
  ]

  /// `v1.compute.instances.stop on projects/p/zones/z/instances/i: OK — user@example.com`, or with a
  /// failure `…: PERMISSION_DENIED (7): Required "x" permission — principal`.
  static func auditSummary(_ p: JSONObject) -> String? {
    guard let method = p.firstString("methodName") else { return nil }
    var s = method
    if let r = p.firstString("resourceName") { s += " on " + r }
    let status = p["status"]?.object
    let code = status?["code"]?.int ?? 0
    let message = status?.firstString("message")
    if code == 0 && message == nil {
      s += ": OK"
    } else {
      let name = code >= 0 && code < rpcCodes.count ? rpcCodes[code] : "code"
      s += ": \(name) (\(code))"
      if let message, message != name { s += ": " + message }
    }
    if let who = p["authenticationInfo"]?.object?.firstString("principalEmail", "principalSubject")
    {
      s += " — " + who
    }
    return s
  }

  /// Keys of a LogEntry that frame it rather than say anything.
  static let envelopeKeys: Set<String> = [
    "insertId", "insert_id", "logName", "log_name", "resource", "timestamp", "receiveTimestamp",
    "receive_timestamp", "severity", "labels", "trace", "spanId", "span_id", "traceSampled",
    "trace_sampled", "payload", "errorGroups", "httpRequest", "http_request", "sourceLocation",
    "source_location",
  ]

  /// `AttemptFinished: status=INTERNAL debugInfo=… url=…` for a Google event payload (one with an
  /// `@type`) whose fields are scalars: reads better, and mines into better templates, than JSON.
  static func typedEvent(_ p: JSONObject) -> String? {
    guard let type = p["@type"]?.string, let name = type.split(separator: ".").last else {
      return nil
    }
    var parts: [String] = []
    // Sorted: exports write payload keys in whatever order the writer used.
    for k in p.keys.sorted() where k != "@type" {
      guard let text = p[k]?.scalarText else { return nil }
      parts.append("\(k)=\(text)")
    }
    return parts.isEmpty ? nil : "\(name): " + parts.joined(separator: " ")
  }

  /// A compact JSON rendering of the payload (without `@type`), or of whatever non-envelope fields the
  /// entry has.
  static func rendering(_ f: EntryFields) -> String? {
    func compact(_ o: JSONObject) -> String? {
      var o = o
      o["@type"] = nil
      return o.isEmpty ? nil : JSONWriter.string(.object(o))
    }
    if let p = f.jsonPayload, let s = typedEvent(p) { return s }
    if let p = f.jsonPayload, let s = compact(p) { return s }
    if let p = f.protoPayload, let s = compact(p) { return s }
    var rest = JSONObject()
    for (k, v) in f.object where !envelopeKeys.contains(k) { rest.append(k, v) }
    if let s = compact(rest) { return s }
    if let type = f.jsonPayload?["@type"]?.string ?? f.protoPayload?["@type"]?.string {
      return String(type.split(separator: "/").last ?? Substring(type))
    }
    return nil
  }
}
