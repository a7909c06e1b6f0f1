// Streaming invariant: input read in chunks frames exactly like the same bytes held in memory.
// Two readers: a socket that returns the input in a few deterministic pieces (cheap, every input),
// and a real file padded with spaces so the first chunk boundary (ByteInput.chunkSize) falls inside
// the input, which drives buffer compaction and growth (costly: 1 input in 64).
import GardenKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

enum StreamChecks {
  /// GARDEN_FUZZ_NO_FILE=1 turns the padded-file check off (to compare speed, or on a read-only /tmp).
  static let fileEnabled = getenv("GARDEN_FUZZ_NO_FILE") == nil

  /// Scratch file, one per process (libFuzzer may run several).
  static let path: String = {
    let dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
    return "\(dir)/garden-fuzz-\(getpid()).bin"
  }()

  static func chunked(_ bytes: [UInt8], elements: ([Framed], ArrayFramingEnd), lines: [Framed]) {
    if let got = ChunkedInput.withInput(bytes, { Framing.elements($0) }) {
      check(got.0 == elements.0, "chunked elements differ from in-memory ones")
      check(got.1 == elements.1, "chunked framing ended \(got.1), in memory \(elements.1)")
    }
    if let got = ChunkedInput.withInput(bytes, { Framing.lines($0) }) {
      check(got == lines, "chunked lines differ from in-memory ones")
    }
  }

  static func padded(_ bytes: [UInt8], elements: ([Framed], ArrayFramingEnd)) {
    guard fileEnabled, let last = bytes.last, bytes.count % 64 == 0 else { return }
    let split = Int(last) * bytes.count / 256  // where in the input the chunk boundary lands
    let pad = ByteInput.chunkSize - split
    var padded = [UInt8](repeating: 0x20, count: pad)
    padded.append(contentsOf: bytes)
    write(padded)
    defer { unlink(path) }

    // Leading spaces shift offsets by `pad` and change nothing else for the array framer.
    let (fileElements, fileEnd) = Framing.elements(open())
    let shifted = fileElements.map { e -> Framed in
      var e = e
      e.offset -= pad
      return e
    }
    check(shifted == elements.0, "file-backed elements differ from in-memory ones")
    check(
      shift(fileEnd, by: -pad) == elements.1,
      "file-backed framing ended \(fileEnd), in memory \(elements.1)")

    // The padding joins the first line; memchr makes the in-memory run cheap, so compare directly.
    let memLines = Framing.lines(ByteInput(name: "mem", bytes: padded))
    let fileLines = Framing.lines(open())
    check(memLines == fileLines, "file-backed lines differ from in-memory ones")
  }

  private static func shift(_ end: ArrayFramingEnd, by delta: Int) -> ArrayFramingEnd {
    switch end {
    case .truncated(let offset, let line, let reason):
      return .truncated(offset: offset + delta, line: line, reason: reason)
    case .malformed(let offset, let line, let reason):
      return .malformed(offset: offset + delta, line: line, reason: reason)
    default:
      return end
    }
  }

  private static func open() -> ByteInput {
    do { return try ByteInput(path: path) } catch { finding("cannot reopen \(path): \(error)") }
  }

  private static func write(_ bytes: [UInt8]) {
    guard let f = fopen(path, "wb") else { finding("cannot create \(path)") }
    let n = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
    fclose(f)
    if n != bytes.count { finding("short write to \(path)") }
  }
}
