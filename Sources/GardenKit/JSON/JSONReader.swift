// A byte-level JSON reader (RFC 8259). It is strict about grammar (the JSON test suite's `n_` files are
// all rejected) and lenient about text: invalid UTF-8 and lone surrogates in escapes become U+FFFD rather
// than costing the whole log entry, because log text is often cut mid-character.

/// Reads one JSON value from bytes.
public enum JSONReader {
  /// Deepest nesting accepted. Deeper input is rejected with a clear reason instead of overflowing the
  /// stack (the suite has a file of 100,000 opening brackets).
  public static let maxDepth = 512

  /// Parses exactly one JSON value from `bytes` (surrounding whitespace allowed).
  public static func parse(_ bytes: [UInt8]) throws(JSONError) -> JSONValue {
    try bytes.withUnsafeBufferPointer { (buf) throws(JSONError) -> JSONValue in
      try parse(buf)
    }
  }

  /// Parses exactly one JSON value from a UTF-8 string.
  public static func parse(_ text: String) throws(JSONError) -> JSONValue {
    try parse(Array(text.utf8))
  }

  /// Parses one value, as a Result (handy inside closures whose error type is untyped).
  public static func result(_ buf: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, JSONError> {
    do { return .success(try parse(buf)) } catch { return .failure(error) }
  }

  /// Parses exactly one JSON value from a buffer.
  public static func parse(_ buf: UnsafeBufferPointer<UInt8>) throws(JSONError) -> JSONValue {
    var scanner = JSONScanner(buf)
    scanner.skipWhitespace()
    let value = try scanner.value(depth: 0)
    scanner.skipWhitespace()
    if scanner.pos < buf.count {
      throw JSONError(offset: scanner.pos, reason: "unexpected data after the JSON value")
    }
    return value
  }
}

/// The scanning state: a cursor over the bytes. Only the reader uses it.
@usableFromInline
struct JSONScanner {
  let buf: UnsafeBufferPointer<UInt8>
  var pos = 0
  /// Members of the containers still open, innermost last. Each container collects its members
  /// here and moves them out once, at its end, so that its own arrays are allocated once at their
  /// final size instead of growing (and being reallocated) member by member.
  var pendingKeys: [String] = []
  var pendingValues: [JSONValue] = []

  init(_ buf: UnsafeBufferPointer<UInt8>) { self.buf = buf }

  @inline(__always) mutating func skipWhitespace() {
    while pos < buf.count {
      let b = buf[pos]
      if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { pos += 1 } else { return }
    }
  }

  func fail(_ reason: String, at offset: Int? = nil) -> JSONError {
    JSONError(offset: offset ?? pos, reason: reason)
  }

