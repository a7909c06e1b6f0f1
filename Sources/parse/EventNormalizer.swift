// One LogEntry object → one Event. Pure: the same entry always gives the same event; problems that
// are worth a warning (an unreadable timestamp) come back beside the event instead of being printed.
import GardenKit

struct EventNormalizer {
  /// Keep the original entry, compact, in `raw`.
  var keepRaw = false

  struct Outcome {
    var event: Event
    /// The parsed timestamp, for windows and time filters.
    var timestamp: Timestamp?
    /// The timestamp text when one was written but could not be read.
    var invalidTimestamp: String?
    /// Where the message came from (`.text`: one entry's plain text, a stitching candidate).
    var source: MessageSource = .none
  }

  /// Payload keys an application uses for its own level.
  static let payloadLevelKeys = ["severity", "level", "levelname", "log_level", "loglevel", "lvl"]

  func normalize(_ entry: JSONObject, src: SourceRef) -> Outcome {
    normalize(EntryFields(object: entry), src: src)
  }

  /// `normalize` with the entry's fields already read.
  func normalize(_ f: EntryFields, src: SourceRef) -> Outcome {
    let entry = f.object
    var ev = Event()
    var out = Outcome(event: Event())

    // An entry written without a time gets the time Cloud Logging received it: that is what
    // Logging itself assigns, and trimmed or hand-made exports keep only `receiveTimestamp`.
    // A `timestamp` that is there (not null or "") but unreadable is reported, never replaced.
    let stated = f.timestamp.flatMap { $0 == .null || $0 == .string("") ? nil : $0 }
    if let tv = stated ?? f.receiveTimestamp {
      if let text = tv.string, let (t, canonical) = TimestampReading.read(text) {
        out.timestamp = t
        ev.ts = canonical
      } else if tv != .null {
        out.invalidTimestamp = tv.string ?? JSONWriter.string(tv)
      }
    }

    let resource = f.resource
    ev.resourceType = resource?["type"]?.string
    ev.resourceLabels = resource?["labels"]?.object
    if let name = f.logName { ev.log = LogName.logID(name) }

    let payload = f.jsonPayload
    let proto = f.protoPayload
    let isRequestLog =
      proto.map { $0["line"] != nil || ($0["@type"]?.string ?? "").hasSuffix("RequestLog") }
      ?? false
    ev.http =
      HTTPReading.from(httpRequest: f.httpRequest)
      ?? (isRequestLog ? proto.flatMap(HTTPReading.from(requestLog:)) : nil)

    let (message, source) = MessageBuilder.build(f, http: ev.http)
    ev.message = message
    out.source = source

    // The trace: in the message itself, or in a payload field beside it.
    var trace =
      source == .text || source == .payloadMessage || source == .appEngineLines
      ? TraceSummary.read(message) : nil
    if trace == nil, let p = payload {
      for k in MessageBuilder.errorKeys {
        if let text = MessageBuilder.errorText(p[k]), let t = TraceSummary.read(text) {
          trace = t
          break
        }
      }
    }
    if let trace {
      if trace.errorType != nil || trace.errorValue != nil {
        ev.error = ErrorInfo(
          type: trace.errorType, value: trace.errorValue, rootType: trace.rootType,
          rootValue: trace.rootValue)
      }
      ev.frames = trace.frames
    }

    ev.severity = severity(
      f, payload: payload, proto: proto, http: ev.http, message: message, source: source,
      log: ev.log, resourceType: ev.resourceType, trace: trace, platform: &ev.platformSeverity)

    let identity = ServiceResolver.resolve(
      resourceType: ev.resourceType, resourceLabels: ev.resourceLabels, labels: f.labels,
      jsonPayload: payload, protoPayload: proto)
    ev.service = identity.service
    ev.revision = identity.revision
    ev.instance = identity.instance
    ev.logger = logger(f, payload: payload)
    ev.location = LocationReading.location(
      sourceLocation: f.sourceLocation, jsonPayload: payload, protoPayload: proto)
    if let t = f.trace, !t.isEmpty { ev.trace = t }
    if let s = f.spanId, !s.isEmpty { ev.span = s }
    ev.labels = f.labels.flatMap { $0.isEmpty ? nil : $0 }
    ev.id = f.insertId
    ev.src = src
    if keepRaw { ev.raw = .object(entry) }
    swap(&out.event, &ev)  // a move: assigning copied every field and then freed the local
    return out
  }

  /// The entry's severity; a level written in plain text wins over a missing one and over the
  /// blanket severity a platform gives every line of a captured stream (the platform's is kept in
  /// `platform`).
  private func severity(
    _ f: EntryFields, payload: JSONObject?, proto: JSONObject?, http: HTTPInfo?, message: String,
    source: MessageSource, log: String?, resourceType: String?, trace: TraceSummary?,
    platform: inout String?
  ) -> Severity {
    let explicit = SeverityReading.entrySeverity(f.severity)
    var sev = explicit ?? .default
    var fromApplication = false
    if sev == .default, let p = payload {
      for k in Self.payloadLevelKeys {
        if let s = SeverityReading.payloadLevel(p[k]), s != .default {
          sev = s
          fromApplication = true
          break
        }
      }
    }
    if sev == .default, let lines = proto?["line"]?.array {
      sev = lines.compactMap { SeverityReading.entrySeverity($0["severity"]) }.max() ?? .default
    }
    if sev == .default, let status = http?.status { sev = SeverityReading.fromHTTPStatus(status) }

    let readable =
      source == .text || (source == .payloadMessage && explicit == nil && !fromApplication)
    if readable {
      let firstLine = message.utf8.firstIndex(of: 0x0A).map { String(message[..<$0]) } ?? message
      if let stated = TextLineClassifier.level(in: firstLine), stated != sev {
        let blanket =
          source == .text && (log.map(LogName.isCapturedStream) == true || resourceType == "build")
        if sev == .default || blanket {
          if sev != .default { platform = sev.name }
          sev = stated
        }
      }
    }
    // An uncaught exception printed with nothing else to go on is an error.
    if sev == .default, trace?.errorType != nil { sev = .error }
    return sev
  }

  private func logger(_ f: EntryFields, payload: JSONObject?) -> String? {
    if let p = payload {
      if let l = p.firstString("logger", "logger_name", "loggerName", "logName") { return l }
      if let l = p["logging.googleapis.com/labels"]?.object?.firstString("python_logger") {
        return l
      }
    }
    return f.labels?.firstString("python_logger", "logger", "logging.googleapis.com/logger")
  }
}
