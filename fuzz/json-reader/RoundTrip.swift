// Reader/writer invariants: whatever the reader accepts, the writer prints as valid UTF-8 JSON that
// reads back to the same value and prints to the same bytes again (the stream contract promises
// stable bytes between stages).
import GardenKit

enum RoundTrip {
  /// Parses `bytes`; when they parse, checks the round trips. Returns the parsed value, if any.
  static func run(_ bytes: [UInt8]) -> JSONValue? {
    let result = bytes.withUnsafeBufferPointer { JSONReader.result($0) }
    let fromArray: JSONValue?
    do { fromArray = try JSONReader.parse(bytes) } catch { fromArray = nil }
    guard case .success(let value) = result else {
      check(fromArray == nil, "parse([UInt8]) accepts what parse(buffer) rejects")
      return nil
    }
    check(fromArray == value, "parse([UInt8]) and parse(buffer) disagree")
    if UTF8Validation.isValid(bytes) {
      // Valid UTF-8 survives String conversion unchanged, so the String entry must agree.
      let viaString = try? JSONReader.parse(String(decoding: bytes, as: UTF8.self))
      check(viaString == value, "parse(String) disagrees with parse(bytes) on valid UTF-8")
    }

    var compact: [UInt8] = []
    JSONWriter.write(value, into: &compact)
    check(
      UTF8Validation.isValid(compact), "writer output is not valid UTF-8: \(hexPreview(compact))")
    let again: JSONValue
    do { again = try JSONReader.parse(compact) } catch {
      finding("writer output does not parse (\(error)): \(hexPreview(compact))")
    }
    check(again == value, "round trip changed the value: \(hexPreview(compact))")
    var compact2: [UInt8] = []
    JSONWriter.write(again, into: &compact2)
    check(compact2 == compact, "writing twice gave different bytes: \(hexPreview(compact2))")
    check(
      JSONWriter.string(value) == String(decoding: compact, as: UTF8.self),
      "JSONWriter.string differs from write(into:)")

    var pretty: [UInt8] = []
    JSONWriter.pretty(value, into: &pretty)
    do {
      let p = try JSONReader.parse(pretty)
      check(p == value, "pretty round trip changed the value: \(hexPreview(pretty))")
    } catch {
      finding("pretty output does not parse (\(error)): \(hexPreview(pretty))")
    }

    ValueWalk.visit(value)
    return value
  }
}
