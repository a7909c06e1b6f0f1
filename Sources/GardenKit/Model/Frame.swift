// One stack frame, as parsed from a Python, Java, Go or Node trace or a structured payload.
// Frames are listed outermost first and innermost last, the order Python prints them.

/// A stack frame. Wire form: `{"file":"app/db.py","line":42,"function":"connect","module":"app.db","in_app":true}`
public struct Frame: Equatable, Hashable, Sendable {
  public var file: String?
  public var line: Int?
  public var column: Int?
  public var function: String?
  public var module: String?
  /// False for frames in the standard library, site-packages, node_modules, framework code.
  public var inApp: Bool

  public init(
    file: String? = nil, line: Int? = nil, column: Int? = nil, function: String? = nil,
    module: String? = nil, inApp: Bool = true
  ) {
    self.file = file
    self.line = line
    self.column = column
    self.function = function
    self.module = module
    self.inApp = inApp
  }
}
