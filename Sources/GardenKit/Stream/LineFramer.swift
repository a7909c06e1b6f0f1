// Splits a ByteInput into lines without copying. A line longer than the limit is skipped to its end and
// reported, so one runaway record cannot exhaust memory or stop the stream.

/// Where a line sits in its input.
public struct LineInfo: Sendable {
  /// 1-based line number.
  public var number: Int
  /// Byte offset of the line's first byte.
  public var offset: Int
  /// Length in bytes of a line that was skipped for being longer than the limit; 0 otherwise.
  public var oversizedLength: Int
}

/// Frames newline-terminated lines. A trailing `\r` is removed (CRLF input); a final line without a
/// newline is still delivered.
public struct LineFramer {
  /// Longest line handed on, in bytes (64 MiB). Longer lines are reported as oversized.
  public static let defaultMaxLineBytes = 64 << 20

  public let input: ByteInput
  public var maxLineBytes: Int
  public private(set) var lineNumber = 0

  public init(_ input: ByteInput, maxLineBytes: Int = LineFramer.defaultMaxLineBytes) {
    self.input = input
    self.maxLineBytes = maxLineBytes
  }

  /// Calls `body` with each line (without its terminator). `body` returns false to stop early.
  public mutating func forEachLine(
    _ body: (UnsafeBufferPointer<UInt8>, LineInfo) throws -> Bool
  ) throws {
    let inp = input
    var scanned = 0  // bytes after inp.start already known to hold no newline
    var skipping = false
    var lineStart = inp.offset  // absolute offset of the current line's first byte
    while true {
      var nl = -1
      inp.buffer.withUnsafeBufferPointer { b in
        let from = inp.start + scanned
        if let base = b.baseAddress, from < inp.end,
          let p = memchr(base + from, 0x0A, inp.end - from)
        {
          nl = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
        }
      }
      if nl < 0 {
        if skipping || inp.end - inp.start > maxLineBytes {
          // Too long: drop what we have of it and keep looking for its end.
          skipping = true
          inp.start = inp.end
          scanned = 0
        } else {
          scanned = inp.end - inp.start
        }
        if try !inp.fill() {
          let length = inp.offset + (inp.end - inp.start) - lineStart
          if length > maxLineBytes { skipping = true }
          if length > 0 || skipping {
            lineNumber += 1
            if skipping {
              let info = LineInfo(number: lineNumber, offset: lineStart, oversizedLength: length)
              _ = try body(UnsafeBufferPointer(start: nil, count: 0), info)
            } else {
              var stop = false
              let info = LineInfo(number: lineNumber, offset: lineStart, oversizedLength: 0)
              try deliver(inp.start, inp.end, info, body, &stop)
            }
            inp.start = inp.end
          }
          return
        }
        continue
      }
      lineNumber += 1
      var stop = false
      // The check before each fill sees only what was buffered; one fill can bring in the rest of
      // a line that is over the limit together with its end.
      if !skipping, nl - inp.start > maxLineBytes { skipping = true }
      if skipping {
        let length = inp.offset + (nl - inp.start) - lineStart
        let info = LineInfo(number: lineNumber, offset: lineStart, oversizedLength: length)
        stop = try !body(UnsafeBufferPointer(start: nil, count: 0), info)
        skipping = false
      } else {
        let info = LineInfo(number: lineNumber, offset: lineStart, oversizedLength: 0)
        try deliver(inp.start, nl, info, body, &stop)
      }
      inp.start = nl + 1
      scanned = 0
      lineStart = inp.offset
      if stop { return }
    }
  }

  private func deliver(
    _ from: Int, _ to: Int, _ info: LineInfo,
    _ body: (UnsafeBufferPointer<UInt8>, LineInfo) throws -> Bool, _ stop: inout Bool
  ) throws {
    var e = to
    if e > from, input.buffer[e - 1] == 0x0D { e -= 1 }
    try input.buffer.withUnsafeBufferPointer { b in
      stop = try !body(UnsafeBufferPointer(rebasing: b[from..<e]), info)
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
