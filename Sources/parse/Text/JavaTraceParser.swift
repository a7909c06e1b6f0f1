// Java (and other JVM) traces as `Throwable.printStackTrace()` prints them: the exception line,
// `\tat pkg.Cls.method(File.java:N)`, `Caused by:` blocks ending in `... N more`, `Suppressed:`.
import GardenKit

/// Reads a JVM stack trace.
enum JavaTraceParser {
  /// One throwable: its header and its printed frames (innermost first, as printed).
  private struct Block {
    var type: String?
    var value: String?
    var frames: [Frame] = []
    var more = 0
  }

  /// The trace in `lines`, or nil without any JVM frame line.
  static func parse(_ lines: [Substring]) -> ParsedTrace? {
    guard let firstFrame = lines.firstIndex(where: { frame(TraceLine.trimLeading($0)) != nil })
    else {
      return nil
    }
    // The exception line is the first line before the frames that reads like one; lines above it
    // are the log message, lines between it and the frames continue its message.
    var headerIndex: Int?
    for i in lines.startIndex..<firstFrame {
      let t = TraceLine.trimTrailing(TraceLine.trimLeading(lines[i]))
      if let h = TraceLine.exceptionHeader(t), TraceLine.isExceptionLike(h.type) {
        headerIndex = i
        break
      }
    }
    var blocks: [Block] = []
    var current = Block()
    var before = lines[lines.startIndex..<firstFrame]
    if let h = headerIndex,
      let header = TraceLine.exceptionHeader(
        TraceLine.trimTrailing(TraceLine.trimLeading(lines[h])))
    {
      current.type = header.type
      let extra = lines[(h + 1)..<firstFrame].map { String(TraceLine.trimTrailing($0)) }
      let value = ([header.value].compactMap { $0 } + extra).joined(separator: "\n")
      current.value = value.isEmpty ? nil : value
      before = lines[lines.startIndex..<h]
    }
    var skippingSuppressed = false
    for line in lines[firstFrame...] {
      let t = TraceLine.trimTrailing(TraceLine.trimLeading(line))
      if t.utf8.starts(with: "Caused by: ".utf8) {
        blocks.append(current)
        current = Block()
        skippingSuppressed = false
        if let h = TraceLine.exceptionHeader(t.dropFirst(11)) {
          current.type = h.type
          current.value = h.value
        } else {
          current.value = String(t.dropFirst(11))
        }
      } else if t.utf8.starts(with: "Suppressed: ".utf8) {
        skippingSuppressed = true  // a suppressed throwable is a side story, not the cause
      } else if skippingSuppressed {
        continue
      } else if let f = frame(t) {
        current.frames.append(f)
      } else if let n = TraceLine.moreCount(t) {
        current.more = n
      }
    }
    blocks.append(current)

    // The root cause's full stack: its printed frames plus the last `more` frames of the stack
    // of the throwable that encloses it (Java prints shared frames only once).
    var stack = blocks[0].frames
    for block in blocks.dropFirst() {
      stack = block.frames + Array(stack.suffix(min(block.more, stack.count)))
    }
    let (frames, omitted) = TraceParser.capped(Array(stack.reversed()))
    let outer = blocks[0]
    var root: ParsedTrace.Cause?
    if blocks.count > 1, let last = blocks.last, let type = last.type {
      root = ParsedTrace.Cause(type: type, value: last.value)
    }
    return ParsedTrace(
      language: .java, errorType: outer.type, errorValue: outer.value, frames: frames,
      rootCause: root, messageBeforeTrace: TraceParser.leadingMessage(before),
      omittedFrames: omitted)
  }

  /// `at [module/]pkg.Cls.method(File.java:12)`, `(Native Method)`, `(Unknown Source)`, with an
  /// optional logback suffix ` ~[app.jar:1.0]`. Node frames (`file:line:col`) are refused.
  static func frame(_ t: Substring) -> Frame? {
    // Byte-level searches: every frame of every Java trace comes through here.
    guard t.utf8.starts(with: "at ".utf8), let open = t.utf8.firstIndex(of: UInt8(ascii: "(")),
      let close = t.utf8[open...].firstIndex(of: UInt8(ascii: ")"))
    else { return nil }
    var qualified = t[t.utf8.index(t.startIndex, offsetBy: 3)..<open]
    guard !qualified.utf8.contains(UInt8(ascii: " ")), !qualified.isEmpty else { return nil }
    if let slash = qualified.utf8.lastIndex(of: UInt8(ascii: "/")) {
      qualified = qualified[qualified.utf8.index(after: slash)...]
    }
    guard let dot = qualified.utf8.lastIndex(of: UInt8(ascii: ".")) else { return nil }
    let className = String(qualified[..<dot])
    let method = String(qualified[qualified.utf8.index(after: dot)...])
    let location = t[t.utf8.index(after: open)..<close]
    var file: String?
    var line: Int?
    if location != "Native Method" && location != "Unknown Source" && !location.isEmpty {
      let parts = location.split(separator: ":", omittingEmptySubsequences: false)
      guard parts.count <= 2 else { return nil }  // `file:line:col` is Node
      file = String(parts[0])
      if parts.count == 2 {
        guard let n = TraceLine.number(parts[1]) else { return nil }
        line = n
      }
    }
    return Frame(
      file: file, line: line, function: method, module: className,
      inApp: FrameOwnership.javaInApp(className: className))
  }
}
