// Unicode hygiene shared by the Markdown helpers: which scalars hide or reorder text, and a
// cleaning pass that removes them together with control characters. Content is otherwise kept
// as is (no NFKC), so what readers see is what the log said.

/// Classifies and removes invisible, bidirectional-control and control scalars.
enum InvisibleCharacters {
  /// Scalars that render as nothing or reorder the text around them ("Trojan Source", zero-width
  /// joiners and spaces, soft hyphen, word joiner, BOM, tag characters, variation-selector
  /// supplement, Hangul fillers). Stripping them defeats mention/marker filter evasion and
  /// right-to-left overrides that make a line read differently from what it contains.
  static func isInvisibleOrBidi(_ v: UInt32) -> Bool {
    switch v {
    case 0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B...0x180F, 0x200B...0x200F,
      0x202A...0x202E, 0x2060...0x206F, 0x3164, 0xFEFF, 0xFFA0, 0xFFF9...0xFFFB, 0x1D173...0x1D17A,
      0xE0000...0xE007F, 0xE0100...0xE01EF:
      true
    default:
      false
    }
  }

  /// `text` without invisible/bidi scalars and control characters. Line breaks (`\r\n`, `\r`,
  /// U+0085, U+2028, U+2029) become `\n`, and `\t` stays, unless `singleLine` is set, in which case
  /// every run of whitespace (line breaks included) becomes one space and the ends are trimmed.
  static func cleaned(_ text: String, singleLine: Bool) -> String {
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    var previousWasCR = false
    for scalar in text.unicodeScalars {
      let v = scalar.value
      let wasCR = previousWasCR
      previousWasCR = v == 0x0D
      if isInvisibleOrBidi(v) { continue }
      let isBreak = v == 0x0A || v == 0x0D || v == 0x85 || v == 0x2028 || v == 0x2029
      if singleLine {
        if isBreak || v == 0x09 || v == 0x20 || v == 0x0B || v == 0x0C {
          pendingSpace = !out.isEmpty
          continue
        }
        if v < 0x20 || (0x7F...0x9F).contains(v) { continue }
        if pendingSpace {
          out.append(" ")
          pendingSpace = false
        }
        out.append(scalar)
      } else {
        if v == 0x0A && wasCR { continue }  // second half of \r\n
        if isBreak {
          out.append("\n")
        } else if v == 0x09 || !(v < 0x20 || (0x7F...0x9F).contains(v)) {
          out.append(scalar)
        }
      }
    }
    return String(out)
  }
}
