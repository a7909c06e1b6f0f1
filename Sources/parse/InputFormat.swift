// Input formats and their detection from the first significant byte and a peek at the first line.
import GardenKit

/// The shapes garden-parse reads.
enum InputFormat: String, CaseIterable {
  /// `gcloud logging read --format=json`: one (possibly huge, possibly cut-off) JSON array.
  case json
  /// One JSON value per line: LogEntries, Pub/Sub envelopes, API responses.
  case ndjson
  /// NDJSON whose lines are Pub/Sub push/pull envelopes (detected per line in `ndjson` too).
  case pubsub
  /// Plain text logs.
  case text
  /// Plain text, exactly one event per line.
  case lines
  /// A JSON document that is not an array and does not fit on one line: a pretty-printed LogEntry
  /// or an `entries.list` response `{"entries":[…]}` (auto-detected only).
  case document
}

enum FormatSniffer {
  /// Keys that start a LogEntry printed as YAML (gcloud's default format).
  static let yamlKeys = [
    "insertId", "logName", "httpRequest", "jsonPayload", "protoPayload", "textPayload",
    "receiveTimestamp", "resource", "severity", "timestamp", "labels", "trace", "spanId",
    "operation", "sourceLocation", "errorGroups",
  ]

  enum Verdict: Equatable {
    case format(InputFormat)
    case empty
    case yaml
    case binary
    /// UTF-16 text (a BOM, or every other byte NUL): what a PowerShell `>` redirect writes.
    case utf16
  }

  /// Decides the format of an input from its first bytes.
  static func sniff(_ input: ByteInput) throws -> Verdict {
    guard let first = try input.peekFirstSignificantByte() else { return .empty }
    let head = try input.peek(64 << 10)
    if looksUTF16(head) { return .utf16 }
    if looksBinary(head, json: first == UInt8(ascii: "[") || first == UInt8(ascii: "{")) {
      return .binary
    }
    if first == UInt8(ascii: "[") { return .format(.json) }
    if first == UInt8(ascii: "{") {
      // NDJSON when the first non-blank line is a whole JSON value on its own.
      let line = firstNonBlankLine(head)
      if let line, JSONReaderCheck.isValue(line) { return .format(.ndjson) }
      // A broken first line (an export cut at its start, a hand edit) must not turn the whole
      // file into one unreadable document: a later line that is a whole object means NDJSON.
      if laterLineIsWholeObject(head) { return .format(.ndjson) }
      return .format(.document)
    }
    if isYAML(head) { return .yaml }
    return .format(.text)
  }

  /// A UTF-16 byte-order mark, or ASCII text with a NUL in every other byte of the first 64.
  static func looksUTF16(_ head: [UInt8]) -> Bool {
    if head.count >= 2, (head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)
    {
      return true
    }
    let n = min(head.count, 64) & ~1
    guard n >= 8 else { return false }
    for parity in 0...1 {
      var zeros = 0
      var ascii = 0
      for i in stride(from: 0, to: n, by: 2) {
        if head[i + parity] == 0 { zeros += 1 }
        let other = head[i + 1 - parity]
        if other >= 0x09 && other < 0x7F { ascii += 1 }
      }
      if zeros == n / 2 && ascii == n / 2 { return true }
    }
    return false
  }

  static func firstNonBlankLine(_ head: [UInt8]) -> ArraySlice<UInt8>? {
    var start = 0
    var i = 0
    while i <= head.count {
      if i == head.count || head[i] == 0x0A {
        let line = head[start..<i]
        if line.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D) }) {
          return i == head.count && i == 64 << 10 ? nil : line
        }
        start = i + 1
      }
      i += 1
    }
    return nil
  }

  /// True when one of the first few complete non-blank lines after the first one starts with `{`
  /// and is a whole JSON value on its own, as NDJSON lines are and a pretty-printed document's
  /// lines (`"key": value,`) are not.
  static func laterLineIsWholeObject(_ head: [UInt8]) -> Bool {
    var start = 0
    var seen = 0
    var i = 0
    while i < head.count, seen < 8 {
      if head[i] == 0x0A {
        let line = head[start..<i]
        if let f = line.firstIndex(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D) }) {
          seen += 1
          if seen > 1, line[f] == UInt8(ascii: "{"), JSONReaderCheck.isValue(line) { return true }
        }
        start = i + 1
      }
      i += 1
    }
    return false
  }

  /// `---` document separators or `insertId: …` style lines at the start.
  static func isYAML(_ head: [UInt8]) -> Bool {
    guard let line = firstNonBlankLine(head) else { return false }
    let text = String(decoding: line, as: UTF8.self)
    if text.hasPrefix("---") { return true }
    return yamlKeys.contains { text.hasPrefix($0 + ":") }
  }

  /// NUL bytes, or mostly control characters and invalid UTF-8, in the first bytes. Input that starts
  /// like JSON is judged by the share of garbage only: one entry with a raw NUL is that entry's
  /// problem (rejected on its own line), not a reason to refuse the whole export.
  static func looksBinary(_ head: [UInt8], json: Bool = false) -> Bool {
    if head.isEmpty { return false }
    if !json && head.contains(0) { return true }
    var bad = 0
    head.withUnsafeBufferPointer { buf in
      var i = 0
      while i < buf.count {
        let b = buf[i]
        if b < 0x20, b != 0x0A, b != 0x0D, b != 0x09, b != 0x1B, b != 0x0C {
          bad += 1
          i += 1
          continue
        }
        let n = UTF8Validation.sequenceLength(buf, at: i)
        if n == 0 {
          // A sequence cut by the peek window is not evidence.
          if buf.count - i < 4 { break }
          bad += 1
          i += 1
        } else {
          i += n
        }
      }
    }
    return bad * 10 > head.count  // over 10% garbage
  }
}

enum JSONReaderCheck {
  static func isValue(_ bytes: ArraySlice<UInt8>) -> Bool {
    bytes.withUnsafeBufferPointer { b in
      if case .success = JSONReader.result(b) { return true }
      return false
    }
  }
}
