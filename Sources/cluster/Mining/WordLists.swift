/// Small fixed word lists the masker and the clusterer consult. General English/log vocabulary
/// only: nothing here names a particular program or log source.
enum WordLists {
  /// Month and weekday names, which are date parts when they stand next to a number or time.
  static let dateNames: Set<PackedWord> = makeSet([
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "January", "February", "March", "April", "June", "July", "August", "September", "October",
    "November", "December", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
  ])

  /// Units of size and time that belong to the number before them (`2717 bytes`, `30 sec`).
  static let units: Set<PackedWord> = makeSet([
    "B", "KB", "MB", "GB", "TB", "PB", "kB", "KiB", "MiB", "GiB", "TiB", "byte", "bytes", "ns",
    "us", "µs", "ms", "s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes",
    "h", "hr", "hrs", "hour", "hours", "day", "days",
  ])

  /// Words after which the next word names something (a user, a host, a file): the next word is a
  /// value slot and needs less evidence to become a variable.
  static let namingWords: Set<PackedWord> = makeSet([
    "user", "users", "username", "login", "account", "host", "hostname", "server", "client",
    "file", "filename", "path", "dir", "directory", "id", "uid", "gid", "pid", "name", "key",
    "table", "database", "db", "queue", "topic", "bucket", "service", "pod", "node", "instance",
    "job", "task", "project", "tenant", "container", "image", "device", "interface", "port",
    "address", "addr", "url", "uri", "domain", "email", "session", "token", "group", "role",
    "User", "Host", "File", "Path", "Service", "Node", "Instance", "Job", "Task", "Device",
  ])

  static func makeSet(_ words: [String]) -> Set<PackedWord> {
    Set(
      words.compactMap { w in Array(w.utf8).withUnsafeBufferPointer { PackedWord($0, 0, $0.count) }
      })
  }

  /// A word of at most 16 bytes packed into two integers, so looking it up allocates nothing.
  struct PackedWord: Hashable {
    var low: UInt64 = 0
    var high: UInt64 = 0

    init?(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) {
      guard e - s <= 16 else { return nil }
      for i in s..<e {
        let k = i - s
        if k < 8 {
          low |= UInt64(p[i]) << (8 * UInt64(k))
        } else {
          high |= UInt64(p[i]) << (8 * UInt64(k - 8))
        }
      }
    }
  }

  /// Whether `p[s..<e]`, ignoring trailing punctuation, is in `set`.
  static func contains(
    _ set: Set<PackedWord>, _ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int
  ) -> Bool {
    var ce = e
    while ce > s && isTrailer(p[ce - 1]) { ce -= 1 }
    guard ce > s, let word = PackedWord(p, s, ce) else { return false }
    return set.contains(word)
  }

  @inline(__always) static func isTrailer(_ b: UInt8) -> Bool {
    b == UInt8(ascii: ",") || b == UInt8(ascii: ";") || b == UInt8(ascii: ")")
      || b == UInt8(ascii: ".") || b == UInt8(ascii: ":") || b == UInt8(ascii: "]")
  }
}
