// A JSON document that is not one value per line: a pretty-printed LogEntry (how entries get saved by
// hand), an `entries.list` API response `{"entries":[…]}`, or several of them one after another
// (pages saved in a row). Such documents are small (an API page holds at most 1000 entries), so the
// input is read whole and then split into top-level values.
import GardenKit

struct DocumentInputReader {
  let sink: EventSink
  let progress: Progress

  func read(_ input: ByteInput) throws -> ReadOutcome {
    let name = input.displayName
    var bytes: [UInt8] = []
    var framer = LineFramer(input)
    var oversized: Int?
    try framer.forEachLine { buf, info in
      if info.oversizedLength > 0 {
        oversized = info.number
        return false
      }
      if let bad = UTF8Check.firstInvalid(buf) {
        sink.noteInvalidUTF8(file: name, line: info.number, column: bad + 1)
      }
      bytes.append(contentsOf: buf)
      bytes.append(0x0A)
      return true
    }
    if let line = oversized {
      try sink.reject(
        file: name, line: line,
        reason:
          "line longer than the \(LineFramer.defaultMaxLineBytes >> 20) MiB limit inside a JSON document",
        text: "")
      return .malformed("line \(line): a line is too long to read the document")
    }
    var index = 0
    return try bytes.withUnsafeBufferPointer { all in
      var pos = 0
      var line = 1
      while true {
        // Whitespace between values.
        while pos < all.count,
          all[pos] == 0x20 || all[pos] == 0x0A || all[pos] == 0x09 || all[pos] == 0x0D
        {
          if all[pos] == 0x0A { line += 1 }
          pos += 1
        }
        if pos >= all.count { return .complete }
        let startLine = line
        guard let (end, newlines) = Self.valueEnd(all, from: pos) else {
          try sink.reject(
            file: name, line: startLine, reason: "input ends inside a JSON value",
            text: String(decoding: UnsafeBufferPointer(rebasing: all[pos...]), as: UTF8.self))
          return .truncated("line \(startLine): input ends inside a JSON value")
        }
        let slice = UnsafeBufferPointer(rebasing: all[pos..<end])
        progress.tick(input)
        switch JSONReader.result(slice) {
        case .failure(let e):
          let (l, c) = JSONError.lineColumn(of: e.offset, in: slice)
          let firstColumn = Self.column(of: pos, in: all)
          try sink.reject(
            file: name, line: startLine + l - 1,
            reason:
              "not valid JSON: \(e.reason) at line \(startLine + l - 1), column \(l == 1 ? firstColumn + c - 1 : c)",
            text: String(decoding: slice, as: UTF8.self))
          if e.offset == 0 {
            return .malformed("line \(startLine): \(e.reason)")  // not JSON at all: cannot resync
          }
        case .success(let value):
          let bare =
            value.object.map { $0["entries"] == nil && $0["receivedMessages"] == nil } ?? false
          try EntryUnwrapper.unwrap(value) { item in
            switch item {
            case .entry(let o):
              try sink.accept(
                entry: o, src: SourceRef(file: name, line: bare ? startLine : nil, index: index))
            case .rejected(let reason):
              try sink.reject(
                file: name, line: startLine, reason: "entry \(index + 1): " + reason,
                text: String(decoding: slice, as: UTF8.self))
            }
            index += 1
          }
        }
        pos = end
        line = startLine + newlines
      }
    }
  }

  /// End (exclusive) of the value starting at `from` and the newlines inside it; nil when the input
  /// ends first. A value that does not start with `{`, `[` or `"` ends at the next delimiter.
  static func valueEnd(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> (Int, Int)? {
    var depth = 0
    var inString = false
    var escaped = false
    var newlines = 0
    let first = b[from]
    let container = first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    if !container && first != UInt8(ascii: "\"") {
      var i = from
      while i < b.count, !(b[i] == 0x0A || b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0D) { i += 1 }
      return (max(i, from + 1), 0)
    }
    var i = from
    while i < b.count {
      let c = b[i]
      if c == 0x0A { newlines += 1 }
      if inString {
        if escaped {
          escaped = false
        } else if c == 0x5C {
          escaped = true
        } else if c == 0x22 {
          inString = false
          if depth == 0 { return (i + 1, newlines) }
        }
      } else if c == 0x22 {
        inString = true
      } else if c == 0x7B || c == 0x5B {
        depth += 1
      } else if c == 0x7D || c == 0x5D {
        depth -= 1
        if depth == 0 { return (i + 1, newlines) }
      }
      i += 1
    }
    return nil
  }

  static func column(of offset: Int, in b: UnsafeBufferPointer<UInt8>) -> Int {
    var i = offset
    while i > 0, b[i - 1] != 0x0A { i -= 1 }
    return offset - i + 1
  }
}
