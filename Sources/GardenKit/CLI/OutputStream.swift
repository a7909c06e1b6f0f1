// Buffered stdout for NDJSON records. A closed pipe (`| head`) ends the run quietly with status 0, as
// ripgrep and head do; any other write failure (a full disk, /dev/full) is an I/O error, never success.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Thrown when the reader of our output has gone away: stop quietly.
public struct OutputClosed: Error, Sendable {}

/// A buffered writer to a file descriptor (stdout by default).
public final class OutputStream {
  public let fd: Int32
  var buffer: [UInt8] = []
  /// Flush threshold in bytes.
  public static let flushBytes = 1 << 16
  /// Records written so far.
  public private(set) var recordCount = 0

  /// How a failed write is reported: nil for stdout (`cannot write output: …`, and a closed pipe
  /// ends the run quietly), or a prefix such as `rejects.ndjson: cannot write rejects` for a file
  /// the user named, where a closed reader is an error like any other.
  let failure: String?

  public init(fd: Int32 = 1, failure: String? = nil) {
    self.fd = fd
    self.failure = failure
    buffer.reserveCapacity(Self.flushBytes + 4096)
  }

  /// Ignores SIGPIPE so that a closed pipe shows up as EPIPE on write. Call once at start.
  public static func ignoreSIGPIPE() { signal(SIGPIPE, SIG_IGN) }

  /// Writes one record as a compact JSON line.
  public func writeRecord(_ record: JSONObject) throws {
    JSONWriter.write(.object(record), into: &buffer)
    buffer.append(0x0A)
    recordCount += 1
    if buffer.count >= Self.flushBytes { try flush() }
  }

  /// Writes a line of raw bytes (a record passed through unchanged).
  public func writeRawLine(_ bytes: UnsafeBufferPointer<UInt8>) throws {
    buffer.append(contentsOf: bytes)
    buffer.append(0x0A)
    recordCount += 1
    if buffer.count >= Self.flushBytes { try flush() }
  }

  /// Writes text as it is (render's Markdown).
  public func write(_ text: String) throws {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= Self.flushBytes { try flush() }
  }

  /// Writes everything buffered.
  public func flush() throws {
    var off = 0
    defer {
      if off > 0 { buffer.removeFirst(off) }
    }
    while off < buffer.count {
      let n = buffer.withUnsafeBufferPointer { b in
        Glibc.write(fd, b.baseAddress! + off, b.count - off)
      }
      if n > 0 {
        off += n
        continue
      }
      if n < 0 && errno == EINTR { continue }
      let closed = n < 0 && errno == EPIPE
      let reason = n < 0 ? String(cString: strerror(errno)) : "short write"
      buffer.removeAll()
      off = 0
      guard let failure else {
        if closed { throw OutputClosed() }
        throw StageError(.ioError, "cannot write output: \(reason)")
      }
      throw StageError(.ioError, failure + ": " + (closed ? "the reader closed it" : reason))
    }
  }
}
