// Frames the elements of a (possibly huge, possibly truncated) top-level JSON array, one at a time, so a
// gcloud export of gigabytes is read with memory bounded by its largest entry. Each element is handed on
// as raw bytes for JSONReader to parse; framing only tracks strings, escapes and nesting depth.

/// Where an array element sits in its input.
public struct ElementInfo: Sendable {
  /// 0-based position in the array.
  public var index: Int
  /// 1-based line of the element's first byte.
  public var line: Int
  /// Byte offset of the element's first byte.
  public var offset: Int
}

/// How framing ended.
public enum ArrayFramingEnd: Equatable, Sendable {
  /// The array was closed and nothing but whitespace followed.
  case complete
  /// The input ended inside an element or before the closing bracket: every complete element before
  /// it was delivered.
  case truncated(offset: Int, line: Int, reason: String)
  /// Something that is not JSON array syntax was found between elements.
  case malformed(offset: Int, line: Int, reason: String)
  /// The consumer asked to stop.
  case stopped
}

/// Frames the elements of top-level JSON arrays. Several arrays one after another (`[…][…]`, as when
/// two exports are concatenated) are read as one sequence.
public struct JSONArrayFramer {
  /// Largest element accepted, in bytes (256 MiB); a larger one is reported as malformed.
  public static let maxElementBytes = 256 << 20

  public let input: ByteInput
  public private(set) var elementCount = 0

  public init(_ input: ByteInput) { self.input = input }

  private enum Expect { case openBracket, valueOrClose, value, commaOrClose, afterClose }

  /// Calls `body` with each element's bytes. Returns how the array ended.
  public mutating func forEachElement(
    _ body: (UnsafeBufferPointer<UInt8>, ElementInfo) throws -> Bool
  ) throws -> ArrayFramingEnd {
    let inp = input
    var line = 1  // line number at inp.start
    var expect = Expect.openBracket
    while true {
      // Skip whitespace and structural characters between elements.
      if inp.start >= inp.end {
        if try !inp.fill() {
          switch expect {
          case .afterClose: return .complete
          case .openBracket:
            return .malformed(
              offset: inp.offset, line: line, reason: "empty input, expected a JSON array")
          default:
            return .truncated(
              offset: inp.offset, line: line,
              reason:
                "input ends before the array is closed (\(elementCount) complete entries kept)")
          }
        }
        continue
      }
      let b = inp.buffer[inp.start]
      if b == 0x20 || b == 0x09 || b == 0x0D {
        inp.start += 1
        continue
      }
      if b == 0x0A {
        line += 1
        inp.start += 1
        continue
      }
      switch expect {
      case .openBracket, .afterClose:
        if b == UInt8(ascii: "[") {
          inp.start += 1
          expect = .valueOrClose
          continue
        }
        if expect == .openBracket, b == 0xEF {  // byte order mark
          inp.start += 1
          continue
        }
        if expect == .openBracket, b == 0xBB || b == 0xBF {
          inp.start += 1
          continue
        }
        let what =
          expect == .openBracket
          ? "expected '[' to open a JSON array" : "unexpected data after the array"
        return .malformed(
          offset: inp.offset, line: line, reason: "\(what), found \(JSONScanner.describe(b))")
      case .commaOrClose:
        if b == UInt8(ascii: ",") {
          inp.start += 1
          expect = .value
          continue
        }
        if b == UInt8(ascii: "]") {
          inp.start += 1
          expect = .afterClose
          continue
        }
        return .malformed(
          offset: inp.offset, line: line,
          reason: "expected ',' or ']' after an entry, found \(JSONScanner.describe(b))")
      case .valueOrClose, .value:
        if b == UInt8(ascii: "]") {
          if expect == .value {
            return .malformed(offset: inp.offset, line: line, reason: "a ',' is followed by ']'")
          }
          inp.start += 1
          expect = .afterClose
          continue
        }
        if b == UInt8(ascii: ",") {
          return .malformed(offset: inp.offset, line: line, reason: "an empty entry between commas")
        }
        // Frame one element starting at inp.start.
        let info = ElementInfo(index: elementCount, line: line, offset: inp.offset)
        guard let (length, newlines) = try frameElement() else {
          return .truncated(
            offset: info.offset, line: info.line,
            reason:
              "input ends inside entry \(elementCount + 1) (\(elementCount) complete entries kept)")
        }
        if length < 0 {
          return .malformed(
            offset: info.offset, line: info.line,
            reason: "entry \(elementCount + 1) is larger than \(Self.maxElementBytes >> 20) MiB")
        }
        elementCount += 1
        var keepGoing = true
        try inp.buffer.withUnsafeBufferPointer { buf in
          keepGoing = try body(
            UnsafeBufferPointer(rebasing: buf[inp.start..<inp.start + length]), info)
        }
        inp.start += length
        line += newlines
        expect = .commaOrClose
        if !keepGoing { return .stopped }
      }
    }
  }

