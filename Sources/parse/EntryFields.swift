// Field access on a LogEntry object. Exports use camelCase; some client-library dumps use the proto
// field names (`insert_id`, `json_payload`), so each lookup accepts both.
import GardenKit

struct EntryFields {
  let object: JSONObject

  func value(_ camel: String, _ snake: String? = nil) -> JSONValue? {
    if let v = object[camel] { return v }
    if let snake { return object[snake] }
    return nil
  }

  var insertId: String? { value("insertId", "insert_id")?.scalarText }
  var logName: String? { value("logName", "log_name")?.string }
  var timestamp: JSONValue? { value("timestamp") }
  var severity: JSONValue? { value("severity") }
  var resource: JSONObject? { value("resource")?.object }
  var labels: JSONObject? { value("labels")?.object }
  var textPayload: String? { value("textPayload", "text_payload")?.string }
  var jsonPayload: JSONObject? { value("jsonPayload", "json_payload")?.object }
  var protoPayload: JSONObject? { value("protoPayload", "proto_payload")?.object }
  var httpRequest: JSONObject? { value("httpRequest", "http_request")?.object }
  var sourceLocation: JSONObject? { value("sourceLocation", "source_location")?.object }
  var trace: String? { value("trace")?.string }
  var spanId: String? { value("spanId", "span_id")?.scalarText }
}

extension JSONObject {
  /// The first of `keys` that holds a non-empty string.
  func firstString(_ keys: String...) -> String? {
    for k in keys {
      if let s = self[k]?.string, !s.isEmpty { return s }
    }
    return nil
  }
}
