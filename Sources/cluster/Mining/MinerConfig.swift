/// Tuning knobs of the template miner. There is one default configuration for all inputs: nothing in
/// here is specific to a log source, and the defaults are what the product ships with.
public struct MinerConfig: Sendable, Equatable {
  /// Bytes of a message that are looked at; the rest of a longer message is one variable. Keeps the
  /// cost of a hostile, huge line bounded.
  public var maxMessageBytes: Int
  /// Tokens of a message that are looked at; the rest is one variable.
  public var maxTokens: Int
  /// Longest quoted value (bytes) that is recognised as one value even when it spans spaces.
  public var maxQuotedBytes: Int
  /// Distinct literal words needed at one position before the position becomes a variable, when
  /// nothing else says the position holds a value. High, so that one differing word
  /// ("VM Started" / "VM Paused") keeps messages apart.
  public var freeWordVariety: Int
  /// Distinct literal words needed at a position that already looks like a value slot: it follows
  /// `key=` / `key:` or a naming word such as "user", or other messages hold a masked value there.
  public var valueSlotVariety: Int
  /// Most literal tokens one whole-token variable may absorb when a message with a multi-word or
  /// empty value is matched against a more general template ("user jane doe", "user  from").
  public var maxAbsorbedTokens: Int

  /// The shipped configuration.
  public static let `default` = MinerConfig(
    maxMessageBytes: 4096, maxTokens: 160, maxQuotedBytes: 256,
    freeWordVariety: 5, valueSlotVariety: 3, maxAbsorbedTokens: 3)

  /// Builds a configuration; every parameter is documented on its property.
  public init(
    maxMessageBytes: Int, maxTokens: Int, maxQuotedBytes: Int,
    freeWordVariety: Int, valueSlotVariety: Int, maxAbsorbedTokens: Int
  ) {
    self.maxMessageBytes = maxMessageBytes
    self.maxTokens = maxTokens
    self.maxQuotedBytes = maxQuotedBytes
    self.freeWordVariety = freeWordVariety
    self.valueSlotVariety = valueSlotVariety
    self.maxAbsorbedTokens = maxAbsorbedTokens
  }
}
