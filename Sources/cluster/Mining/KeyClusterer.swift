/// Merges distinct masked keys into clusters at `finalize()`. Every step works on the *set* of keys
/// and breaks ties by bytes, so the outcome does not depend on the order messages arrived in.
///
/// 1. Shapes: each key's tokens with soft values masked and runs of whole-token variables collapsed
///    into one (a variable may span several tokens).
/// 2. Variety: among shapes of equal length that differ at exactly one position, that position
///    becomes a variable when it holds enough distinct words (`valueSlotVariety` after `key=` or a
///    naming word such as "user", `freeWordVariety` otherwise). Repeated until nothing changes.
/// 3. Absorption: a shape joins a heavier, more general one whose whole-token variables match its
///    tokens, a variable standing also for zero or a few literal words ("user jane doe", "user ").
/// 4. Templates: rendered from the member keys; soft values that are the same in every member
///    are shown literally. Clusters with the same template text are one cluster.
struct KeyClusterer {
  let table: KeyTable
  let config: MinerConfig
  var pool = TokenPool()

  init(table: KeyTable, config: MinerConfig) {
    self.table = table
    self.config = config
  }

  /// A set of keys that share one grouping shape.
  struct Shape {
    var tokens: [Int32]
    var weight: Int
    var keys: [Int]
  }

  mutating func run() -> MiningResult {
    let keyCount = table.count
    var shapeOfTokens: [[Int32]: Int] = [:]
    var shapes: [Shape] = []
    for id in 0..<keyCount {
      let tokens = groupingTokens(table.key(id))
      if let s = shapeOfTokens[tokens] {
        shapes[s].weight += table.counts[id]
        shapes[s].keys.append(id)
      } else {
        shapeOfTokens[tokens] = shapes.count
        shapes.append(Shape(tokens: tokens, weight: table.counts[id], keys: [id]))
      }
    }
    shapes = generalizeByVariety(shapes)
    let components = absorb(shapes)
    return render(shapes: shapes, components: components)
  }

  // MARK: 1. shapes

  private mutating func groupingTokens(_ key: ArraySlice<UInt8>) -> [Int32] {
    var tokens: [Int32] = []
    var current: [UInt8] = []
    func flush(_ pool: inout TokenPool) {
      if current.isEmpty { return }
      let id = pool.intern(current)
      if !(id == TokenPool.wildcard && tokens.last == TokenPool.wildcard) { tokens.append(id) }
      current.removeAll(keepingCapacity: true)
    }
    for b in key {
      if b == 0x20 {
        flush(&pool)
      } else {
        current.append(b == ByteClass.softMarker ? ByteClass.hardMarker : b)
      }
    }
    flush(&pool)
    return tokens
  }

  // MARK: 2. variety

  private struct SlotKey: Hashable {
    var hash: UInt64
    var length: Int32
    var position: Int32
  }

  private mutating func generalizeByVariety(_ input: [Shape]) -> [Shape] {
    var shapes = input
    for _ in 0..<64 {
      var slots: [SlotKey: [Int]] = [:]  // entries: shape index * 4096 + position
      slots.reserveCapacity(shapes.count * 4)
      for (s, shape) in shapes.enumerated() {
        let t = shape.tokens
        let n = t.count
        if n < 3 || n > 4095 { continue }
        var nonWild = 0
        for x in t where x != TokenPool.wildcard { nonWild += 1 }
        var h: UInt64 = 0
        var power: UInt64 = 1
        var powers: [UInt64] = []
        powers.reserveCapacity(n)
        for x in t {
          h = h &+ mix(pool.hash[Int(x)]) &* power
          powers.append(power)
          power = power &* 0x9E37_79B9_7F4A_7C15
        }
        let wild = mix(pool.hash[Int(TokenPool.wildcard)])
        for i in 0..<n {
          let own = t[i] == TokenPool.wildcard ? 0 : 1
          if nonWild - own < 2 { continue }
          let vh = h &- mix(pool.hash[Int(t[i])]) &* powers[i] &+ wild &* powers[i]
          slots[SlotKey(hash: vh, length: Int32(n), position: Int32(i)), default: []].append(
            s * 4096 + i)
        }
      }
      var replacement: [Int: [(Int, Int32)]] = [:]  // shape -> (position, new token)
      for (_, entries) in slots where entries.count > 1 {
        var values: [Int32] = []
        var hasWild = false
        for e in entries {
          let v = shapes[e / 4096].tokens[e % 4096]
          if v == TokenPool.wildcard {
            hasWild = true
          } else if !values.contains(v) {
            values.append(v)
          }
        }
        if values.isEmpty || (values.count == 1 && !hasWild) { continue }
        let first = entries[0]
        let position = first % 4096
        let previous: Int32? = position > 0 ? shapes[first / 4096].tokens[position - 1] : nil
        let valueSlot = isValueSlot(previous: previous, values: values)
        var token = hasWild ? TokenPool.wildcard : generalizedToken(values)
        // A value already masked in this slot (`ws=<*>,` beside `ws=WorkSource{42},`) is evidence.
        let maskedHere = hasWild || (values.count > 1 && values.contains(token))
        if valueSlot && maskedHere {
          // enough: one literal beside a masked value
        } else {
          if !valueSlot && mostlyStateWords(values) { continue }
          let needed = valueSlot ? config.valueSlotVariety : config.freeWordVariety
          if values.count + (maskedHere ? 1 : 0) < needed { continue }
        }
        if hasWild { token = TokenPool.wildcard }
        for e in entries where shapes[e / 4096].tokens[e % 4096] != TokenPool.wildcard {
          replacement[e / 4096, default: []].append((e % 4096, token))
        }
      }
      if replacement.isEmpty { break }
      var merged: [Shape] = []
      var index: [[Int32]: Int] = [:]
      for (s, shape) in shapes.enumerated() {
        var tokens = shape.tokens
        if let changes = replacement[s] {
          for (position, token) in changes { tokens[position] = token }
          tokens = collapseWildcards(tokens)
        }
        if let m = index[tokens] {
          merged[m].weight += shape.weight
          merged[m].keys += shape.keys
        } else {
          index[tokens] = merged.count
          merged.append(Shape(tokens: tokens, weight: shape.weight, keys: shape.keys))
        }
      }
      shapes = merged
    }
    return shapes
  }

