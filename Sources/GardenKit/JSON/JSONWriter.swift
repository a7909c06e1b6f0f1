// Compact JSON output into a growing byte buffer. Keys are written in the object's own order, numbers as
// their original text, strings with the minimal escapes (", \, control characters), UTF-8 raw.

/// Serializes JSON values as compact UTF-8 bytes.
public enum JSONWriter {
  /// Appends the compact form of `value` to `out`.
  public static func write(_ value: JSONValue, into out: inout [UInt8]) {
    switch value {
    case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
    case .bool(let b): out.append(contentsOf: b ? Array("true".utf8) : Array("false".utf8))
    case .number(let n): out.append(contentsOf: n.utf8)
    case .string(let s): writeString(s, into: &out)
    case .array(let items):
      out.append(UInt8(ascii: "["))
      // By index rather than through an iterator: the elements are read in place, not copied
      // out (and retained and released) one by one.
      for i in items.indices {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        write(items[i], into: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let obj):
      out.append(UInt8(ascii: "{"))
      let keys = obj.keys
      let values = obj.values
      for i in 0..<min(keys.count, values.count) {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        writeString(keys[i], into: &out)
        out.append(UInt8(ascii: ":"))
        write(values[i], into: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  /// The compact form of `value` as a String.
  public static func string(_ value: JSONValue) -> String {
    var out: [UInt8] = []
    write(value, into: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Pretty form with two-space indentation, for documents people read (render --format json).
  public static func pretty(_ value: JSONValue, indent: Int = 0, into out: inout [UInt8]) {
    switch value {
    case .array(let items) where !items.isEmpty:
      out.append(contentsOf: Array("[\n".utf8))
      for (i, item) in items.enumerated() {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent + 2))
        pretty(item, indent: indent + 2, into: &out)
        out.append(contentsOf: i + 1 < items.count ? Array(",\n".utf8) : Array("\n".utf8))
      }
      out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
      out.append(UInt8(ascii: "]"))
    case .object(let obj) where !obj.isEmpty:
      out.append(contentsOf: Array("{\n".utf8))
      var i = 0
      for (k, v) in obj {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent + 2))
        writeString(k, into: &out)
        out.append(contentsOf: Array(": ".utf8))
        pretty(v, indent: indent + 2, into: &out)
        i += 1
        out.append(contentsOf: i < obj.count ? Array(",\n".utf8) : Array("\n".utf8))
      }
      out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
      out.append(UInt8(ascii: "}"))
    default:
      write(value, into: &out)
    }
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// Appends a quoted, escaped string. Clean runs are copied in one call.
  public static func writeString(_ s: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var s = s
    s.withUTF8 { buf in
      guard let base = buf.baseAddress else { return }
      let n = buf.count
      let raw = UnsafeRawPointer(base)
      var runStart = 0
      var i = 0
      while i < n {
        // Skip eight bytes per step while none of them needs an escape.
        while i + 8 <= n,
          !mayNeedEscape(
            UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
        {
          i += 8
        }
        // Then the flagged word (or the short tail) one byte at a time.
        let stop = min(i + 8, n)
        while i < stop {
          let b = base[i]
          if b < 0x20 || b == 0x22 || b == 0x5C {
            if runStart < i {
              out.append(
                contentsOf: UnsafeBufferPointer(start: base + runStart, count: i - runStart))
            }
            runStart = i + 1
            appendEscape(b, into: &out)
          }
          i += 1
        }
      }
      if runStart < n {
        out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: n - runStart))
      }
    }
    out.append(UInt8(ascii: "\""))
  }

  /// True when one of the eight bytes in `w` may be a quote, a backslash or below 0x20. Never
  /// false for a word that has one: the zero-byte test is exact about whether any byte matches.
  @inline(__always) static func mayNeedEscape(_ w: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let quote = w ^ 0x2222_2222_2222_2222
    let backslash = w ^ 0x5C5C_5C5C_5C5C_5C5C
    let flagged =
      ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
      | ((w &- 0x2020_2020_2020_2020) & ~w)
    return flagged & 0x8080_8080_8080_8080 != 0
  }

  /// Appends the escape for a byte that needs one (two appends, no temporary array).
  @inline(__always) static func appendEscape(_ b: UInt8, into out: inout [UInt8]) {
    out.append(0x5C)
    switch b {
    case 0x22, 0x5C: out.append(b)
    case 0x0A: out.append(UInt8(ascii: "n"))
    case 0x0D: out.append(UInt8(ascii: "r"))
    case 0x09: out.append(UInt8(ascii: "t"))
    default:
      out.append(UInt8(ascii: "u"))
      out.append(0x30)
      out.append(0x30)
      out.append(hexDigits[Int(b >> 4)])
      out.append(hexDigits[Int(b & 0xF)])
    }
  }
}
