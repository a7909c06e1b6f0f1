/// Step 4 of `KeyClusterer`: the template text of each cluster, and the canonical cluster numbering.
extension KeyClusterer {
  func render(shapes: [Shape], components: [Int]) -> MiningResult {
    var membersOf: [Int: [Int]] = [:]  // component -> shapes
    for (s, c) in components.enumerated() { membersOf[c, default: []].append(s) }
    var clusterOfKey = [Int](repeating: 0, count: table.count)
    var textIndex: [[UInt8]: Int] = [:]  // bytes, not String: no Unicode normalisation cost
    var texts: [[UInt8]] = []
    for (_, members) in membersOf {
      let keys = members.flatMap { shapes[$0].keys }
      let text = templateText(keys: keys, shapes: members.map { shapes[$0] })
      let cluster: Int
      if let existing = textIndex[text] {
        cluster = existing
      } else {
        cluster = texts.count
        textIndex[text] = cluster
        texts.append(text)
      }
      for k in keys { clusterOfKey[k] = cluster }
    }
    // Canonical numbering: clusters in byte order of their template text.
    let order = texts.indices.sorted { texts[$0].lexicographicallyPrecedes(texts[$1]) }
    var renumber = [Int](repeating: 0, count: texts.count)
    for (new, old) in order.enumerated() { renumber[old] = new }
    let keyTexts = (0..<table.count).map { MaskedKeyText.string(table.key($0)) }
    return MiningResult(
      clusterOfKey: clusterOfKey.map { renumber[$0] },
      templates: order.map { String(decoding: texts[$0], as: UTF8.self) },
      keys: keyTexts, keyCounts: table.counts)
  }

  /// The template of one cluster from its keys.
  private func templateText(keys: [Int], shapes: [Shape]) -> [UInt8] {
    let split = keys.map { rawTokens(table.key($0)) }
    let length = split[0].count
    guard split.allSatisfy({ $0.count == length }) else { return shapeText(representative(shapes)) }
    var out: [UInt8] = []
    for position in 0..<length {
      if position > 0 { out.append(0x20) }
      let first = split[0][position]
      if split.allSatisfy({ $0[position].bytes == first.bytes }) {
        var softIndex = first.softBefore
        for b in first.bytes {
          if b == ByteClass.softMarker {
            if let value = constantSoftValue(keys, slot: softIndex, split, position) {
              out.append(contentsOf: value)
            } else {
              out.append(contentsOf: MaskedKeyText.wildcard)
            }
            softIndex += 1
          } else if b == ByteClass.hardMarker {
            out.append(contentsOf: MaskedKeyText.wildcard)
          } else {
            out.append(b)
          }
        }
      } else {
        out.append(contentsOf: mergedToken(split.map { $0[position].bytes }))
      }
    }
    return out
  }

  /// The value of the soft slot at `position` if it is the same non-varying value in every key.
  private func constantSoftValue(
    _ keys: [Int], slot: Int, _ split: [[RawToken]], _ position: Int
  ) -> ArraySlice<UInt8>? {
    var value: ArraySlice<UInt8>? = nil
    for (k, key) in keys.enumerated() {
      let ordinal = slot - split[0][position].softBefore + split[k][position].softBefore
      guard let v = table.softValue(key, ordinal) else { return nil }
      if let known = value {
        if known != v { return nil }
      } else {
        value = v
      }
    }
    // A constant that itself looks like a hard value is still shown as a variable.
    if let v = value, v.contains(where: { $0 <= 0x20 }) || v.isEmpty { return nil }
    return value
  }

  /// Differing tokens at one position: their common `key=`/bracket parts around one `<*>`.
  private func mergedToken(_ tokens: [ArraySlice<UInt8>]) -> [UInt8] {
    var p = tokens[0].count
    for t in tokens.dropFirst() {
      var k = 0
      while k < p && k < t.count && t[t.startIndex + k] == tokens[0][tokens[0].startIndex + k] {
        k += 1
      }
      p = k
    }
    while p > 0 && !isCutByte(tokens[0][tokens[0].startIndex + p - 1]) { p -= 1 }
    var q = tokens[0].count - p
    for t in tokens.dropFirst() {
      var k = 0
      while k < q && k < t.count - p
        && t[t.endIndex - 1 - k] == tokens[0][tokens[0].endIndex - 1 - k]
      { k += 1 }
      q = k
    }
    while q > 0 && !isCutByte(tokens[0][tokens[0].endIndex - q]) { q -= 1 }
    var out = renderMarkers(tokens[0].prefix(p))
    out.append(contentsOf: MaskedKeyText.wildcard)
    out.append(contentsOf: renderMarkers(tokens[0].suffix(q)))
    return out
  }

  private func isCutByte(_ b: UInt8) -> Bool {
    ByteClass.isPieceDelimiter(b) || ByteClass.isSubDelimiter(b) || b == UInt8(ascii: "/")
  }

  private func renderMarkers(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    for b in bytes {
      if b == ByteClass.softMarker || b == ByteClass.hardMarker {
        out.append(contentsOf: MaskedKeyText.wildcard)
      } else {
        out.append(b)
      }
    }
    return out
  }

  /// The heaviest shape of a cluster (ties: more tokens, then bytes).
  private func representative(_ shapes: [Shape]) -> [Int32] {
    var best = shapes[0]
    for s in shapes.dropFirst() {
      if s.weight != best.weight {
        if s.weight > best.weight { best = s }
      } else if s.tokens.count != best.tokens.count {
        if s.tokens.count > best.tokens.count { best = s }
      } else if pool.precedes(s.tokens, best.tokens) {
        best = s
      }
    }
    return best.tokens
  }

  private func shapeText(_ tokens: [Int32]) -> [UInt8] {
    var out: [UInt8] = []
    for (i, t) in tokens.enumerated() {
      if i > 0 { out.append(0x20) }
      out.append(contentsOf: renderMarkers(pool.bytes[Int(t)][...]))
    }
    return out
  }

  /// A token of a raw key and how many soft markers come before it in the key.
  struct RawToken {
    var bytes: ArraySlice<UInt8>
    var softBefore: Int
  }

  private func rawTokens(_ key: ArraySlice<UInt8>) -> [RawToken] {
    var tokens: [RawToken] = []
    var start = key.startIndex
    var soft = 0
    var softAtStart = 0
    var i = key.startIndex
    while i <= key.endIndex {
      if i == key.endIndex || key[i] == 0x20 {
        if i > start { tokens.append(RawToken(bytes: key[start..<i], softBefore: softAtStart)) }
        start = i + 1
        softAtStart = soft
      } else if key[i] == ByteClass.softMarker {
        soft += 1
      }
      i += 1
    }
    return tokens
  }
}
