// How reading one input ended, beyond the entries it delivered.

enum ReadOutcome: Equatable {
  case complete
  /// The input was cut off (the API failed part-way): every complete entry was kept.
  case truncated(String)
  /// The input stopped making sense at some point; what came before was kept.
  case malformed(String)
}
