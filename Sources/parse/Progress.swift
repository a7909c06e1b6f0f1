import GardenKit

// Progress on stderr for big inputs read at a terminal: entries per second and megabytes read,
// redrawn in place about twice a second. It starts after two seconds (or at once with --progress)
// so small runs and pipes stay silent. Wall-clock time never reaches the output stream.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

final class Progress {
  private let enabled: Bool
  private let start: Double
  private var showAfter: Double
  private var nextDraw: Double
  private var count = 0
  private var bytesBefore = 0  // bytes of the inputs already finished
  private var drawn = false

  init(enabled: Bool, immediately: Bool) {
    self.enabled = enabled && isatty(2) != 0
    start = Self.now()
    showAfter = immediately ? 0 : 2
    nextDraw = start + showAfter
  }

  /// Called once per entry; looks at the clock every 4096 entries only.
  @inline(__always) func tick(_ input: ByteInput) {
    guard enabled else { return }
    count += 1
    if count & 4095 != 0 { return }
    let t = Self.now()
    guard t >= nextDraw else { return }
    nextDraw = t + 0.5
    let elapsed = max(t - start, 0.001)
    let mb = Double(bytesBefore + input.offset) / 1_048_576
    let rate = Int(Double(count) / elapsed)
    Diagnostics.writeStderr(
      "\rgarden-parse: \(count) entries, \(Int(mb)) MB read, \(rate) entries/s   ")
    drawn = true
  }

  func finishedInput(_ input: ByteInput) { bytesBefore += input.offset }

  func finish() {
    if drawn { Diagnostics.writeStderr("\r\u{1B}[K") }
  }

  private static func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }
}
