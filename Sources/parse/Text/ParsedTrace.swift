// The result of reading one stack trace out of text: which language, what was thrown, where.
import GardenKit

/// Languages whose trace formats `TraceParser` reads.
public enum TraceLanguage: String, Sendable, CaseIterable {
  case python, java, go, node
}

/// One stack trace read from text. Frames are outermost first and innermost last for every
/// language (Java, Go and Node print the other way round; the parser reverses them).
public struct ParsedTrace: Equatable, Sendable {
  /// An exception type and its message.
  public struct Cause: Equatable, Sendable {
    /// Exception type as written (`ZeroDivisionError`, `java.lang.IllegalStateException`).
    public var type: String
    /// The message after the type, nil when there is none.
    public var value: String?

    /// Creates a cause.
    public init(type: String, value: String?) {
      self.type = type
      self.value = value
    }
  }

  /// The trace format.
  public var language: TraceLanguage
  /// The reported error type: Python's last exception, Java's outermost, the Go panic kind,
  /// Node's error class. Nil when the trace is cut off before it names one.
  public var errorType: String?
  /// The message of `errorType`; multi-line values are kept with their newlines.
  public var errorValue: String?
  /// Frames, outermost first, innermost last. For Java with `Caused by:` these are the frames of
  /// the root cause (its printed frames plus the `... N more` shared with its enclosing trace),
  /// because wrappers thrown by frameworks seldom carry the application's frames.
  public var frames: [Frame]
  /// For chained exceptions only: the original cause (Python's first block, Java's last
  /// `Caused by:`). Nil for a single exception.
  public var rootCause: Cause?
  /// Text before the trace (the message of `logger.exception(...)`), nil when none.
  public var messageBeforeTrace: String?
  /// Frames dropped from the middle of a very deep stack (see `TraceParser.maxFrames`).
  public var omittedFrames: Int

  /// Creates a parsed trace.
  public init(
    language: TraceLanguage, errorType: String?, errorValue: String?, frames: [Frame],
    rootCause: Cause? = nil, messageBeforeTrace: String? = nil, omittedFrames: Int = 0
  ) {
    self.language = language
    self.errorType = errorType
    self.errorValue = errorValue
    self.frames = frames
    self.rootCause = rootCause
    self.messageBeforeTrace = messageBeforeTrace
    self.omittedFrames = omittedFrames
  }
}