  /// The first index at or after `i` (and before `end`) holding `"`, `\` or a line break.
  /// Reads eight bytes per step where it can: strings are most of an export's bytes.
  @inline(__always)
  static func skipStringBytes(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int)
    -> Int
  {
    var i = start
    if let base = buf.baseAddress {
      let raw = UnsafeRawPointer(base)
      while i + 8 <= end {
        let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        let hit =
          zeroBytes(w ^ 0x2222_2222_2222_2222) | zeroBytes(w ^ 0x5C5C_5C5C_5C5C_5C5C)
          | zeroBytes(w ^ 0x0A0A_0A0A_0A0A_0A0A)
        if hit != 0 { return i + hit.trailingZeroBitCount >> 3 }
        i += 8
      }
    }
    while i < end {
      let c = buf[i]
      if c == 0x22 || c == 0x5C || c == 0x0A { return i }
      i += 1
    }
    return end
  }

  /// The first index at or after `i` (and before `end`) that does not hold a space, eight bytes
  /// per step where it can.
  @inline(__always)
  static func skipSpaces(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
    var i = start
    if let base = buf.baseAddress {
      let raw = UnsafeRawPointer(base)
      while i + 8 <= end {
        let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        let other = w ^ 0x2020_2020_2020_2020
        if other != 0 { return i + other.trailingZeroBitCount >> 3 }
        i += 8
      }
    }
    while i < end, buf[i] == 0x20 { i += 1 }
    return i
  }

  /// High bit set in each zero byte of `v` (exact for the lowest zero byte, which is all the
  /// caller uses: borrows can only mark bytes above a true zero byte).
  @inline(__always) static func zeroBytes(_ v: UInt64) -> UInt64 {
    (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
  }

  /// Finds the end of the element at `input.start` (reading more as needed, without consuming).
  /// Returns its length and the newlines inside it; nil at end of input; length -1 when too large.
  private func frameElement() throws -> (Int, Int)? {
    let inp = input
    var rel = 0
    var depth = 0
    var inString = false
    var escaped = false
    var newlines = 0
    let first = inp.buffer[inp.start]
    let isScalar =
      first != UInt8(ascii: "{") && first != UInt8(ascii: "[") && first != UInt8(ascii: "\"")
    while true {
      var done = -1
      inp.buffer.withUnsafeBufferPointer { buf in
        var i = inp.start + rel
        let end = inp.end
        while i < end {
          if inString {
            if escaped {
              // A backslash before a raw line break is invalid JSON, but the line still counts.
              if buf[i] == 0x0A { newlines += 1 }
              escaped = false
              i += 1
              continue
            }
            // Skip plain string bytes eight at a time: only `"`, `\` and line breaks matter here.
            i = Self.skipStringBytes(buf, from: i, to: end)
            if i >= end { break }
            let c = buf[i]
            if c == 0x5C {
              escaped = true
            } else if c == 0x22 {
              inString = false
              if depth == 0 {
                done = i + 1
                return
              }
            } else {
              newlines += 1
            }
          } else if isScalar {
            let c = buf[i]
            if c == 0x2C || c == 0x5D || c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
              done = i
              return
            }
          } else {
            let c = buf[i]
            switch c {
            case 0x20: break  // indentation: the most common byte outside strings
            case 0x22: inString = true
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D:
              depth -= 1
              if depth == 0 {
                done = i + 1
                return
              }
            case 0x0A: newlines += 1
            default: break
            }
          }
          i += 1
        }
        rel = i - inp.start
      }
      if done >= 0 { return (done - inp.start, newlines) }
      if rel > Self.maxElementBytes { return (-1, newlines) }
      if try !inp.fill() {
        if isScalar, rel > 0 { return (rel, newlines) }
        return nil
      }
    }
  }
}
