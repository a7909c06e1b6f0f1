// Go panics as the runtime prints them: `panic: msg`, then `goroutine N [running]:` and pairs of
// lines `pkg.fn(args)` / `\t/path/file.go:NN +0x1d`. Only the first goroutine (the panicking one).
import Foundation
import GardenKit

/// Reads a Go panic or `fatal error:` dump.
enum GoTraceParser {
  /// The panic in `lines`, or nil without a `goroutine N [` line.
  static func parse(_ lines: [Substring]) -> ParsedTrace? {
    guard
      let g = lines.firstIndex(where: {
        TextLineClassifier.isGoroutineHeader(TraceLine.trimLeading($0))
      })
    else { return nil }
    var type: String?
    var value: String?
    var before = lines[lines.startIndex..<g]
    if let p = lines[..<g].firstIndex(where: {
      $0.utf8.starts(with: "panic: ".utf8) || $0.utf8.starts(with: "fatal error: ".utf8)
    }) {
      let line = TraceLine.trimTrailing(lines[p])
      let isPanic = line.utf8.starts(with: "panic: ".utf8)
      var message = line.dropFirst(isPanic ? 7 : 13)
      if message.hasSuffix(" [recovered]") { message = message.dropLast(12) }
      if message.utf8.starts(with: "runtime error: ".utf8) {
        type = "runtime error"
        value = String(message.dropFirst(15))
      } else {
        type = isPanic ? "panic" : "fatal error"
        value = String(message)
      }
      before = lines[lines.startIndex..<p]
    }
    var printed: [Frame] = []  // innermost first, as printed
    var pending: (package: String, function: String)?
    for line in lines[(g + 1)...] {
      let t = TraceLine.trimTrailing(TraceLine.trimLeading(line))
      if t.isEmpty || TextLineClassifier.isGoroutineHeader(t) { break }
      if TraceLine.isOmission(t) { continue }
      if TraceLine.isIndented(line), let f = fileLine(t) {
        if let p = pending {
          printed.append(
            Frame(
              file: f.file, line: f.line, function: p.function, module: p.package,
              inApp: FrameOwnership.goInApp(package: p.package, file: f.file)))
        }
        pending = nil
      } else {
        pending = function(t)
      }
    }
    guard !printed.isEmpty || type != nil else { return nil }
    let (frames, omitted) = TraceParser.capped(Array(printed.reversed()))
    return ParsedTrace(
      language: .go, errorType: type, errorValue: value, frames: frames,
      messageBeforeTrace: TraceParser.leadingMessage(before), omittedFrames: omitted)
  }

  /// `main.(*Server).handle(0x0, {0x5c1e40})` or `created by main.main in goroutine 1`.
  private static func function(_ t: Substring) -> (package: String, function: String)? {
    var s = t
    if s.utf8.starts(with: "created by ".utf8) {
      s = s.dropFirst(11)
      if let r = s.range(of: " in goroutine ") { s = s[..<r.lowerBound] }
      return FrameOwnership.goSplit(String(s))
    }
    guard s.hasSuffix(")") else { return nil }
    // Strip the argument list: the parenthesis that closes at the end of the line.
    var depth = 0
    var i = s.endIndex
    while i > s.startIndex {
      i = s.index(before: i)
      if s[i] == ")" {
        depth += 1
      } else if s[i] == "(" {
        depth -= 1
        if depth == 0 { break }
      }
    }
    guard depth == 0, i > s.startIndex else { return nil }
    return FrameOwnership.goSplit(String(s[..<i]))
  }

  /// `/app/main.go:15 +0x85` → file and line.
  private static func fileLine(_ t: Substring) -> (file: String, line: Int)? {
    let loc = t.prefix { $0 != " " }
    guard let colon = loc.lastIndex(of: ":"),
      let n = TraceLine.number(loc[loc.index(after: colon)...])
    else {
      return nil
    }
    return (String(loc[..<colon]), n)
  }
}
