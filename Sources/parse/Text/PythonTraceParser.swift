// Python tracebacks as `traceback.format_exc()` prints them, including chained exceptions,
// headerless fragments (`File "…"` lines without the `Traceback` line) and multi-line values.
import GardenKit

/// Reads a Python traceback.
enum PythonTraceParser {
  /// One exception block of a (possibly chained) traceback.
  private struct Block {
    var frames: [Frame] = []
    var type: String?
    var value: [Substring] = []
  }

  private enum Mode { case before, frames, exception, between }

  /// The traceback in `lines`, or nil when there is no header and no frame line.
  static func parse(_ lines: [Substring]) -> ParsedTrace? {
    var blocks: [Block] = []
    var current: Block?
    var mode = Mode.before
    var beforeEnd = 0
    for (i, line) in lines.enumerated() {
      let trimmed = TraceLine.trimLeading(line)
      if TraceLine.isOmission(trimmed) { continue }
      if trimmed.utf8.starts(with: "Traceback (most recent call last)".utf8) {
        if let c = current { blocks.append(c) } else if blocks.isEmpty { beforeEnd = i }
        current = Block()
        mode = .frames
      } else if TraceLine.isChainSeparator(trimmed) {
        if let c = current { blocks.append(c) }
        current = nil
        mode = .between
      } else if let f = TraceLine.pythonFrame(trimmed), mode != .exception {
        if current == nil {
          if blocks.isEmpty && mode == .before { beforeEnd = i }
          current = Block()
        }
        current?.frames.append(frame(f))
        mode = .frames
      } else if mode == .frames {
        // Code lines, `^^^^` markers and "[Previous line repeated N more times]" are indented.
        if TraceLine.isIndented(line) || trimmed.isEmpty { continue }
        if let h = TraceLine.exceptionHeader(TraceLine.trimTrailing(trimmed)) {
          current?.type = h.type
          if let v = h.value { current?.value = [Substring(v)] }
          mode = .exception
        } else {
          mode = .between  // unrelated text after the frames: the trace was cut off
        }
      } else if mode == .exception {
        current?.value.append(TraceLine.trimTrailing(line))
      }
    }
    if let c = current { blocks.append(c) }
    guard let last = blocks.last else { return nil }
    let (frames, omitted) = TraceParser.capped(last.frames)
    var root: ParsedTrace.Cause?
    if blocks.count > 1, let first = blocks.first, let type = first.type {
      root = ParsedTrace.Cause(type: type, value: joinValue(first.value))
    }
    return ParsedTrace(
      language: .python, errorType: last.type, errorValue: joinValue(last.value), frames: frames,
      rootCause: root, messageBeforeTrace: TraceParser.leadingMessage(lines[0..<beforeEnd]),
      omittedFrames: omitted)
  }

  private static func frame(_ f: (file: String, line: Int, function: String?)) -> Frame {
    let owner = FrameOwnership.python(file: f.file, function: f.function)
    return Frame(
      file: f.file, line: f.line, function: f.function, module: owner.module, inApp: owner.inApp)
  }

  /// Multi-line values keep their lines; trailing blank lines are dropped.
  private static func joinValue(_ lines: [Substring]) -> String? {
    var kept = lines
    while let l = kept.last, l.allSatisfy({ $0 == " " || $0 == "\t" }) { kept.removeLast() }
    return kept.isEmpty ? nil : kept.joined(separator: "\n")
  }
}
