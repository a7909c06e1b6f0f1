// --assign must emit every event in input order annotated with its FINAL cluster, which is known only
// at the end of input. Events are spooled to an unlinked temporary file (memory stays flat), then read
// back and annotated.

import GardenKit

#if canImport(Glibc)
  import Glibc
#endif

final class AssignSpool {
  let fd: Int32
  var buffer: [UInt8] = []

  init() throws(StageError) {
    var template = Array((ProcessInfoShim.tmpdir + "/garden-cluster-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else {
      throw StageError(
        .ioError, "cannot create a temporary file for --assign: \(String(cString: strerror(errno)))"
      )
    }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    self.fd = fd
  }

  deinit { close(fd) }

  /// Appends `scope key json\n`.
  func append(_ ref: KeyRef, _ record: JSONObject) throws {
    buffer.append(contentsOf: "\(ref.scope) \(ref.key) ".utf8)
    JSONWriter.write(.object(record), into: &buffer)
    buffer.append(0x0A)
    if buffer.count > 1 << 20 { try flush() }
  }

  func flush() throws {
    let out = OutputStream(fd: fd)
    try out.write(String(decoding: buffer, as: UTF8.self))
    try out.flush()
    buffer.removeAll(keepingCapacity: true)
  }

  /// Reads every spooled event back, in order.
  func replay(_ body: (KeyRef, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
    try flush()
    guard lseek(fd, 0, SEEK_SET) == 0 else {
      throw StageError(.ioError, "cannot rewind the --assign spool")
    }
    let dup = Glibc.dup(fd)
    guard dup >= 0 else { throw StageError(.ioError, "cannot reopen the --assign spool") }
    let input = try ByteInput(path: "/dev/fd/\(dup)")
    defer { close(dup) }
    var framer = LineFramer(input)
    try framer.forEachLine { line, _ in
      var i = 0
      var nums: [Int] = []
      var n = 0
      while i < line.count, nums.count < 2 {
        let b = line[i]
        if b == 0x20 {
          nums.append(n)
          n = 0
        } else {
          n = n * 10 + Int(b &- 0x30)
        }
        i += 1
      }
      try body(KeyRef(scope: nums[0], key: nums[1]), UnsafeBufferPointer(rebasing: line[i...]))
      return true
    }
  }
}

enum ProcessInfoShim {
  static var tmpdir: String {
    if let t = getenv("TMPDIR"), let s = String(validatingCString: t), !s.isEmpty { return s }
    return "/tmp"
  }
}
