// How a fuzz target reports a broken invariant: a message on stderr, then abort(), which libFuzzer
// treats like any other crash (it saves the input as a crash-* artifact and stops).

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reports a finding and stops the process so libFuzzer records the input.
func finding(_ what: @autoclosure () -> String) -> Never {
  fputs("FUZZ FINDING: \(what())\n", stderr)
  abort()
}

/// Reports a finding when `condition` is false.
@inline(__always)
func check(_ condition: Bool, _ what: @autoclosure () -> String) {
  if !condition { finding(what()) }
}

/// A short, printable preview of bytes for finding messages (hex, capped).
func hexPreview(_ bytes: some Collection<UInt8>, limit: Int = 64) -> String {
  let digits = Array("0123456789abcdef".utf8)
  var out: [UInt8] = []
  for b in bytes.prefix(limit) {
    out.append(digits[Int(b >> 4)])
    out.append(digits[Int(b & 0xF)])
  }
  return String(decoding: out, as: UTF8.self)
    + (bytes.count > limit ? "…(\(bytes.count) bytes)" : "")
}
