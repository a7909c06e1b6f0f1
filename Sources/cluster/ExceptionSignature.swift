// The identity of an exception event, as Error Reporting and Sentry do it but without their known
// failure modes: error type + the top own-code frames (module and function, never line numbers, which
// move with every deploy) + the masked message. Framework and logging-bridge frames are dropped and
// recursion is collapsed, so one throw site in a framework does not merge every caller.

import GardenKit

enum ExceptionSignature {
  /// Own-code frames that make up the identity (innermost ones).
  static let identityFrames = 3

  /// Frames that do not identify a problem: the logging bridge and frames outside the app.
  static func isIdentityFrame(_ f: Frame) -> Bool {
    guard f.inApp else { return false }
    let file = f.file ?? ""
    if file.hasSuffix("logging/__init__.py") { return false }
    return f.function != nil || f.module != nil || !file.isEmpty
  }

  /// Innermost own-code frames, innermost last, with recursion (repeated frames) collapsed.
  static func ownFrames(_ frames: [Frame], limit: Int = identityFrames) -> [Frame] {
    var own = frames.filter(isIdentityFrame)
    if own.isEmpty { own = frames.filter { !($0.file ?? "").hasSuffix("logging/__init__.py") } }
    var collapsed: [Frame] = []
    for f in own where !collapsed.contains(where: { frameKey($0) == frameKey(f) }) {
      collapsed.append(f)
    }
    return Array(collapsed.suffix(limit))
  }

  /// `module:function` (falls back to the file's base name without extension).
  static func frameKey(_ f: Frame) -> String {
    let mod = f.module ?? f.file.map(baseName) ?? ""
    return mod + ":" + (f.function ?? "")
  }

  static func baseName(_ path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    if let dot = name.lastIndex(of: "."), dot != name.startIndex { return String(name[..<dot]) }
    return name
  }

  /// The canonical signature text of an exception event; `maskedValue` is the error value with its
  /// variable parts masked.
  static func canonical(
    service: String, errorType: String?, rootType: String?, frames: [Frame], maskedValue: String
  ) -> String {
    let path = ownFrames(frames).map(frameKey).joined(separator: ">")
    return ["exception", service, errorType ?? "", rootType ?? "", path, maskedValue].joined(
      separator: "\u{1F}")
  }
}
