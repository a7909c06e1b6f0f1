// Event assembler invariants: events come out in order, each covers a contiguous run of input
// lines, events plus skipped blank lines account for every line, and an event stays within the
// caps it was given (a small cap makes short inputs reach the truncation paths).
import GardenKit

enum AssemblerChecks {
  static func run(_ lines: [String]) {
    assemble(lines, TextEventAssembler())
    assemble(lines, TextEventAssembler(maxLines: 8, maxBytes: 1024))
  }

  static func assemble(_ lines: [String], _ start: TextEventAssembler) {
    var asm = start
    var events: [TextEvent] = []
    for (i, line) in lines.enumerated() {
      if let e = asm.feed(line, lineNumber: i + 1) { events.append(e) }
    }
    if let e = asm.finish() { events.append(e) }
    check(asm.finish() == nil, "finish() returned a second event")

    var covered = 0
    var next = 1
    for e in events {
      let caps = "maxLines \(asm.maxLines), maxBytes \(asm.maxBytes)"
      check(e.lines.lowerBound >= next, "event lines \(e.lines) overlap or go back (next \(next))")
      check(
        e.lines.upperBound <= lines.count, "event lines \(e.lines) past input end \(lines.count)")
      next = e.lines.upperBound + 1
      covered += e.lines.count
      check(e.omittedLines >= 0, "omittedLines \(e.omittedLines)")
      check(
        e.omittedLines == 0 || e.truncated, "lines omitted but the event is not marked truncated")
      if let ts = e.ts {
        check(Timestamp(rfc3339: ts) != nil, "event ts \(ts.debugDescription) is not RFC 3339")
      }
      let messageLines = 1 + e.message.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
      check(
        messageLines <= asm.maxLines + 2 && messageLines <= e.lines.count + 1,
        "message has \(messageLines) lines for \(e.lines.count) input lines (\(caps))")
      check(
        e.message.utf8.count <= asm.maxBytes + messageLines + 64,
        "message of \(e.message.utf8.count) bytes (\(caps))")
      if let trace = e.trace { TraceChecks.validate(trace, context: "TextEvent.trace") }
    }
    check(
      covered + asm.blankLinesSkipped == lines.count,
      "\(covered) lines in events + \(asm.blankLinesSkipped) blank != \(lines.count) input lines")
  }
}
