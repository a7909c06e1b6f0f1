// Strict UTF-8 sequence checks, shared by the JSON reader and the line reader, so that every byte we
// write is valid UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).

/// UTF-8 helpers on raw bytes.
public enum UTF8Validation {
  /// Length of the valid UTF-8 sequence starting at `i`, or 0 when the bytes there are not valid UTF-8.
  @inlinable
  public static func sequenceLength(_ buf: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
    let b0 = buf[i]
    if b0 < 0x80 { return 1 }
    let n = buf.count - i
    @inline(__always) func cont(_ k: Int) -> Bool { k < n && buf[i + k] & 0xC0 == 0x80 }
    switch b0 {
    case 0xC2...0xDF:
      return cont(1) ? 2 : 0
    case 0xE0:
      return n > 2 && (0xA0...0xBF).contains(buf[i + 1]) && cont(2) ? 3 : 0
    case 0xE1...0xEC, 0xEE...0xEF:
      return cont(1) && cont(2) ? 3 : 0
    case 0xED:
      return n > 2 && (0x80...0x9F).contains(buf[i + 1]) && cont(2) ? 3 : 0
    case 0xF0:
      return n > 3 && (0x90...0xBF).contains(buf[i + 1]) && cont(2) && cont(3) ? 4 : 0
    case 0xF1...0xF3:
      return cont(1) && cont(2) && cont(3) ? 4 : 0
    case 0xF4:
      return n > 3 && (0x80...0x8F).contains(buf[i + 1]) && cont(2) && cont(3) ? 4 : 0
    default:
      return 0
    }
  }

  /// Appends the UTF-8 encoding of a scalar value (assumed not a surrogate).
  @inlinable
  public static func appendScalar(_ v: UInt32, to out: inout [UInt8]) {
    switch v {
    case 0..<0x80:
      out.append(UInt8(v))
    case 0x80..<0x800:
      out.append(UInt8(0xC0 | (v >> 6)))
      out.append(UInt8(0x80 | (v & 0x3F)))
    case 0x800..<0x10000:
      out.append(UInt8(0xE0 | (v >> 12)))
      out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (v & 0x3F)))
    default:
      out.append(UInt8(0xF0 | (v >> 18)))
      out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
      out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (v & 0x3F)))
    }
  }

  /// True when every byte is part of a valid UTF-8 sequence.
  public static func isValid(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { buf in
      var i = 0
      while i < buf.count {
        let n = sequenceLength(buf, at: i)
        if n == 0 { return false }
        i += n
      }
      return true
    }
  }
}
