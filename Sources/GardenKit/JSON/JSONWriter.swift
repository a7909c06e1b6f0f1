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
      for (i, item) in items.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        write(item, into: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let obj):
      out.append(UInt8(ascii: "{"))
      var first = true
      for (k, v) in obj {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        writeString(k, into: &out)
        out.append(UInt8(ascii: ":"))
        write(v, into: &out)
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
      var runStart = 0
      for i in 0..<buf.count {
        let b = buf[i]
        guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
        if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<i])) }
        runStart = i + 1
        switch b {
        case 0x22: out.append(contentsOf: [0x5C, 0x22])
        case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        default:
          out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30])
          out.append(hexDigits[Int(b >> 4)])
          out.append(hexDigits[Int(b & 0xF)])
        }
      }
      if runStart < buf.count {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<buf.count]))
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}
