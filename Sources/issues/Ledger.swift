// The record of writes this tool made, so that a rerun after a crash or a failed `gh` call repeats
// nothing that succeeded. Every write has a deterministic key (action, fingerprint, window); it is
// saved as `pending` before the call and `done`/`failed` after. The file is replaced atomically
// (temp file, fsync, rename), so a crash leaves the old or the new ledger, never half of one.
import GardenKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One write, by key.
struct LedgerEntry: Equatable {
  var key: String
  /// `pending`, `done` or `failed`.
  var status: String
  var issue: Int?
  var detail: String?
}

/// The ledger file: `{"version":1,"entries":[…],"tracking":{fingerprint: issue},"posted":["N:hash"]}`.
struct Ledger {
  var path: String?
  var entries: [String: LedgerEntry] = [:]
  /// Fingerprint → the issue that tracks it.
  var tracking: [String: Int] = [:]
  /// `issue:hash` of every comment body posted (never the same comment twice).
  var posted: Set<String> = []

  /// The deterministic key of a write.
  static func key(_ action: String, _ fingerprint: String, _ window: String) -> String {
    action + "|" + fingerprint + "|" + window
  }

  func isDone(_ key: String) -> Bool { entries[key]?.status == "done" }

  /// Loads the ledger, or an empty one when the file does not exist yet.
  static func load(path: String?) throws(StageError) -> Ledger {
    var l = Ledger(path: path)
    guard let path else { return l }
    let bytes: [UInt8]
    do {
      guard let b = try FileBytes.read(path) else { return l }
      bytes = b
    }
    let v: JSONValue
    do { v = try JSONReader.parse(bytes) } catch {
      throw StageError(
        .dataError, "\(path): the ledger is not valid JSON (\(error.reason)); fix or move it")
    }
    for e in v["entries"]?.array ?? [] {
      guard let k = e["key"]?.string, let st = e["status"]?.string else { continue }
      l.entries[k] = LedgerEntry(
        key: k, status: st, issue: e["issue"]?.int, detail: e["detail"]?.string)
    }
    for (k, n) in v["tracking"]?.object ?? JSONObject() { if let n = n.int { l.tracking[k] = n } }
    for p in v["posted"]?.array ?? [] { if let s = p.string { l.posted.insert(s) } }
    return l
  }

  var json: JSONValue {
    var t = JSONObject()
    for k in tracking.keys.sorted() { t.append(k, .int(tracking[k] ?? 0)) }
    return .object(
      JSONObject([
        "version": .int(1),
        "entries": .array(
          entries.keys.sorted().compactMap { entries[$0] }.map { e in
            .object(
              JSONObject([
                "key": .string(e.key), "status": .string(e.status),
                "issue": e.issue.map { .int($0) },
                "detail": e.detail.map { .string($0) },
              ]))
          }),
        "tracking": .object(t),
        "posted": .array(posted.sorted().map { .string($0) }),
      ]))
  }

  /// Records a write's state and saves at once.
  mutating func record(_ key: String, _ status: String, issue: Int? = nil, detail: String? = nil)
    throws(StageError)
  {
    entries[key] = LedgerEntry(
      key: key, status: status, issue: issue ?? entries[key]?.issue, detail: detail)
    try save()
  }

  /// Writes the ledger atomically.
  func save() throws(StageError) {
    guard let path else { return }
    var bytes: [UInt8] = []
    JSONWriter.pretty(json, into: &bytes)
    bytes.append(0x0A)
    try FileBytes.writeAtomically(path, bytes)
  }
}

/// Small file helpers over POSIX calls.
enum FileBytes {
  /// The file's bytes, or nil when it does not exist.
  static func read(_ path: String) throws(StageError) -> [UInt8]? {
    switch WholeFile.read(path) {
    case .missing: return nil
    case .bytes(let b): return b
    // A folder where a file belongs is a wrong path (66), not a failing disk (74).
    case .directory: throw StageError(.noInput, "\(path): expected a file, found a folder")
    case .cannotOpen(let reason): throw StageError(.noInput, "\(path): cannot open: \(reason)")
    case .cannotRead(let reason): throw StageError(.ioError, "\(path): cannot read: \(reason)")
    }
  }

  /// Writes a temp file next to `path`, syncs it and renames it over `path`.
  static func writeAtomically(_ path: String, _ bytes: [UInt8]) throws(StageError) {
    let tmp = path + ".tmp.\(getpid())"
    let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else {
      throw StageError(
        .ioError, "\(path): cannot write the ledger: \(String(cString: strerror(errno)))")
    }
    var off = 0
    while off < bytes.count {
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + off, $0.count - off) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 {
        let reason = String(cString: strerror(errno))
        close(fd)
        unlink(tmp)
        throw StageError(.ioError, "\(path): cannot write the ledger: \(reason)")
      }
      off += n
    }
    fsync(fd)
    close(fd)
    guard rename(tmp, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(tmp)
      throw StageError(.ioError, "\(path): cannot replace the ledger: \(reason)")
    }
  }
}

/// An exclusive advisory lock (flock) on `LEDGER.lock`, so two runs never write at once.
final class LedgerLock {
  private var fd: Int32 = -1

  /// Waits up to `timeout` seconds for the lock; throws status 75 when another run keeps it.
  init(path: String, timeout: Double) throws(StageError) {
    fd = open(path, O_RDWR | O_CREAT, 0o644)
    guard fd >= 0 else {
      throw StageError(
        .ioError, "\(path): cannot open the lock file: \(String(cString: strerror(errno)))")
    }
    var waited = 0.0
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      if errno != EWOULDBLOCK && errno != EINTR {
        let reason = String(cString: strerror(errno))
        close(fd)
        throw StageError(.ioError, "\(path): cannot lock: \(reason)")
      }
      if waited >= timeout {
        close(fd)
        throw StageError(
          .tempFail,
          "\(path): another run holds the lock; gave up after \(Int(timeout)) s (--lock-timeout)")
      }
      usleep(100_000)
      waited += 0.1
    }
  }

  deinit {
    if fd >= 0 {
      flock(fd, LOCK_UN)
      close(fd)
    }
  }
}
