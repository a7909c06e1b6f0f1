// Chunked reading of a file or stdin into one reusable buffer. Lines and JSON array elements are framed
// on top of it without copying (see LineFramer and JSONArrayFramer). Reading never loads a whole file.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An input source read in large chunks: a named file, or standard input when the name is `-`.
public final class ByteInput {
  /// The name used in diagnostics: the path as given, or `-` (shown as `<stdin>`).
  public let name: String
  let fd: Int32
  let ownsDescriptor: Bool
  /// Bytes read but not yet consumed live in `buffer[start..<end]`.
  var buffer: [UInt8]
  var start = 0
  var end = 0
  /// Absolute offset (from the start of the input) of `buffer[0]`.
  var base = 0
  public private(set) var atEOF = false

  /// Chunk size for each read(2): large enough to amortize system calls, small enough for flat memory.
  public static let chunkSize = 1 << 20

  /// Opens a path (`-` means standard input).
  public init(path: String) throws(StageError) {
    name = path
    if path == "-" {
      fd = 0
      ownsDescriptor = false
    } else {
      let d = open(path, O_RDONLY)
      guard d >= 0 else {
        throw StageError(.noInput, "\(path): cannot open: \(String(cString: strerror(errno)))")
      }
      var st = stat()
      if fstat(d, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
        close(d)
        throw StageError(.noInput, "\(path): is a directory")
      }
      fd = d
      ownsDescriptor = true
    }
    buffer = [UInt8](repeating: 0, count: Self.chunkSize)
  }

  /// Reads from an in-memory byte array (tests, and decoded Pub/Sub payloads).
  public init(name: String, bytes: [UInt8]) {
    self.name = name
    fd = -1
    ownsDescriptor = false
    buffer = bytes
    end = bytes.count
    atEOF = true
  }

  deinit { if ownsDescriptor { close(fd) } }

  /// Display name for diagnostics.
  public var displayName: String { name == "-" ? "<stdin>" : name }

  /// Absolute offset of the next unconsumed byte.
  public var offset: Int { base + start }

  /// Every byte not yet consumed, up to the end of the input, exactly as read (for tools that
  /// need a whole document, like `garden-parse --check`).
  public func readAll() throws(StageError) -> [UInt8] {
    var all: [UInt8] = []
    repeat {
      all.append(contentsOf: buffer[start..<end])
      start = end
    } while try fill()
    return all
  }

  /// Reads more bytes, keeping `buffer[start..<end]`. Grows the buffer when it is full of unconsumed
  /// bytes (one long record). Returns false at end of input.
  @discardableResult
  func fill() throws(StageError) -> Bool {
    if atEOF { return false }
    if start > 0 {
      let live = end - start
      if live > 0 {
        buffer.withUnsafeMutableBufferPointer { b in
          _ = memmove(b.baseAddress!, b.baseAddress! + start, live)
        }
      }
      base += start
      end = live
      start = 0
    }
    if end == buffer.count {
      // Doubled with memcpy: appending a repeated 0 element by element took seconds per 10 MB record
      // in debug builds.
      let old = buffer
      let size = old.count * 2
      buffer = [UInt8](unsafeUninitializedCapacity: size) { b, n in
        guard let to = b.baseAddress else { return }
        old.withUnsafeBufferPointer { o in
          if let from = o.baseAddress { _ = memcpy(to, from, o.count) }
        }
        _ = memset(to + old.count, 0, size - old.count)
        n = size
      }
    }
    while true {
      let n = buffer.withUnsafeMutableBufferPointer { b in
        read(fd, b.baseAddress! + end, b.count - end)
      }
      if n > 0 {
        end += n
        return true
      }
      if n == 0 {
        atEOF = true
        return false
      }
      if errno == EINTR { continue }
      throw StageError(.ioError, "\(displayName): read failed: \(String(cString: strerror(errno)))")
    }
  }

  /// The first byte that is not JSON whitespace (without consuming it), or nil for an empty input.
  /// Skips a UTF-8 byte order mark.
  public func peekFirstSignificantByte() throws(StageError) -> UInt8? {
    var i = start
    while true {
      while i < end {
        let b = buffer[i]
        if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 {
          i += 1
          continue
        }
        if b == 0xEF, end - i >= 3, buffer[i + 1] == 0xBB, buffer[i + 2] == 0xBF {
          i += 3
          continue
        }
        return b
      }
      let consumed = i - start
      if try !fill() { return nil }
      i = start + consumed
    }
  }

  /// Up to `count` unconsumed bytes, for format sniffing (reads more if needed).
  public func peek(_ count: Int) throws(StageError) -> [UInt8] {
    while end - start < count, try fill() {}
    return Array(buffer[start..<min(end, start + count)])
  }
}