  mutating func value(depth: Int) throws(JSONError) -> JSONValue {
    guard pos < buf.count else { throw fail("unexpected end of input, expected a value") }
    switch buf[pos] {
    case UInt8(ascii: "{"): return try object(depth: depth + 1)
    case UInt8(ascii: "["): return try array(depth: depth + 1)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"):
      try literal("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try literal("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try literal("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
    default:
      throw fail("unexpected character \(Self.describe(buf[pos])), expected a value")
    }
  }

  static func describe(_ b: UInt8) -> String {
    if b >= 0x21 && b < 0x7F { return "'\(Character(UnicodeScalar(b)))'" }
    return "byte 0x" + String(b, radix: 16, uppercase: true)
  }

  mutating func literal(_ word: StaticString) throws(JSONError) {
    let start = pos
    let n = word.utf8CodeUnitCount
    guard buf.count - pos >= n else { throw fail("invalid literal", at: start) }
    let p = word.utf8Start
    for i in 0..<n where buf[pos + i] != p[i] {
      throw fail("invalid literal, expected \(word)", at: start)
    }
    pos += n
  }

  mutating func object(depth: Int) throws(JSONError) -> JSONValue {
    guard depth <= JSONReader.maxDepth else {
      throw fail("nesting deeper than \(JSONReader.maxDepth) levels")
    }
    pos += 1
    skipWhitespace()
    if pos < buf.count && buf[pos] == UInt8(ascii: "}") {
      pos += 1
      return .object(JSONObject())
    }
    if pendingKeys.capacity == 0 {
      // One allocation each for a typical log entry, instead of a growth series per parse.
      pendingKeys.reserveCapacity(32)
      pendingValues.reserveCapacity(32)
    }
    let base = pendingValues.count
    let keyBase = pendingKeys.count
    while true {
      skipWhitespace()
      guard pos < buf.count else { throw fail("unexpected end of input inside an object") }
      guard buf[pos] == UInt8(ascii: "\"") else {
        throw fail("expected a string key, found \(Self.describe(buf[pos]))")
      }
      let key = try string()
      skipWhitespace()
      guard pos < buf.count, buf[pos] == UInt8(ascii: ":") else {
        throw fail("expected ':' after an object key")
      }
      pos += 1
      skipWhitespace()
      let v = try value(depth: depth)
      pendingKeys.append(key)
      pendingValues.append(v)
      skipWhitespace()
      guard pos < buf.count else { throw fail("unexpected end of input inside an object") }
      if buf[pos] == UInt8(ascii: ",") {
        pos += 1
        continue
      }
      if buf[pos] == UInt8(ascii: "}") {
        pos += 1
        return .object(
          JSONObject(
            keys: Self.take(&pendingKeys, from: keyBase, filler: ""),
            values: Self.take(&pendingValues, from: base, filler: .null)))
      }
      throw fail("expected ',' or '}' in an object, found \(Self.describe(buf[pos]))")
    }
  }

  mutating func array(depth: Int) throws(JSONError) -> JSONValue {
    guard depth <= JSONReader.maxDepth else {
      throw fail("nesting deeper than \(JSONReader.maxDepth) levels")
    }
    pos += 1
    skipWhitespace()
    if pos < buf.count && buf[pos] == UInt8(ascii: "]") {
      pos += 1
      return .array([])
    }
    let base = pendingValues.count
    while true {
      skipWhitespace()
      let v = try value(depth: depth)
      pendingValues.append(v)
      skipWhitespace()
      guard pos < buf.count else { throw fail("unexpected end of input inside an array") }
      if buf[pos] == UInt8(ascii: ",") {
        pos += 1
        continue
      }
      if buf[pos] == UInt8(ascii: "]") {
        pos += 1
        return .array(Self.take(&pendingValues, from: base, filler: .null))
      }
      throw fail("expected ',' or ']' in an array, found \(Self.describe(buf[pos]))")
    }
  }

  /// Moves `pending[start...]` into a new array of exactly that size and drops them from
  /// `pending`. The vacated slots are refilled with `filler` (a value without storage) before the
  /// removal, so nothing is released twice and nothing is retained for the move.
  /// (`reserveCapacity` rather than `init(unsafeUninitializedCapacity:)`: the latter allocates
  /// through an unspecialized runtime path that looks up the array's metadata on every call.)
  @inline(__always)
  static func take<T>(_ pending: inout [T], from start: Int, filler: T) -> [T] {
    let count = pending.count - start
    guard count > 0 else { return [] }
    var out: [T] = []
    out.reserveCapacity(count)
    pending.withUnsafeMutableBufferPointer { src in
      guard let from = src.baseAddress else { return }
      for i in start..<start + count { out.append((from + i).move()) }
      (from + start).initialize(repeating: filler, count: count)
    }
    pending.removeLast(count)
    return out
  }

  mutating func number() throws(JSONError) -> String {
    let start = pos
    @inline(__always) func digits() -> Int {
      let s = pos
      while pos < buf.count, buf[pos] >= 0x30, buf[pos] <= 0x39 { pos += 1 }
      return pos - s
    }
    if buf[pos] == UInt8(ascii: "-") { pos += 1 }
    guard pos < buf.count else { throw fail("a number has no digits", at: start) }
    if buf[pos] == UInt8(ascii: "0") {
      pos += 1
      if pos < buf.count, buf[pos] >= 0x30, buf[pos] <= 0x39 {
        throw fail("a number has a leading zero", at: start)
      }
    } else if digits() == 0 {
      throw fail("a number has no digits", at: start)
    }
    if pos < buf.count, buf[pos] == UInt8(ascii: ".") {
      pos += 1
      if digits() == 0 { throw fail("a number has no digits after '.'", at: start) }
    }
    if pos < buf.count, buf[pos] | 0x20 == UInt8(ascii: "e") {
      pos += 1
      if pos < buf.count, buf[pos] == UInt8(ascii: "+") || buf[pos] == UInt8(ascii: "-") {
        pos += 1
      }
      if digits() == 0 { throw fail("a number has no digits in its exponent", at: start) }
    }
    return String(decoding: UnsafeBufferPointer(rebasing: buf[start..<pos]), as: UTF8.self)
  }

  /// Reads a string starting at the opening quote. Clean runs are copied in bulk; escapes and
  /// non-ASCII bytes go through the slow path.
  mutating func string() throws(JSONError) -> String {
    let open = pos
    pos += 1
    let start = pos
    // Fast path: ASCII without escapes, eight bytes per step while no byte needs a look.
    if let base = buf.baseAddress {
      let raw = UnsafeRawPointer(base)
      while pos + 8 <= buf.count {
        let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: pos, as: UInt64.self))
        let quote = w ^ 0x2222_2222_2222_2222
        let backslash = w ^ 0x5C5C_5C5C_5C5C_5C5C
        let special =
          ((quote &- 0x0101_0101_0101_0101) & ~quote)
          | ((backslash &- 0x0101_0101_0101_0101) & ~backslash)
          | ((w &- 0x2020_2020_2020_2020) & ~w) | w
        let flags = special & 0x8080_8080_8080_8080
        if flags != 0 {
          // The lowest flag is exact (borrows only carry upward), so the bytes below it are
          // clean: step straight to the first byte that needs a look.
          pos += flags.trailingZeroBitCount >> 3
          break
        }
        pos += 8
      }
    }
    while pos < buf.count {
      let b = buf[pos]
      if b == UInt8(ascii: "\"") {
        let s = Self.asciiString(UnsafeBufferPointer(rebasing: buf[start..<pos]))
        pos += 1
        return s
      }
      if b == UInt8(ascii: "\\") || b >= 0x80 || b < 0x20 { break }
      pos += 1
    }
    var out: [UInt8] = []
    out.reserveCapacity(pos - start + 16)
    out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<pos]))
    while pos < buf.count {
      let b = buf[pos]
      if b == UInt8(ascii: "\"") {
        pos += 1
        return String(decoding: out, as: UTF8.self)
      }
      if b < 0x20 {
        throw fail("control character \(Self.describe(b)) inside a string must be escaped")
      }
      if b == UInt8(ascii: "\\") {
        try escape(into: &out)
        continue
      }
      if b < 0x80 {
        out.append(b)
        pos += 1
        continue
      }
      let n = UTF8Validation.sequenceLength(buf, at: pos)
      if n > 0 {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[pos..<pos + n]))
        pos += n
      } else {
        out.append(contentsOf: [0xEF, 0xBF, 0xBD])  // U+FFFD for one invalid byte
        pos += 1
      }
    }
    throw fail("unterminated string", at: open)
  }

  /// A String of bytes already known to be ASCII. Writing them straight into the new string's
  /// storage skips the repair path of `String(decoding:as:)` (only a validity check remains).
  @inline(__always)
  static func asciiString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    String(unsafeUninitializedCapacity: bytes.count) { dst in
      guard let from = bytes.baseAddress, let to = dst.baseAddress else { return 0 }
      to.update(from: from, count: bytes.count)
      return bytes.count
    }
  }

  mutating func escape(into out: inout [UInt8]) throws(JSONError) {
    let at = pos
    pos += 1
    guard pos < buf.count else { throw fail("unterminated escape", at: at) }
    let c = buf[pos]
    pos += 1
    switch c {
    case UInt8(ascii: "\""): out.append(0x22)
    case UInt8(ascii: "\\"): out.append(0x5C)
    case UInt8(ascii: "/"): out.append(0x2F)
    case UInt8(ascii: "b"): out.append(0x08)
    case UInt8(ascii: "f"): out.append(0x0C)
    case UInt8(ascii: "n"): out.append(0x0A)
    case UInt8(ascii: "r"): out.append(0x0D)
    case UInt8(ascii: "t"): out.append(0x09)
    case UInt8(ascii: "u"):
      var scalar = try hex4(at: at)
      if (0xD800...0xDBFF).contains(scalar) {
        // A high surrogate must be followed by an escaped low one; otherwise it stands alone.
        if pos + 1 < buf.count, buf[pos] == UInt8(ascii: "\\"), buf[pos + 1] == UInt8(ascii: "u") {
          let save = pos
          pos += 2
          let low = try hex4(at: save)
          if (0xDC00...0xDFFF).contains(low) {
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          } else {
            pos = save
            scalar = 0xFFFD
          }
        } else {
          scalar = 0xFFFD
        }
      } else if (0xDC00...0xDFFF).contains(scalar) {
        scalar = 0xFFFD
      }
      UTF8Validation.appendScalar(scalar, to: &out)
    default:
      throw fail("invalid escape '\\\(Character(UnicodeScalar(c)))'", at: at)
    }
  }

  mutating func hex4(at: Int) throws(JSONError) -> UInt32 {
    guard buf.count - pos >= 4 else { throw fail("a \\u escape needs four hex digits", at: at) }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let b = buf[pos]
      let d: UInt32
      switch b {
      case 0x30...0x39: d = UInt32(b - 0x30)
      case 0x41...0x46: d = UInt32(b - 0x41 + 10)
      case 0x61...0x66: d = UInt32(b - 0x61 + 10)
      default: throw fail("a \\u escape needs four hex digits", at: at)
      }
      v = v << 4 | d
      pos += 1
    }
    return v
  }
}
