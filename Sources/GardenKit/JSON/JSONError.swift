// Errors from the JSON reader carry a byte offset; line and column are worked out only when reported.

/// Why a JSON text was rejected, and where (byte offset from the start of the text given to the reader).
public struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
  public var offset: Int
  public var reason: String

  public init(offset: Int, reason: String) {
    self.offset = offset
    self.reason = reason
  }

  public var description: String { "byte \(offset): \(reason)" }

  /// 1-based line and column of `offset` within `bytes`.
  public static func lineColumn(of offset: Int, in bytes: some Collection<UInt8>) -> (
    line: Int, column: Int
  ) {
    var line = 1
    var column = 1
    var i = 0
    for b in bytes {
      if i >= offset { break }
      if b == 0x0A {
        line += 1
        column = 1
      } else {
        column += 1
      }
      i += 1
    }
    return (line, column)
  }
}
