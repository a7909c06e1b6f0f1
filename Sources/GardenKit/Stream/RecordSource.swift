// Reads NDJSON records for the stages after parse: every line must be a JSON object with a "kind".
// Malformed lines are reported (`garden-x: FILE:LINE: reason`, the first `rejectsShown` of them),
// counted and optionally saved whole to --rejects; the run goes on. An input none of whose lines is
// a record (binary data, a raw export given to the wrong stage) stops the stage with status 65.
// It also checks the schema version of `meta` records and notices an upstream stage that stopped
// early (a complete stream ends with that stage's `meta` record).

/// One record read from the stream.
public struct StreamRecord {
  public var object: JSONObject
  /// The `kind` field.
  public var kind: String
  /// Input name and 1-based line, for diagnostics.
  public var file: String
  public var line: Int
}

/// Writes rejected input lines whole, with the reason, to the `--rejects` file as NDJSON:
/// `{"file":"in.ndjson","line":7,"reason":"…","text":"…the line…"}`.
public final class RejectsWriter {
  let out: OutputStream

  /// Opens (truncates) `path` for writing.
  public init(path: String) throws(StageError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else {
      throw StageError(
        .ioError, "\(path): cannot write rejects: \(String(cString: strerror(errno)))")
    }
    // Not stdout: a closed pipe here (`--rejects >(head -1)`) must not end the run quietly with
    // status 0, and a full disk must name this file, not "output".
    out = OutputStream(fd: fd, failure: "\(path): cannot write rejects")
  }

  /// Records one rejected line.
  public func reject(file: String, line: Int, reason: String, text: String) throws {
    try out.writeRecord(
      JSONObject([
        "file": .string(file), "line": .int(line), "reason": .string(reason), "text": .string(text),
      ]))
  }

  public func close() throws {
    try out.flush()
    Glibc.close(out.fd)
  }
}

/// Reads the records of one or more NDJSON inputs.
public final class RecordSource {
  public let paths: [String]
  public let diagnostics: Diagnostics
  public var rejects: RejectsWriter?
  /// Lines read that held a record or were rejected (blank lines are not records).
  public private(set) var recordsIn = 0
  public private(set) var rejected = 0
  /// True when the input does not end with a `meta` record, empty input included: every stage ends its
  /// output with one, so the upstream stage did not finish (killed before it wrote anything, say).
  public private(set) var upstreamIncomplete = false
  /// Warnings carried by upstream `meta` records and problems seen while reading.
  public private(set) var sawMeta = false
  /// Records handed to the caller (well-formed, with a kind).
  public private(set) var wellFormed = 0
  /// Records of kind `event` (garden-parse's output) among them.
  public private(set) var eventRecords = 0
  /// How many rejections are printed on stderr; the rest are counted, and summed up at the end,
  /// so that a garbage input cannot flood the terminal (--rejects keeps every one).
  public static let rejectsShown = 20
  /// The first rejection, for the message when nothing in the input was usable.
  private var firstRejection: String?
  private lazy var scrubber = Scrubber()

  public init(paths: [String], diagnostics: Diagnostics, rejects: RejectsWriter? = nil) {
    self.paths = paths
    self.diagnostics = diagnostics
    self.rejects = rejects
  }

