// V8 `error.stack` text: `TypeError: msg` then `    at fn (/app/file.js:10:5)`, `    at /app/x.js:1:2`,
// `at async fn (…)`, `at new Cls (…)`, `node:internal/…` frames.
import GardenKit

/// Reads a Node.js (V8) stack.
enum NodeTraceParser {
  /// The stack in `lines`, or nil without any V8 frame line.
  static func parse(_ lines: [Substring]) -> ParsedTrace? {
    guard let firstFrame = lines.firstIndex(where: { frame(TraceLine.trimLeading($0)) != nil })
    else {
      return nil
    }
    var printed: [Frame] = []
    for line in lines[firstFrame...] {
      let t = TraceLine.trimTrailing(TraceLine.trimLeading(line))
      if TraceLine.isOmission(t) { continue }
      guard let f = frame(t) else { break }  // `{ code: 'X' }` and the like follow the frames
      printed.append(f)
    }
    // The error line is the nearest line above the frames that names an error class, possibly
    // after a message on the same line (`failed: TypeError: x`).
    var type: String?
    var value: String?
    var beforeLines = Array(lines[lines.startIndex..<firstFrame])
    for i in stride(from: firstFrame - 1, through: lines.startIndex, by: -1) {
      let t = TraceLine.trimTrailing(TraceLine.trimLeading(lines[i]))
      guard let (offset, header) = errorHeader(in: t) else { continue }
      type = header.type
      let extra = lines[(i + 1)..<firstFrame].map { String(TraceLine.trimTrailing($0)) }
      let v = ([header.value].compactMap { $0 } + extra).joined(separator: "\n")
      value = v.isEmpty ? nil : v
      beforeLines = Array(lines[lines.startIndex..<i])
      let lead = TraceLine.trimTrailing(t[..<t.index(t.startIndex, offsetBy: offset)])
      if !lead.isEmpty { beforeLines.append(lead) }
      break
    }
    let (frames, omitted) = TraceParser.capped(Array(printed.reversed()))
    return ParsedTrace(
      language: .node, errorType: type, errorValue: value, frames: frames,
      messageBeforeTrace: TraceParser.leadingMessage(beforeLines[...]), omittedFrames: omitted)
  }

  /// The first word of `t` that starts an error header (`TypeError: …`, `Error [ERR_X]: …`),
  /// with its character offset.
  private static func errorHeader(in t: Substring) -> (Int, (type: String, value: String?))? {
    var offset = 0
    var rest = t
    while !rest.isEmpty {
      if let h = TraceLine.exceptionHeader(rest),
        h.type == "Error" || TraceLine.isExceptionLike(h.type)
      {
        return (offset, h)
      }
      guard let space = rest.firstIndex(of: " ") else { return nil }
      offset += rest.distance(from: rest.startIndex, to: space) + 1
      rest = rest[rest.index(after: space)...]
    }
    return nil
  }

  /// `at [async ][new ]fn (location)` or `at location`, where location is `file:line:col`,
  /// `<anonymous>` or `native`. JVM frames (`File.java:12`) are refused.
  static func frame(_ t: Substring) -> Frame? {
    guard t.utf8.starts(with: "at ".utf8) else { return nil }
    var body = t.dropFirst(3)
    var function: Substring?
    if body.hasSuffix(")"), let open = matchingOpen(body) {
      let name = TraceLine.trimTrailing(body[..<open])
      function = name.isEmpty ? nil : name
      body = body[body.index(after: open)..<body.index(before: body.endIndex)]
      if function?.hasPrefix("async ") == true { function = function?.dropFirst(6) }
    }
    guard let loc = location(body) else { return nil }
    let owner = FrameOwnership.node(file: loc.file)
    return Frame(
      file: loc.file, line: loc.line, column: loc.column, function: function.map(String.init),
      module: owner.module, inApp: owner.inApp)
  }

  /// `file:line:col` (the file may hold colons), `<anonymous>`, `native`, `index 0`.
  private static func location(_ s: Substring) -> (file: String?, line: Int?, column: Int?)? {
    if s == "<anonymous>" || s == "native" { return (String(s), nil, nil) }
    if s.utf8.starts(with: "eval at ".utf8), let comma = s.lastIndex(of: ",") {
      return location(TraceLine.trimLeading(s[s.index(after: comma)...]))
    }
    let parts = s.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count >= 3, let col = TraceLine.number(parts[parts.count - 1]),
      let line = TraceLine.number(parts[parts.count - 2]),
      !s.contains(" ") || s.utf8.starts(with: "file://".utf8)
    else { return nil }
    let file = parts.dropLast(2).joined(separator: ":")
    return (file, line, col)
  }

  /// Index of the `(` that matches the final `)`.
  private static func matchingOpen(_ s: Substring) -> Substring.Index? {
    var depth = 0
    var i = s.endIndex
    while i > s.startIndex {
      i = s.index(before: i)
      if s[i] == ")" {
        depth += 1
      } else if s[i] == "(" {
        depth -= 1
        if depth == 0 { return i }
      }
    }
    return nil
  }
}
