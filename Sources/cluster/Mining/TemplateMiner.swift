/// Mines message templates from free-text log messages.
///
/// Messages stream in through `add(_:)`; each is reduced to its masked key (see `VariableMasker`)
/// and only distinct keys are kept, with counts. `finalize()` then merges keys into clusters in a
/// canonical order, so the partition, the templates and the cluster numbering depend only on the
/// multiset of messages, never on their order.
public struct TemplateMiner {
  /// The configuration in use.
  public let config: MinerConfig
  private let masker: VariableMasker
  private var buffer = MaskBuffer()
  private var table = KeyTable()

  /// Creates an empty miner.
  public init(config: MinerConfig = .default) {
    self.config = config
    self.masker = VariableMasker(config: config)
  }

  /// Number of distinct masked keys so far.
  public var keyCount: Int { table.count }

  /// Adds one message; returns the id of its masked key (stable within this miner instance).
  @discardableResult
  public mutating func add(_ message: String) -> Int {
    var text = message
    return text.withUTF8 { add(bytes: $0) }
  }

  /// Adds one message given as UTF-8 bytes (invalid UTF-8 is tolerated); returns its key id.
  @discardableResult
  public mutating func add(bytes p: UnsafeBufferPointer<UInt8>) -> Int {
    masker.mask(p, into: &buffer)
    let ranges = buffer.softRanges
    let key = buffer.key
    return key.withUnsafeBufferPointer { k in
      table.add(key: k, weight: 1) { slot in
        guard 2 * slot + 1 < ranges.count else { return nil }
        return UnsafeBufferPointer(rebasing: p[ranges[2 * slot]..<ranges[2 * slot + 1]])
      }
    }
  }

  /// Adds a key exported by another miner (see `keyRecords`); returns its key id here.
  @discardableResult
  public mutating func add(_ record: KeyRecord) -> Int {
    let key = Array(record.key.utf8)
    var flat: [UInt8] = []
    var ranges: [Int] = []  // start, end per soft value; -1 when the value varies
    for value in record.softValues {
      if let v = value {
        ranges.append(flat.count)
        flat.append(contentsOf: v.utf8)
        ranges.append(flat.count)
      } else {
        ranges.append(-1)
        ranges.append(-1)
      }
    }
    return flat.withUnsafeBufferPointer { f in
      key.withUnsafeBufferPointer { k in
        table.add(key: k, weight: max(0, record.count)) { slot -> UnsafeBufferPointer<UInt8>? in
          guard 2 * slot + 1 < ranges.count, ranges[2 * slot] >= 0 else { return nil }
          return UnsafeBufferPointer(rebasing: f[ranges[2 * slot]..<ranges[2 * slot + 1]])
        }
      }
    }
  }

  /// The exported form of one key (what `keyRecords` lists), by key id.
  public func keyRecord(_ id: Int) -> KeyRecord {
    let key = table.key(id)
    let softCount = key.reduce(0) { $0 + ($1 == ByteClass.softMarker ? 1 : 0) }
    let values = (0..<softCount).map { k in
      table.softValue(id, k).map { String(decoding: $0, as: UTF8.self) }
    }
    return KeyRecord(
      key: String(decoding: key, as: UTF8.self), count: table.counts[id], softValues: values)
  }

  /// The distinct keys with their counts, sorted by key, for merging runs over shards.
  public var keyRecords: [KeyRecord] {
    var records: [KeyRecord] = []
    records.reserveCapacity(table.count)
    for id in 0..<table.count {
      let key = table.key(id)
      let softCount = key.reduce(0) { $0 + ($1 == ByteClass.softMarker ? 1 : 0) }
      let values = (0..<softCount).map { k in
        table.softValue(id, k).map { String(decoding: $0, as: UTF8.self) }
      }
      records.append(
        KeyRecord(
          key: String(decoding: key, as: UTF8.self), count: table.counts[id], softValues: values))
    }
    return records.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
  }

  /// Merges the keys into clusters; the result answers `cluster(ofKey:)` and `template(ofCluster:)`.
  public func finalize() -> MiningResult {
    var clusterer = KeyClusterer(table: table, config: config)
    return clusterer.run()
  }
}
