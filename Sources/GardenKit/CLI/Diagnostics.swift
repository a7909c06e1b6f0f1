// Diagnostics go to stderr as `garden-<stage>: FILE:LINE: reason`, one line each, written unbuffered
// so they interleave sensibly with other stages of a pipe.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes diagnostics for one stage.
public struct Diagnostics: Sendable {
  /// The program name shown first, e.g. `garden-parse`.
  public let program: String

  public init(program: String) { self.program = program }

  /// `garden-x: FILE:LINE: reason`. Pass `line: nil` for whole-file problems.
  public func report(file: String?, line: Int? = nil, _ reason: String) {
    var text = program + ": "
    if let file {
      text += file
      if let line { text += ":\(line)" }
      text += ": "
    }
    text += reason
    Self.writeStderr(text + "\n")
  }

  /// A message about the run as a whole.
  public func note(_ message: String) { Self.writeStderr(program + ": " + message + "\n") }

  /// Writes text to stderr, ignoring errors (there is nowhere left to report them).
  public static func writeStderr(_ text: String) {
    var t = text
    t.withUTF8 { b in
      var off = 0
      while off < b.count {
        let n = write(2, b.baseAddress! + off, b.count - off)
        if n <= 0 {
          if n < 0 && errno == EINTR { continue }
          return
        }
        off += n
      }
    }
  }
}