  /// Whether the position after `previous` holding `values` looks like a value slot.
  private func isValueSlot(previous: Int32?, values: [Int32]) -> Bool {
    if let p = previous, pool.pure[Int(p)] {
      var word = pool.bytes[Int(p)]
      if word.count >= 2, word[word.count - 1] == UInt8(ascii: "="),
        ByteClass.isAlnum(word[word.count - 2])
      {
        return true
      }
      while let last = word.last, last == UInt8(ascii: ":") || last == UInt8(ascii: ",") {
        word.removeLast()
      }
      let isNaming = word.withUnsafeBufferPointer { w in
        WordLists.PackedWord(w, 0, w.count).map { WordLists.namingWords.contains($0) } ?? false
      }
      if isNaming { return true }
    }
    let prefix = commonDelimitedPrefix(values)
    if let last = prefix.last, last == UInt8(ascii: "=") || last == UInt8(ascii: ":") {
      return true
    }
    return false
  }

  /// Whether most values are words that name an event or state (`Started`, `Paused`, `failing`):
  /// such a word is what tells two messages apart, not a value.
  private func mostlyStateWords(_ values: [Int32]) -> Bool {
    var states = 0
    for v in values {
      let w = pool.bytes[Int(v)]
      guard w.count >= 4, w.allSatisfy({ ByteClass.isLetter($0) && $0 < 0x80 }) else { continue }
      let a = w[w.count - 2] | 0x20
      let b = w[w.count - 1] | 0x20
      let c = w[w.count - 3] | 0x20
      if (a == UInt8(ascii: "e") && b == UInt8(ascii: "d"))
        || (c == UInt8(ascii: "i") && a == UInt8(ascii: "n") && b == UInt8(ascii: "g"))
      {
        states += 1
      }
    }
    return states * 2 > values.count
  }

  /// The longest common prefix of the values that ends with a delimiter byte.
  private func commonDelimitedPrefix(_ values: [Int32]) -> ArraySlice<UInt8> {
    let first = pool.bytes[Int(values[0])]
    var n = first.count
    for v in values.dropFirst() {
      let b = pool.bytes[Int(v)]
      var k = 0
      while k < n && k < b.count && b[k] == first[k] { k += 1 }
      n = k
    }
    while n > 0 && !Self.isCut(first[n - 1]) { n -= 1 }
    return first[0..<n]
  }

  /// The longest common suffix of the values that starts with a delimiter byte.
  private func commonDelimitedSuffix(_ values: [Int32], prefixLength: Int) -> ArraySlice<UInt8> {
    let first = pool.bytes[Int(values[0])]
    var n = first.count
    for v in values {
      let b = pool.bytes[Int(v)]
      var k = 0
      while k < n && k < b.count - prefixLength && b[b.count - 1 - k] == first[first.count - 1 - k]
      { k += 1 }
      n = k
    }
    n = min(n, first.count - prefixLength)
    while n > 0 && !Self.isCut(first[first.count - n]) { n -= 1 }
    return first[(first.count - n)...]
  }

  private static func isCut(_ b: UInt8) -> Bool {
    ByteClass.isPieceDelimiter(b) || ByteClass.isSubDelimiter(b) || b == UInt8(ascii: "/")
      || b == ByteClass.hardMarker
  }

  /// One token standing for all `values`: their common `key=` / `(` / `)` parts around a variable.
  private mutating func generalizedToken(_ values: [Int32]) -> Int32 {
    let prefix = commonDelimitedPrefix(values)
    let suffix = commonDelimitedSuffix(values, prefixLength: prefix.count)
    if prefix.isEmpty && suffix.isEmpty { return TokenPool.wildcard }
    return pool.intern(Array(prefix) + [ByteClass.hardMarker] + Array(suffix))
  }

  private func collapseWildcards(_ tokens: [Int32]) -> [Int32] {
    var out: [Int32] = []
    out.reserveCapacity(tokens.count)
    for t in tokens where !(t == TokenPool.wildcard && out.last == TokenPool.wildcard) {
      out.append(t)
    }
    return out
  }

  @inline(__always) private func mix(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
