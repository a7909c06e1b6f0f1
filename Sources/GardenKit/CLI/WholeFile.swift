// Reading a small file whole (a config, a history, an issue listing, a ledger), with the outcomes
// each stage turns into its own message and exit status. Logs are never read this way: they are
// streamed through ByteInput.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

public enum WholeFile {
  public enum Result {
    case missing
    /// A folder where a file belongs: a wrong path, not a failing disk (status 66, not 74).
    case directory
    /// It could not be opened (strerror's text).
    case cannotOpen(String)
    /// It was opened but reading it failed (strerror's text).
    case cannotRead(String)
    case bytes([UInt8])
  }

  public static func read(_ path: String) -> Result {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      return errno == ENOENT ? .missing : .cannotOpen(String(cString: strerror(errno)))
    }
    defer { close(fd) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        if errno == EISDIR { return .directory }
        return .cannotRead(String(cString: strerror(errno)))
      }
      if n == 0 { break }
      out.append(contentsOf: chunk[0..<n])
    }
    return .bytes(out)
  }
}
