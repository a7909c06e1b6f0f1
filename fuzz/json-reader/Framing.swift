// Runs the two framers over a ByteInput and records everything they hand on, so checks can compare
// runs (in memory against file-backed, whole against truncated).
import GardenKit

/// One element or line as a framer delivered it.
struct Framed: Equatable {
  var bytes: [UInt8]
  /// Element index, or 1-based line number.
  var number: Int
  /// Element line, or a line's oversized length.
  var extra: Int
  var offset: Int
}

enum Framing {
  /// Frames the array elements of `input`; stops after `limit` elements when given.
  static func elements(_ input: ByteInput, limit: Int? = nil) -> ([Framed], ArrayFramingEnd) {
    var framer = JSONArrayFramer(input)
    var out: [Framed] = []
    do {
      let end = try framer.forEachElement { buf, info in
        out.append(
          Framed(bytes: Array(buf), number: info.index, extra: info.line, offset: info.offset))
        // Every element goes through the reader, as garden-parse does; it may fail, not trap.
        _ = JSONReader.result(buf)
        if let limit, out.count >= limit { return false }
        return true
      }
      check(framer.elementCount == out.count, "elementCount \(framer.elementCount) != \(out.count)")
      return (out, end)
    } catch {
      finding("JSONArrayFramer threw on \(input.name): \(error)")
    }
  }

  /// Frames the lines of `input`.
  static func lines(_ input: ByteInput, maxLineBytes: Int = LineFramer.defaultMaxLineBytes)
    -> [Framed]
  {
    var framer = LineFramer(input, maxLineBytes: maxLineBytes)
    var out: [Framed] = []
    do {
      try framer.forEachLine { buf, info in
        out.append(
          Framed(
            bytes: Array(buf), number: info.number, extra: info.oversizedLength, offset: info.offset
          ))
        _ = JSONReader.result(buf)
        return true
      }
    } catch {
      finding("LineFramer threw on \(input.name): \(error)")
    }
    check(framer.lineNumber == out.count, "lineNumber \(framer.lineNumber) != \(out.count) lines")
    return out
  }
}
