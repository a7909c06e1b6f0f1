// libFuzzer entry for garden-parse's plain-text side (Sources/parse/Text): the stack-trace parser,
// the line classifier, the event assembler and the trace stitcher. Any crash, trap, hang, or broken
// invariant below is a finding.
//
// Build and run with fuzz/run.sh trace-parser [SECONDS]; the script compiles this folder together
// with Sources/parse/Text/*.swift of the tree it runs in.
import GardenKit

/// Called by libFuzzer once per generated input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  // Invalid UTF-8 is repaired here exactly as a stage does when it makes a String of a log line.
  let text = String(decoding: bytes, as: UTF8.self)
  let lines = TextSplit.lines(text)
  TraceChecks.run(text)
  LineChecks.run(lines, defaultYear: size % 2 == 0 ? 2024 : 1970)
  AssemblerChecks.run(lines)
  StitcherChecks.run(lines, seed: size)
  return 0
}