  /// Calls `body` with every well-formed record, in order.
  public func forEachRecord(_ body: (StreamRecord) throws -> Void) throws {
    var lastKind: String?
    for path in paths {
      let input = try ByteInput(path: path)
      let name = input.displayName
      var framer = LineFramer(input)
      try framer.forEachLine { bytes, info in
        if info.oversizedLength > 0 {
          try reject(
            name, info.number,
            "record of \(info.oversizedLength) bytes is longer than the \(LineFramer.defaultMaxLineBytes >> 20) MiB limit",
            text: "")
          return true
        }
        if Self.isBlank(bytes) { return true }
        recordsIn += 1
        let value: JSONValue
        switch JSONReader.result(bytes) {
        case .success(let v): value = v
        case .failure(let error):
          try reject(
            name, info.number, "not valid JSON: \(error.reason) at column \(error.offset + 1)",
            bytes)
          return true
        }
        guard case .object(let obj) = value else {
          try reject(name, info.number, "a record must be a JSON object", bytes)
          return true
        }
        guard let kind = obj["kind"]?.string, !kind.isEmpty else {
          try reject(name, info.number, "record has no \"kind\" field", bytes)
          return true
        }
        if kind == "meta" {
          sawMeta = true
          if let schema = obj["schema"]?.string ?? obj["schema"]?.scalarText {
            guard let major = StreamSchema.major(of: schema) else {
              try reject(
                name, info.number, "meta record has an unreadable schema version '\(schema)'", bytes
              )
              return true
            }
            if major > StreamSchema.major {
              throw StageError(
                .dataError,
                "\(name):\(info.number): the stream uses schema \(schema), newer than this \(diagnostics.program) understands (\(StreamSchema.version)); upgrade Log Gardener"
              )
            }
          }
        }
        lastKind = kind
        wellFormed += 1
        if kind == "event" { eventRecords += 1 }
        try body(StreamRecord(object: obj, kind: kind, file: name, line: info.number))
        return true
      }
    }
    if lastKind != "meta" { upstreamIncomplete = true }
    if rejected > Self.rejectsShown {
      diagnostics.note(
        "\(rejected - Self.rejectsShown) more rejected records not shown (\(rejected) in all"
          + (rejects == nil ? ")" : ", every one in the --rejects file)")
      )
    }
    if wellFormed == 0, let firstRejection {
      try rejects?.close()
      rejects = nil
      throw StageError(
        .dataError,
        "no line of the input is a Log Gardener record (\(recordsIn) line\(recordsIn == 1 ? "" : "s") rejected, the first at \(firstRejection)): \(diagnostics.program) reads the NDJSON stream that the stage before it writes (raw exports go to garden-parse)"
      )
    }
  }

  static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    for b in bytes where !(b == 0x20 || b == 0x09 || b == 0x0D) { return false }
    return true
  }

  func reject(
    _ file: String, _ line: Int, _ reason: String, _ bytes: UnsafeBufferPointer<UInt8>
  ) throws {
    try reject(file, line, reason, text: String(decoding: bytes, as: UTF8.self))
  }

  /// Reports a rejected record: stderr line, count, and the rejects file.
  public func reject(_ file: String, _ line: Int, _ reason: String, text: String) throws {
    rejected += 1
    if firstRejection == nil { firstRejection = "\(file):\(line): \(reason)" }
    if rejected <= Self.rejectsShown { diagnostics.report(file: file, line: line, reason) }
    // Scrubbed: a rejected line may never have been through garden-parse (a raw export given to
    // this stage), and a rejects file is the kind of file that gets attached to a bug report.
    try rejects?.reject(file: file, line: line, reason: reason, text: scrubber.scrub(text))
  }

  /// The warning for a stage that reads clusters when the input held events and no cluster: parse's
  /// output given straight to it, so every event would pass through unscored and unreported.
  public func eventsWithoutClustersWarning(clusters: Int) -> String? {
    guard clusters == 0, eventRecords > 0 else { return nil }
    // garden-score reads garden-cluster's output; the stages after it read garden-score's.
    let program = diagnostics.program
    let upstream = program == "garden-score" ? "garden-cluster" : "garden-score"
    let chain = upstream == "garden-cluster" ? "garden-cluster" : "garden-cluster | garden-score"
    return
      "the input holds \(eventRecords) event record\(eventRecords == 1 ? "" : "s") and no cluster record: \(program) reads \(upstream)'s output (garden-parse … | \(chain) | \(program))"
  }

  /// The warning to put in the stage's meta record when upstream did not finish, if it did not.
  public var upstreamWarning: String? {
    upstreamIncomplete
      ? "input ends without the upstream stage's closing meta record: the upstream stage did not finish, so this output is partial"
      : nil
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
