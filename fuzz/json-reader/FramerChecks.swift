// Framer invariants on in-memory input: elements and lines are exact slices of the input at the
// offsets and line numbers they claim; a document the reader accepts as an array frames into the
// same items; a truncated copy keeps every complete element; lines within the limit are handed on.
import GardenKit

enum FramerChecks {
  /// Checks in-memory array framing; returns what it framed, for the streaming comparisons.
  @discardableResult
  static func arrayFramer(_ bytes: [UInt8], parsed: JSONValue?) -> ([Framed], ArrayFramingEnd) {
    let (elements, end) = Framing.elements(ByteInput(name: "fuzz", bytes: bytes))
    var line = 1
    var counted = 0  // newlines before `counted` are in `line`; offsets only grow
    for (i, e) in elements.enumerated() {
      check(e.number == i, "element index \(e.number) at position \(i)")
      check(
        e.offset >= counted && e.offset + e.bytes.count <= bytes.count
          && bytes[e.offset..<e.offset + e.bytes.count].elementsEqual(e.bytes),
        "element \(i) is not the input slice at its offset \(e.offset)")
      for b in bytes[counted..<e.offset] where b == 0x0A { line += 1 }
      counted = e.offset
      check(e.extra == line, "element \(i) claims line \(e.extra), starts on line \(line)")
    }
    switch end {
    case .truncated(let offset, let line, _), .malformed(let offset, let line, _):
      check(offset >= 0 && offset <= bytes.count && line >= 1, "bad end position \(end)")
    case .stopped:
      finding("framer reported .stopped without being asked to stop")
    case .complete:
      break
    }
    if !elements.isEmpty {
      let (first, stopEnd) = Framing.elements(ByteInput(name: "fuzz", bytes: bytes), limit: 1)
      check(stopEnd == .stopped && first == [elements[0]], "stopping after one element: \(stopEnd)")
    }

    guard case .array(let items)? = parsed else { return (elements, end) }
    // The reader accepted one array: the framer must agree on its items exactly.
    check(end == .complete, "reader accepts the array but framing ended \(end)")
    check(
      elements.count == items.count, "\(elements.count) elements framed, reader has \(items.count)")
    for (e, item) in zip(elements, items) {
      let v = try? JSONReader.parse(e.bytes)
      check(v == item, "framed element \(e.number) parses differently: \(hexPreview(e.bytes))")
    }
    for cut in Set([bytes.count / 2, bytes.count - 1]) where cut > 0 {
      truncated(bytes, at: cut, full: elements)
    }
    return (elements, end)
  }

  /// Framing the first `cut` bytes of a valid array keeps every element that ends before the cut,
  /// unchanged; only the last one delivered may be a cut-off scalar.
  static func truncated(_ bytes: [UInt8], at cut: Int, full: [Framed]) {
    let prefix = Array(bytes[..<cut])
    let (got, end) = Framing.elements(ByteInput(name: "cut", bytes: prefix))
    let complete = full.filter { $0.offset + $0.bytes.count <= cut }
    check(
      got.count >= complete.count,
      "cut at \(cut): \(got.count) elements, \(complete.count) complete")
    check(got.count <= full.count, "cut at \(cut): more elements than the whole array")
    for (i, e) in got.enumerated() {
      let whole = full[i]
      if i < complete.count {
        check(e == whole, "cut at \(cut): element \(i) changed")
      } else {
        check(
          e.offset == whole.offset && whole.bytes.starts(with: e.bytes),
          "cut at \(cut): extra element \(i) is not a prefix of the real one")
      }
    }
    let beforeBracket = prefix.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    switch end {
    case .truncated, .complete: break
    case .malformed where beforeBracket: break  // only whitespace: "empty input" is right
    default: finding("cut at \(cut): a prefix of a valid array ended \(end)")
    }
  }

  /// Checks in-memory line framing; returns the lines framed with the default limit.
  @discardableResult
  static func lineFramer(_ bytes: [UInt8]) -> [Framed] {
    var framedDefault: [Framed] = []
    // Reference split: raw lines between newlines; a final piece without newline counts if non-empty.
    var raw: [Range<Int>] = []
    var start = 0
    for (i, b) in bytes.enumerated() where b == 0x0A {
      raw.append(start..<i)
      start = i + 1
    }
    if start < bytes.count { raw.append(start..<bytes.count) }

    for limit in [LineFramer.defaultMaxLineBytes, 1 + Int(bytes.first ?? 0) % 40] {
      let got = Framing.lines(ByteInput(name: "fuzz", bytes: bytes), maxLineBytes: limit)
      if limit == LineFramer.defaultMaxLineBytes { framedDefault = got }
      check(got.count == raw.count, "limit \(limit): \(got.count) lines, expected \(raw.count)")
      for (i, (line, r)) in zip(got, raw).enumerated() {
        check(line.number == i + 1, "line \(i + 1) numbered \(line.number)")
        check(
          line.offset == r.lowerBound,
          "line \(line.number) offset \(line.offset) != \(r.lowerBound)")
        var body = Array(bytes[r])
        if body.last == 0x0D { body.removeLast() }
        if line.extra > 0 {
          check(line.bytes.isEmpty, "oversized line \(line.number) still has bytes")
          // The limit counts a CRLF line's `\r` too, so compare the raw length.
          check(r.count > limit, "line \(line.number) of \(r.count) bytes reported oversized")
          check(
            line.extra == r.count || line.extra == body.count,
            "line \(line.number) oversized length \(line.extra), real \(r.count)")
        } else {
          check(line.bytes == body, "line \(line.number) bytes differ: \(hexPreview(line.bytes))")
        }
      }
    }
    return framedDefault
  }
}
