// Input bytes that are not UTF-8 are read as U+FFFD (the JSON reader and String(decoding:) both
// replace them). That changes the text, so it is counted and warned about, never silent. The
// check runs on every piece of input: ASCII is skipped eight bytes at a time.
import GardenKit

enum UTF8Check {
  /// Offset of the first byte that does not start a valid UTF-8 sequence, or nil.
  static func firstInvalid(_ buf: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let base = buf.baseAddress else { return nil }
    let raw = UnsafeRawPointer(base)
    var i = 0
    while i < buf.count {
      if i + 8 <= buf.count {
        if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
          i += 8
          continue
        }
      }
      let n = UTF8Validation.sequenceLength(buf, at: i)
      if n == 0 { return i }
      i += n
    }
    return nil
  }

  static func firstInvalid(_ bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBufferPointer { firstInvalid($0) }
  }
}
