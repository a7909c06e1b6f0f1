// libFuzzer entry for GardenKit's JSON side: the reader, the writer, and the two framers that cut a
// stream into entries. Any crash, trap, or broken invariant below is a finding.
//
// Build and run with fuzz/run.sh json-reader [SECONDS].
import GardenKit

/// Called by libFuzzer once per generated input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  let parsed = RoundTrip.run(bytes)
  let elements = FramerChecks.arrayFramer(bytes, parsed: parsed)
  let lines = FramerChecks.lineFramer(bytes)
  StreamChecks.chunked(bytes, elements: elements, lines: lines)
  StreamChecks.padded(bytes, elements: elements)
  return 0
}
