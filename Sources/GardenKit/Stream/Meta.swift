// The `meta` record: run facts a stage appends to the stream (schema version, counts, warnings).
// Counts reconcile per stage: records in = records out + rejected (+ what a stage documents it drops,
// each counted by name).

/// The stream schema this build writes and reads. A stream with a newer major version is refused.
public enum StreamSchema {
  public static let version = "1.0"
  public static let major = 1

  /// The major version of a schema string like `"1.0"`, or nil when it is not one.
  public static func major(of text: String) -> Int? {
    Int(text.split(separator: ".", maxSplits: 1).first ?? "")
  }
}

/// Builds a stage's closing `meta` record.
/// Wire form: `{"kind":"meta","schema":"1.0","stage":"cluster","version":"0.1.0","complete":true,
/// "counts":{"records_in":120,"records_out":9,"rejected":0},"warnings":[]}`
public struct MetaRecord {
  public var stage: String
  /// Named counts in the order they should be written.
  public var counts: [(String, Int)] = []
  /// Data-quality warnings, one sentence each.
  public var warnings: [String] = []
  /// False when this stage knows its output is partial.
  public var complete = true
  /// Stage-specific fields written after the standard ones.
  public var extra = JSONObject()

  public init(stage: String) { self.stage = stage }

  /// Adds or replaces a count.
  public mutating func setCount(_ name: String, _ value: Int) {
    if let i = counts.firstIndex(where: { $0.0 == name }) {
      counts[i].1 = value
    } else {
      counts.append((name, value))
    }
  }

  public var record: JSONObject {
    var o = JSONObject()
    o.append("kind", .string("meta"))
    o.append("schema", .string(StreamSchema.version))
    o.append("stage", .string(stage))
    o.append("version", .string(gardenVersion))
    o.append("complete", .bool(complete))
    var c = JSONObject()
    for (k, v) in counts { c.append(k, .int(v)) }
    o.append("counts", .object(c))
    o.append("warnings", .array(warnings.map { .string($0) }))
    for (k, v) in extra { o.append(k, v) }
    return o
  }
}
