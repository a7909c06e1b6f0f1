// `projects/P/logs/run.googleapis.com%2Fstderr` → `run.googleapis.com/stderr`: the log id is
// URL-encoded in exports; people and filters read it decoded.

enum LogName {
  /// The decoded log id of a `logName` (the whole name when it has no `/logs/` part).
  static func logID(_ logName: String) -> String {
    percentDecoded(ByteSearch.suffix(after: "/logs/", in: logName) ?? Substring(logName))
  }

  /// Decodes `%XX` escapes; malformed escapes stay as written, invalid UTF-8 becomes U+FFFD.
  static func percentDecoded(_ s: Substring) -> String {
    // Straight over the contiguous bytes: a Substring's UTF8View is scanned and copied (by
    // `contains`, `Array(_:)`) one index step at a time. Its bytes are valid UTF-8 (a slice of a
    // String at an ASCII boundary), so decoding them unchanged gives the same String as `String(s)`.
    var s = s
    return s.withUTF8 { b in
      guard b.contains(UInt8(ascii: "%")) else { return String(decoding: b, as: UTF8.self) }
      var out: [UInt8] = []
      out.reserveCapacity(b.count)
      var i = 0
      while i < b.count {
        if b[i] == UInt8(ascii: "%"), i + 2 < b.count, let h = hex(b[i + 1]), let l = hex(b[i + 2])
        {
          out.append(h << 4 | l)
          i += 3
        } else {
          out.append(b[i])
          i += 1
        }
      }
      return String(decoding: out, as: UTF8.self)
    }
  }

  private static func hex(_ c: UInt8) -> UInt8? {
    switch c {
    case 0x30...0x39: c - 0x30
    case 0x41...0x46: c - 0x41 + 10
    case 0x61...0x66: c - 0x61 + 10
    default: nil
    }
  }

  /// True for logs that capture a process's raw output, where the platform gives every line the same
  /// severity (stdout/stderr of Cloud Run, GKE, GCF; Cloud Build step output).
  static func isCapturedStream(_ id: String) -> Bool {
    let last = id.split(separator: "/").last ?? ""
    return last == "stdout" || last == "stderr" || id == "cloudbuild"
      || id == "cloudfunctions.googleapis.com/cloud-functions"
  }
}
