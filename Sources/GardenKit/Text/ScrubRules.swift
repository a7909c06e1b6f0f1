// Which kinds the scrubber replaces, and the few behaviour switches around them.

/// Configuration for `Scrubber`: the kinds to replace and whether harmless local addresses stay.
public struct ScrubRules: Sendable, Equatable {
  /// Kinds that are replaced; anything else is left in the text.
  public var kinds: Set<ScrubKind>
  /// When true, loopback and unspecified addresses (`127.x.x.x`, `0.0.0.0`, `::1`, `::`) stay:
  /// they identify no one and "listening on 0.0.0.0:8080" is useful evidence.
  public var keepsLocalAddresses: Bool

  /// Creates rules; by default every kind is replaced and local addresses are kept.
  public init(kinds: Set<ScrubKind> = Set(ScrubKind.allCases), keepsLocalAddresses: Bool = true) {
    self.kinds = kinds
    self.keepsLocalAddresses = keepsLocalAddresses
  }

  /// Every kind; local addresses kept. What `garden-parse` uses unless `--no-scrub`.
  public static let `default` = ScrubRules()

  /// Only credentials and card numbers (`ScrubKind.isSecret`); personal data stays.
  public static let secretsOnly = ScrubRules(kinds: Set(ScrubKind.allCases.filter(\.isSecret)))
}
