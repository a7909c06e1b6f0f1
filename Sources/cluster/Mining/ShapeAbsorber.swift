/// Step 3 of `KeyClusterer`: a shape joins a more general, heavier shape that matches it, where a
/// whole-token variable of the general shape stands for one token of any kind or for zero up to
/// `maxAbsorbedTokens` literal words. This keeps a multi-word or empty value (`Invalid user jane doe
/// from <*>`, `Invalid user  from <*>`) with its template, while a differing literal word next to
/// literal words (`VM Started` / `VM Paused`) still keeps shapes apart.
extension KeyClusterer {
  /// Returns, per shape, the index of the component (a representative shape) it belongs to.
  func absorb(_ shapes: [Shape]) -> [Int] {
    let n = shapes.count
    var literalCount = [Int](repeating: 0, count: n)
    var eligible = [Bool](repeating: false, count: n)
    for (s, shape) in shapes.enumerated() {
      var pure = 0
      var wild = false
      for t in shape.tokens {
        if t == TokenPool.wildcard { wild = true } else if pool.pure[Int(t)] { pure += 1 }
      }
      literalCount[s] = pure
      eligible[s] = wild && pure >= 2
    }
    // Index each eligible shape under its rarest literal token: any shape it matches contains it.
    var frequency: [Int32: Int] = [:]
    for s in 0..<n where eligible[s] {
      for t in Set(shapes[s].tokens) where t != TokenPool.wildcard && pool.pure[Int(t)] {
        frequency[t, default: 0] += 1
      }
    }
    var index: [Int32: [Int]] = [:]
    for s in 0..<n where eligible[s] {
      var best: Int32 = -1
      var bestFrequency = Int.max
      for t in shapes[s].tokens where t != TokenPool.wildcard && pool.pure[Int(t)] {
        let f = frequency[t] ?? 0
        if f < bestFrequency || (f == bestFrequency && t < best) {
          best = t
          bestFrequency = f
        }
      }
      index[best, default: []].append(s)
    }
    var parent = Array(0..<n)
    func find(_ x: Int) -> Int {
      var x = x
      while parent[x] != x {
        parent[x] = parent[parent[x]]
        x = parent[x]
      }
      return x
    }
    var seen = [Int](repeating: -1, count: n)
    for s in 0..<n {
      var best = -1
      for t in shapes[s].tokens where t != TokenPool.wildcard && pool.pure[Int(t)] {
        guard let candidates = index[t] else { continue }
        for c in candidates where c != s && seen[c] != s {
          seen[c] = s
          guard shapes[c].weight >= shapes[s].weight,
            matches(general: shapes[c].tokens, specific: shapes[s].tokens)
          else { continue }
          if best < 0 || better(c, than: best, shapes, literalCount) { best = c }
        }
      }
      if best >= 0 {
        let a = find(s)
        let b = find(best)
        if a != b { parent[max(a, b)] = min(a, b) }
      }
    }
    return (0..<n).map { find($0) }
  }

  /// Canonical preference among absorbing shapes: more literal words, then more messages, then bytes.
  private func better(_ a: Int, than b: Int, _ shapes: [Shape], _ literalCount: [Int]) -> Bool {
    if literalCount[a] != literalCount[b] { return literalCount[a] > literalCount[b] }
    if shapes[a].weight != shapes[b].weight { return shapes[a].weight > shapes[b].weight }
    return pool.precedes(shapes[a].tokens, shapes[b].tokens)
  }

  /// Whether `general` matches all of `specific` (see the type comment).
  func matches(general g: [Int32], specific s: [Int32]) -> Bool {
    let width = s.count + 1
    var reach = [Bool](repeating: false, count: (g.count + 1) * width)
    reach[0] = true
    for i in 0..<g.count {
      let t = g[i]
      for j in 0...s.count where reach[i * width + j] {
        let next = (i + 1) * width
        if t == TokenPool.wildcard {
          if j < s.count { reach[next + j + 1] = true }
          var k = 0
          while true {
            reach[next + j + k] = true
            if k == config.maxAbsorbedTokens || j + k >= s.count { break }
            let u = s[j + k]
            if u == TokenPool.wildcard || !pool.pure[Int(u)] { break }
            k += 1
          }
        } else if j < s.count && pool.matches(pattern: t, token: s[j]) {
          reach[next + j + 1] = true
        }
      }
    }
    return reach[g.count * width + s.count]
  }
}
