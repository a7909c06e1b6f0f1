// Public entry point for scrubbing: replaces secrets and personal data in log text with typed
// placeholders (see ScrubKind for the list). The detection pass is ScrubScanner.

/// Replaces every secret or personal datum in a text with a typed placeholder such as `<email>`,
/// `<ipv4>`, `<github-token>`, `<jwt>`, `<password>` (the full list is `ScrubKind`).
///
/// Only the datum goes: keys, schemes, ports and the surrounding sentence stay, so
/// `password=hunter2 from 10.0.0.7:5432` becomes `password=<password> from <ipv4>:5432`, and
/// two messages that differ only in the datum become identical (stable clustering).
/// Scrubbing is idempotent: placeholders are never matched again.
///
/// Built for the parse hot path: one pass over the UTF-8 bytes with no regular expressions and
/// no allocation for a line with nothing to replace, which is returned as the same `String`.
public struct Scrubber: Sendable {
  /// What to replace.
  public let rules: ScrubRules

  /// `rules.kinds` as a bit mask (see `ScrubKind.bit`), computed once.
  let kindMask: UInt64

  /// Creates a scrubber; the default rules replace every kind.
  public init(rules: ScrubRules = .default) {
    self.rules = rules
    kindMask = rules.kinds.reduce(0) { $0 | $1.bit }
  }

  /// `text` with every enabled kind replaced by its placeholder; `text` itself when clean.
  public func scrub(_ text: String) -> String {
    withBytes(of: text) { bytes -> String in
      let matches = matches(in: bytes)
      guard !matches.isEmpty else { return text }
      return Self.replacing(matches, in: bytes)
    }
  }

  /// The kinds present in `text`, each once, sorted by name.
  public func kinds(in text: String) -> [ScrubKind] {
    withBytes(of: text) { bytes in Array(Set(matches(in: bytes).map(\.kind))).sorted() }
  }

  /// Runs `body` on the UTF-8 bytes of `text`; native strings need no copy.
  func withBytes<R>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = text
    return copy.withUTF8(body)
  }

  func matches(in bytes: UnsafeBufferPointer<UInt8>) -> [ScrubMatch] {
    guard !bytes.isEmpty, kindMask != 0 else { return [] }
    var scanner = ScrubScanner(
      bytes, kindMask: kindMask, keepsLocalAddresses: rules.keepsLocalAddresses)
    return scanner.run()
  }

  /// Builds the output by copying the bytes between matches straight into a new string (one
  /// allocation). Matches start and end on ASCII bytes, so the result is valid UTF-8 whenever
  /// the input was.
  static func replacing(_ matches: [ScrubMatch], in bytes: UnsafeBufferPointer<UInt8>) -> String {
    var length = bytes.count
    for m in matches { length += m.kind.rawValue.utf8.count + 2 - (m.end - m.start) }
    return String(unsafeUninitializedCapacity: length) { out in
      var w = 0
      func copy(_ source: UnsafeBufferPointer<UInt8>) {
        guard let from = source.baseAddress, let to = out.baseAddress, w + source.count <= out.count
        else { return }
        (to + w).update(from: from, count: source.count)
        w += source.count
      }
      func copy(_ source: String.UTF8View) {
        for b in source where w < out.count {
          out[w] = b
          w += 1
        }
      }
      var copied = 0
      for m in matches {
        copy(UnsafeBufferPointer(rebasing: bytes[copied..<m.start]))
        copy(m.kind.placeholderUTF8)
        copied = m.end
      }
      copy(UnsafeBufferPointer(rebasing: bytes[copied..<bytes.count]))
      return w
    }
  }
}
