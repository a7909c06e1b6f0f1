// An ordered JSON object. Lookups are linear: records have tens of keys, and order matters more than
// asymptotics here. Duplicate keys are kept as read; lookup returns the last one, as most readers do.

/// A JSON object that keeps its keys in order.
public struct JSONObject: Equatable, Sendable, Sequence {
  public private(set) var keys: [String]
  public private(set) var values: [JSONValue]

  public init() {
    keys = []
    values = []
  }

  /// An object with these keys and values, pairwise (the reader's bulk path; same count).
  init(keys: [String], values: [JSONValue]) {
    self.keys = keys
    self.values = values
  }

  /// Builds an object from pairs, in order. Pairs whose value is `nil` are left out.
  public init(_ pairs: KeyValuePairs<String, JSONValue?>) {
    self.init()
    for (k, v) in pairs { if let v { append(k, v) } }
  }

  public var count: Int { keys.count }
  public var isEmpty: Bool { keys.isEmpty }

  /// Appends a pair without checking for an existing key (the reader's fast path).
  public mutating func append(_ key: String, _ value: JSONValue) {
    keys.append(key)
    values.append(value)
  }

  /// The value of `key` (the last one when repeated). Setting replaces it in place, or appends it;
  /// setting nil removes it.
  public subscript(key: String) -> JSONValue? {
    get {
      // Lengths first: most keys differ in length, and that check is inline, where `==` on two
      // different strings is a call into the runtime (a tenth of the parse stage's lookups' time).
      let length = key.utf8.count
      var i = keys.count - 1
      while i >= 0 {
        let k = keys[i]
        if k.utf8.count == length && k == key { return values[i] }
        i -= 1
      }
      return nil
    }
    set {
      if let i = keys.lastIndex(of: key) {
        if let newValue {
          values[i] = newValue
        } else {
          keys.remove(at: i)
          values.remove(at: i)
        }
      } else if let newValue {
        append(key, newValue)
      }
    }
  }

  public func makeIterator() -> Zip2Sequence<[String], [JSONValue]>.Iterator {
    zip(keys, values).makeIterator()
  }
}
