// Substring search on UTF-8 bytes. Foundation's `range(of:)` goes through NSString and dominated the
// profile when called once per entry; log ids and trace markers are plain ASCII needles.

enum ByteSearch {
  /// The byte offset of the first `needle` in `haystack`, or nil.
  static func offset(of needle: String, in haystack: String) -> Int? {
    var h = haystack
    var n = needle
    return h.withUTF8 { hb in
      n.withUTF8 { nb -> Int? in
        guard let first = nb.first, nb.count <= hb.count else { return nb.isEmpty ? 0 : nil }
        var i = 0
        let last = hb.count - nb.count
        while i <= last {
          if hb[i] == first {
            var k = 1
            while k < nb.count, hb[i + k] == nb[k] { k += 1 }
            if k == nb.count { return i }
          }
          i += 1
        }
        return nil
      }
    }
  }

  static func contains(_ needle: String, in haystack: String) -> Bool {
    offset(of: needle, in: haystack) != nil
  }

  /// The text after the first `needle`, or nil.
  static func suffix(after needle: String, in haystack: String) -> Substring? {
    guard let o = offset(of: needle, in: haystack) else { return nil }
    let u = haystack.utf8
    let i = u.index(u.startIndex, offsetBy: o + needle.utf8.count)
    return Substring(u[i...])
  }

  /// The index just past the first `needle` in `haystack`, or nil.
  static func firstEnd(of needle: String, in haystack: String) -> String.Index? {
    guard let o = offset(of: needle, in: haystack) else { return nil }
    let u = haystack.utf8
    return u.index(u.startIndex, offsetBy: o + needle.utf8.count)
  }

  /// The index just past the last `needle` in `haystack`, or nil.
  static func lastEnd(of needle: String, in haystack: String) -> String.Index? {
    var h = haystack
    var n = needle
    let o = h.withUTF8 { hb in
      n.withUTF8 { nb -> Int? in
        guard !nb.isEmpty, nb.count <= hb.count else { return nil }
        var i = hb.count - nb.count
        while i >= 0 {
          var k = 0
          while k < nb.count, hb[i + k] == nb[k] { k += 1 }
          if k == nb.count { return i }
          i -= 1
        }
        return nil
      }
    }
    guard let o else { return nil }
    let u = haystack.utf8
    return u.index(u.startIndex, offsetBy: o + needle.utf8.count)
  }

  /// True when the UTF-8 of `s` ends with that of `suffix` (no Unicode normalization).
  static func hasSuffix<S: StringProtocol>(_ s: S, _ suffix: String) -> Bool {
    let n = suffix.utf8.count
    return s.utf8.count >= n && s.utf8.suffix(n).elementsEqual(suffix.utf8)
  }
}
