// The history file on disk. Two promises: a reader never sees a half-written file (the new content
// goes to a temporary file in the same folder, is fsync'ed, then renamed over the old one, and the
// folder is fsync'ed), and two runs that race do not lose either run (each takes an exclusive flock
// on FILE.lock, re-reads the file under it, merges its run in and writes before unlocking).

import Foundation
import GardenKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads, locks and atomically replaces one history file.
struct HistoryStore {
  let path: String
  /// Seconds to wait for another run's lock before giving up (status 75).
  var lockTimeout: Double = 30
  /// Runs after the temporary file is written and synced, before the rename. Tests use it to fail
  /// or stop the process at the worst moment and check that the old history survives.
  var beforeRename: (() throws -> Void)?

  init(path: String, lockTimeout: Double = 30) {
    self.path = path
    self.lockTimeout = lockTimeout
  }

  var lockPath: String { path + ".lock" }

  /// The history in the file; nil when the file does not exist yet (a new history).
  func read() throws(StageError) -> History? {
    let bytes: [UInt8]
    switch WholeFile.read(path) {
    case .missing: return nil
    case .directory:
      throw StageError(.noInput, "\(path): the history must be a file, and this is a folder")
    case .cannotOpen(let reason), .cannotRead(let reason):
      throw StageError(.ioError, "\(path): cannot read the history: \(reason)")
    case .bytes(let b): bytes = b
    }
    do {
      let value = try JSONReader.parse(bytes)
      return try History(json: value)
    } catch let e as JSONError {
      throw corruptError("not valid JSON: \(e.reason) at byte \(e.offset + 1)")
    } catch let e as HistoryFormatError {
      if let v = e.newerVersion {
        // Resetting would throw away a newer build's history: the fix is to upgrade this one.
        throw StageError(
          .dataError,
          "\(path): the history was written by a newer Log Gardener (history version \(v); this garden-score reads \(History.version)); upgrade Log Gardener, or give another --history file"
        )
      }
      throw corruptError(e.reason)
    } catch {
      throw corruptError("\(error)")
    }
  }

  private static func corruptMessage(_ path: String, _ reason: String) -> String {
    "\(path): the history file is corrupt (\(reason)); repair or remove it, or run with --reset-history to start a new one"
  }

  private func corruptError(_ reason: String) -> StageError {
    StageError(.dataError, Self.corruptMessage(path, reason))
  }

  /// Runs `body` while holding the exclusive lock on FILE.lock.
  func withLock<T>(_ body: () throws -> T) throws -> T {
    var fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    if fd < 0 && errno == ENOENT {
      // `--history state/score-history.json` on a fresh checkout: make the folder, as for a file.
      let folder = (path as NSString).deletingLastPathComponent
      if !folder.isEmpty,
        (try? FileManager.default.createDirectory(
          atPath: folder, withIntermediateDirectories: true)) != nil
      {
        fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
      }
    }
    guard fd >= 0 else {
      throw StageError(
        .ioError, "\(lockPath): cannot open the history lock: \(String(cString: strerror(errno)))")
    }
    defer { close(fd) }  // closing releases the flock
    let stepMicros: UInt32 = 50_000
    var waited = 0.0
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      if errno == EINTR { continue }
      guard errno == EWOULDBLOCK else {
        throw StageError(
          .ioError, "\(lockPath): cannot lock the history: \(String(cString: strerror(errno)))")
      }
      if waited >= lockTimeout {
        throw StageError(
          .tempFail,
          "\(lockPath): another run holds the history lock; gave up after \(Phrases.number(lockTimeout)) s (--lock-timeout)"
        )
      }
      usleep(stepMicros)
      waited += Double(stepMicros) / 1e6
    }
    return try body()
  }

  /// Replaces the file with `history`, atomically.
  func write(_ history: History) throws {
    var bytes: [UInt8] = []
    JSONWriter.pretty(history.json, into: &bytes)
    bytes.append(0x0A)

    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent().path
    var template = Array((dir + "/." + url.lastPathComponent + ".XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else {
      throw StageError(
        .ioError,
        "\(dir): cannot create a temporary history file: \(String(cString: strerror(errno)))")
    }
    let tmp = String(cString: template)
    var renamed = false
    defer { if !renamed { unlink(tmp) } }
    do {
      defer { close(fd) }
      fchmod(fd, 0o644)
      try Self.writeAll(fd, bytes, name: tmp)
      guard fsync(fd) == 0 else {
        throw StageError(.ioError, "\(tmp): fsync failed: \(String(cString: strerror(errno)))")
      }
    }
    try beforeRename?()
    guard rename(tmp, path) == 0 else {
      throw StageError(
        .ioError, "\(path): cannot replace the history: \(String(cString: strerror(errno)))")
    }
    renamed = true
    // Make the rename itself durable.
    let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if dfd >= 0 {
      fsync(dfd)
      close(dfd)
    }
  }

  static func writeAll(_ fd: Int32, _ bytes: [UInt8], name: String) throws {
    var off = 0
    while off < bytes.count {
      let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + off, $0.count - off) }
      if n < 0 {
        if errno == EINTR { continue }
        throw StageError(.ioError, "\(name): cannot write: \(String(cString: strerror(errno)))")
      }
      off += n
    }
  }
}
