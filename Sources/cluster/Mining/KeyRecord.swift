/// One distinct masked key with its message count: what a miner exports so that runs over shards can
/// be combined. Feeding the records of several miners into one miner and finalizing gives the same
/// clusters as one miner over all the messages.
public struct KeyRecord: Sendable, Equatable {
  /// The masked key: tokens separated by one space; U+0001 marks a soft value (shown when constant),
  /// U+0002 a hard value (always `<*>`).
  public var key: String
  /// How many messages had this key.
  public var count: Int
  /// Per U+0001 marker in `key`, in order: the value when it was the same in every message, or nil.
  public var softValues: [String?]

  /// Creates a record.
  public init(key: String, count: Int, softValues: [String?]) {
    self.key = key
    self.count = count
    self.softValues = softValues
  }
}
