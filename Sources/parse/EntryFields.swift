// Field access on a LogEntry object. Exports use camelCase; some client-library dumps use the proto
// field names (`insert_id`, `json_payload`), so each lookup accepts both. The entry's keys are read
// once, in one pass dispatched on key length: per-field linear lookups with string comparisons
// were a visible part of the per-entry cost.
import GardenKit

struct EntryFields {
  let object: JSONObject

  private enum Field: Int, CaseIterable {
    case insertId, insertIdSnake, logName, logNameSnake, timestamp, severity, resource, labels
    case textPayload, textPayloadSnake, jsonPayload, jsonPayloadSnake, protoPayload
    case protoPayloadSnake, httpRequest, httpRequestSnake, sourceLocation, sourceLocationSnake
    case trace, spanId, spanIdSnake, receiveTimestamp, receiveTimestampSnake
  }

  /// The value of each field (the last one when a key repeats, as `JSONObject` lookups give).
  private var found = [JSONValue?](repeating: nil, count: Field.allCases.count)

  init(object: JSONObject) {
    self.object = object
    for (i, k) in object.keys.enumerated() {
      if let f = Self.field(k) { found[f.rawValue] = object.values[i] }
    }
  }

  private static func field(_ k: String) -> Field? {
    switch k.utf8.count {
    case 5: return k == "trace" ? .trace : nil
    case 6:
      if k == "labels" { return .labels }
      return k == "spanId" ? .spanId : nil
    case 7:
      if k == "logName" { return .logName }
      return k == "span_id" ? .spanIdSnake : nil
    case 8:
      if k == "insertId" { return .insertId }
      if k == "severity" { return .severity }
      if k == "resource" { return .resource }
      return k == "log_name" ? .logNameSnake : nil
    case 9:
      if k == "timestamp" { return .timestamp }
      return k == "insert_id" ? .insertIdSnake : nil
    case 11:
      if k == "textPayload" { return .textPayload }
      if k == "jsonPayload" { return .jsonPayload }
      return k == "httpRequest" ? .httpRequest : nil
    case 12:
      if k == "protoPayload" { return .protoPayload }
      if k == "text_payload" { return .textPayloadSnake }
      if k == "json_payload" { return .jsonPayloadSnake }
      return k == "http_request" ? .httpRequestSnake : nil
    case 13: return k == "proto_payload" ? .protoPayloadSnake : nil
    case 14: return k == "sourceLocation" ? .sourceLocation : nil
    case 15: return k == "source_location" ? .sourceLocationSnake : nil
    case 16: return k == "receiveTimestamp" ? .receiveTimestamp : nil
    case 17: return k == "receive_timestamp" ? .receiveTimestampSnake : nil
    default: return nil
    }
  }

  private func value(_ camel: Field, _ snake: Field? = nil) -> JSONValue? {
    if let v = found[camel.rawValue] { return v }
    if let snake { return found[snake.rawValue] }
    return nil
  }

  var insertId: String? { value(.insertId, .insertIdSnake)?.scalarText }
  var logName: String? { value(.logName, .logNameSnake)?.string }
  var timestamp: JSONValue? { value(.timestamp) }
  var receiveTimestamp: JSONValue? { value(.receiveTimestamp, .receiveTimestampSnake) }
  var severity: JSONValue? { value(.severity) }
  var resource: JSONObject? { value(.resource)?.object }
  var labels: JSONObject? { value(.labels)?.object }
  var textPayload: String? { value(.textPayload, .textPayloadSnake)?.string }
  var jsonPayload: JSONObject? { value(.jsonPayload, .jsonPayloadSnake)?.object }
  var protoPayload: JSONObject? { value(.protoPayload, .protoPayloadSnake)?.object }
  var httpRequest: JSONObject? { value(.httpRequest, .httpRequestSnake)?.object }
  var sourceLocation: JSONObject? { value(.sourceLocation, .sourceLocationSnake)?.object }
  var trace: String? { value(.trace)?.string }
  var spanId: String? { value(.spanId, .spanIdSnake)?.scalarText }
}

extension JSONObject {
  /// The first of `keys` that holds a non-empty string.
  func firstString(_ keys: String...) -> String? {
    for k in keys {
      if let s = nonEmptyString(k) { return s }
    }
    return nil
  }

  /// `firstString` for one key; the fixed-arity forms spare each call the variadic array.
  func firstString(_ a: String) -> String? { nonEmptyString(a) }

  /// `firstString` for two keys.
  func firstString(_ a: String, _ b: String) -> String? {
    nonEmptyString(a) ?? nonEmptyString(b)
  }

  /// `firstString` for three keys.
  func firstString(_ a: String, _ b: String, _ c: String) -> String? {
    nonEmptyString(a) ?? nonEmptyString(b) ?? nonEmptyString(c)
  }

  @inline(__always) private func nonEmptyString(_ k: String) -> String? {
    if let s = self[k]?.string, !s.isEmpty { return s }
    return nil
  }
}
