// `--check FILE…`: is each file well-formed JSON (one document) or NDJSON (one value per line)? When it
// is not, say where the first error is (LINE:COLUMN) and why, using the same JSON reader as a run.
// Each file is read whole.
import GardenKit

struct SyntaxCheck {
  enum Verdict: Equatable {
    case json(String)  // what the document is
    case ndjson(Int)  // values read
    case empty
    case error(line: Int, column: Int, reason: String)
  }

  static func check(_ bytes: [UInt8]) -> Verdict {
    guard bytes.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
      return .empty
    }
    let whole = bytes.withUnsafeBufferPointer { JSONReader.result($0) }
    if case .success(let v) = whole { return .json(describe(v)) }
    // NDJSON: every non-blank line a value. Tried when the first line is a value on its own.
    var lines = 0
    var firstError: Verdict?
    var start = 0
    var lineNo = 0
    var firstLineWasValue: Bool?
    bytes.withUnsafeBufferPointer { all in
      var i = 0
      while i <= all.count && firstError == nil {
        if i == all.count || all[i] == 0x0A {
          lineNo += 1
          var end = i
          if end > start, all[end - 1] == 0x0D { end -= 1 }
          let line = UnsafeBufferPointer(rebasing: all[start..<end])
          if !NDJSONInputReader.isBlank(line) {
            switch JSONReader.result(line) {
            case .success:
              lines += 1
              if firstLineWasValue == nil { firstLineWasValue = true }
            case .failure(let e):
              if firstLineWasValue == nil { firstLineWasValue = false }
              firstError = .error(line: lineNo, column: e.offset + 1, reason: e.reason)
            }
          }
          start = i + 1
        }
        i += 1
      }
    }
    if firstLineWasValue == true {
      return firstError ?? .ndjson(lines)
    }
    if case .failure(let e) = whole {
      let (l, c) = JSONError.lineColumn(of: e.offset, in: bytes)
      return .error(line: l, column: c, reason: e.reason)
    }
    return .ndjson(lines)
  }

  static func describe(_ v: JSONValue) -> String {
    switch v {
    case .array(let a): return "a JSON array of \(a.count) \(a.count == 1 ? "entry" : "entries")"
    case .object(let o):
      if let e = o["entries"]?.array { return "an entries.list response with \(e.count) entries" }
      return "a JSON object"
    default: return "a JSON " + (EntryUnwrapper.kind(v).split(separator: " ").last ?? "value")
    }
  }

  /// Why a file is not JSON at all, when its first bytes say so: the same causes a run names.
  static func hint(_ bytes: [UInt8]) -> String {
    let head = Array(bytes.prefix(64 << 10))
    if FormatSniffer.looksUTF16(head) {
      return " (the file is UTF-16, not UTF-8: convert it with iconv -f UTF-16 -t UTF-8)"
    }
    if FormatSniffer.isYAML(head) {
      return " (it looks like YAML, gcloud's default output: use gcloud logging read --format=json)"
    }
    return ""
  }

  /// Checks every path, printing one line each on stdout. Status 0 when all are well-formed.
  static func run(paths: [String], output: OutputStream) throws -> ExitStatus {
    var bad = false
    for path in paths {
      let input = try ByteInput(path: path)
      // The bytes as they are: a line break added after a last line without one made a cut
      // inside a string read as "control character 0xA".
      let bytes = try input.readAll()
      let name = input.displayName
      // Well-formed, but not clean text: garden-parse reads such bytes as U+FFFD; say where.
      let note =
        UTF8Check.firstInvalid(bytes).map { offset in
          let (l, c) = JSONError.lineColumn(of: offset, in: bytes)
          return "; note: invalid UTF-8 at \(l):\(c) (read as U+FFFD)"
        } ?? ""
      switch check(bytes) {
      case .json(let what): try output.write("\(name): ok: \(what)\(note)\n")
      case .ndjson(let n):
        try output.write("\(name): ok: NDJSON, \(n) \(n == 1 ? "line" : "lines")\(note)\n")
      case .empty:
        bad = true
        try output.write("\(name): not JSON: the file is empty\n")
      case .error(let line, let column, let reason):
        bad = true
        let cut =
          reason == "unterminated string" || reason.hasPrefix("unexpected end of input")
          ? " (the file ends inside this value: cut off?)" : ""
        try output.write(
          "\(name):\(line):\(column): not well-formed: \(reason)\(cut)\(hint(bytes))\n")
      }
    }
    try output.flush()
    return bad ? .dataError : .ok
  }
}
