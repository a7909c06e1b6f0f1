// What a JSON value read from the input holds: a LogEntry, an `entries.list` response, a Pub/Sub push
// or pull envelope (base64 `message.data`), or an array of any of these. Each entry found, or the
// reason a value holds none, is handed on in order.
import GardenKit

enum EntryUnwrapper {
  enum Item {
    case entry(JSONObject)
    case rejected(String)
  }

  /// Calls `body` for each entry in `value`. `requireEnvelope` rejects values that are not Pub/Sub
  /// envelopes (`--format pubsub`).
  static func unwrap(
    _ value: JSONValue, requireEnvelope: Bool = false, _ body: (Item) throws -> Void
  )
    rethrows
  {
    switch value {
    case .object(let o):
      if let entries = o["entries"]?.array, !requireEnvelope {
        for e in entries { try body(asEntry(e)) }
      } else if let received = o["receivedMessages"]?.array {
        for r in received {
          if let m = r["message"]?.object {
            try body(decodeMessage(m))
          } else {
            try body(.rejected("a Pub/Sub pull item has no \"message\" object"))
          }
        }
      } else if let m = o["message"]?.object, m["data"] != nil {
        try body(decodeMessage(m))
      } else if o["data"] != nil,
        o["messageId"] != nil || o["message_id"] != nil || o["attributes"] != nil
      {
        try body(decodeMessage(o))
      } else if requireEnvelope {
        try body(.rejected("not a Pub/Sub envelope (expected {\"message\":{\"data\":…}})"))
      } else if o.isEmpty {
        return  // an empty entries.list response: no entries
      } else {
        try body(.entry(o))
      }
    case .array(let items):
      for item in items { try body(asEntry(item)) }
    default:
      try body(.rejected("an entry must be a JSON object, found \(kind(value))"))
    }
  }

  static func asEntry(_ v: JSONValue) -> Item {
    if case .object(let o) = v { return .entry(o) }
    return .rejected("an entry must be a JSON object, found \(kind(v))")
  }

  /// A PubsubMessage: `data` is base64 of the LogEntry (or, in some tools' dumps, the entry itself).
  static func decodeMessage(_ m: JSONObject) -> Item {
    if let o = m["data"]?.object { return .entry(o) }
    guard let text = m["data"]?.string else {
      return .rejected("Pub/Sub message \"data\" is not a string")
    }
    guard let bytes = Base64.decode(text) else {
      return .rejected("Pub/Sub message \"data\" is not valid base64")
    }
    switch bytes.withUnsafeBufferPointer({ JSONReader.result($0) }) {
    case .success(.object(let o)): return .entry(o)
    case .success(let v):
      return .rejected("Pub/Sub message data holds \(kind(v)), not a LogEntry object")
    case .failure(let e):
      return .rejected("Pub/Sub message data is not JSON: \(e.reason) at byte \(e.offset)")
    }
  }

  static func kind(_ v: JSONValue) -> String {
    switch v {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}
