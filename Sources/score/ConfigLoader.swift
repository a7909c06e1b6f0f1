// Reads and validates the --config JSON file. Every problem names the key and says why, e.g.
// `score.json: key 'thresholds.rate_per_hour': must be a number > 0, got "fast"`, and ends the run
// with status 65 before any output. Unknown keys are errors too (a typo must not be ignored
// silently); keys starting with "_" are comments and are skipped.

import Foundation
import GardenKit

/// Why a config file was refused: the key and the reason.
struct ConfigError: Error, Equatable, CustomStringConvertible {
  var key: String
  var reason: String
  var description: String { key.isEmpty ? reason : "key '\(key)': \(reason)" }
}

enum ConfigLoader {
  static let topKeys = [
    "rules", "disable_rules", "critical_components", "impact", "mutes", "expected", "active_dev",
    "symptoms", "thresholds",
  ]
  static let ruleKeys = [
    "name", "priority", "contains", "regex", "error_types", "fingerprints", "min_severity", "label",
    "says", "startup",
  ]
  static let matcherKeys = ["contains", "regex", "error_types", "fingerprints"]
  static let thresholdKeys = [
    "rate_per_hour", "noisy_warnings_per_hour", "burst_share", "burst_min_events",
    "regression_after_hours", "recent_runs", "rising_factor", "falling_factor", "trend_min_events",
    "symptom_seconds", "min_window_hours", "forget_after_days",
  ]

  /// Loads a file; any problem is a data error (status 65) naming the file and the key.
  static func load(path: String) throws(StageError) -> ScoreConfig {
    let bytes: [UInt8]
    switch WholeFile.read(path) {
    case .missing: throw StageError(.noInput, "\(path): config file not found")
    case .cannotOpen(let reason), .cannotRead(let reason):
      throw StageError(.noInput, "\(path): cannot read config: \(reason)")
    case .directory:
      throw StageError(.noInput, "\(path): the config must be a file, and this is a folder")
    case .bytes(let b): bytes = b
    }
    do {
      return try parse(bytes)
    } catch {
      throw StageError(.dataError, "\(path): invalid config: \(error)")
    }
  }

  /// Parses config text.
  static func parse(_ bytes: [UInt8]) throws(ConfigError) -> ScoreConfig {
    let value: JSONValue
    do {
      value = try JSONReader.parse(bytes)
    } catch {
      throw ConfigError(
        key: "", reason: "not valid JSON: \(error.reason) at byte \(error.offset + 1)")
    }
    guard let root = value.object else {
      throw ConfigError(key: "", reason: "the config must be a JSON object")
    }
    try checkKeys(root, allowed: topKeys, at: "")
    var config = ScoreConfig()

    if let v = root["thresholds"] { config.thresholds = try thresholds(v) }

    let builtInNames = BuiltInRules.keywordRules.map(\.name)
    if let v = root["disable_rules"] {
      let names = try strings(v, at: "disable_rules")
      for (i, n) in names.enumerated() {
        guard builtInNames.contains(n) || BuiltInRules.codeRuleNames.contains(n) else {
          throw ConfigError(
            key: "disable_rules[\(i)]",
            reason:
              "no built-in rule is named '\(n)' (built-in rules: \((builtInNames + BuiltInRules.codeRuleNames).joined(separator: ", ")))"
          )
        }
      }
      config.keywordRules.removeAll { names.contains($0.name) }
      config.disabledCodeRules = Set(names.filter { BuiltInRules.codeRuleNames.contains($0) })
    }

    if let v = root["rules"] {
      guard let list = v.array else {
        throw ConfigError(key: "rules", reason: "must be an array of rule objects")
      }
      var seen: Set<String> = []
      for (i, item) in list.enumerated() {
        let rule = try keywordRule(item, at: "rules[\(i)]")
        guard seen.insert(rule.name).inserted else {
          throw ConfigError(
            key: "rules[\(i)].name", reason: "'\(rule.name)' is used by an earlier rule")
        }
        if let j = config.keywordRules.firstIndex(where: { $0.name == rule.name }) {
          config.keywordRules[j] = rule
        } else {
          config.keywordRules.append(rule)
        }
      }
    }

    if let v = root["critical_components"] {
      config.criticalComponents = try strings(v, at: "critical_components")
      for (i, c) in config.criticalComponents.enumerated() where ComponentName.words(c).isEmpty {
        throw ConfigError(
          key: "critical_components[\(i)]", reason: "needs at least one letter or digit")
      }
    }

    if let v = root["impact"] {
      guard let o = v.object else {
        throw ConfigError(key: "impact", reason: "must be an object of component name → sentence")
      }
      for (k, s) in o {
        guard let sentence = s.string, !sentence.isEmpty else {
          throw ConfigError(key: "impact.\(k)", reason: "must be a non-empty sentence")
        }
        guard !ComponentName.words(k).isEmpty else {
          throw ConfigError(
            key: "impact.\(k)", reason: "the component name needs a letter or digit")
        }
        config.impact.append((k, sentence))
      }
    }

    if let v = root["mutes"] { config.mutes = try mutes(v, at: "mutes") }
    if let v = root["expected"] { config.expected = try mutes(v, at: "expected") }

    if let v = root["active_dev"] {
      guard let list = v.array else {
        throw ConfigError(key: "active_dev", reason: "must be an array")
      }
      for (i, item) in list.enumerated() {
        let at = "active_dev[\(i)]"
        guard let o = item.object else { throw ConfigError(key: at, reason: "must be an object") }
        try checkKeys(o, allowed: matcherKeys + ["reason"], at: at)
        config.activeDev.append(
          ActiveDevMarker(
            matcher: try matcher(o, at: at), reason: try requiredString(o, "reason", at: at)))
      }
    }

    if let v = root["symptoms"] {
      guard let o = v.object else {
        throw ConfigError(key: "symptoms", reason: "must be an object")
      }
      try checkKeys(o, allowed: ["contains", "regex", "http_status_min"], at: "symptoms")
      if o["contains"] != nil || o["regex"] != nil {
        let extra = try matcher(o, at: "symptoms", allowEmpty: true)
        config.symptomMatcher.contains += extra.contains
        config.symptomMatcher.regexes += extra.regexes
      }
      if let s = o["http_status_min"] {
        guard let n = s.int, (100...600).contains(n) else {
          throw ConfigError(
            key: "symptoms.http_status_min",
            reason: "must be a whole number in 100...600, got \(JSONWriter.string(s))")
        }
        config.symptomHTTPStatusMin = n
      }
    }
    return config
  }

  // MARK: - Pieces

  static func checkKeys(_ o: JSONObject, allowed: [String], at path: String) throws(ConfigError) {
    for k in o.keys where !k.hasPrefix("_") && !allowed.contains(k) {
      var why = "unknown key"
      if let near = closestWord(k, among: allowed) {
        why += "; did you mean '\(near)'?"
      } else {
        why += " (known keys: \(allowed.joined(separator: ", ")))"
      }
      throw ConfigError(key: path.isEmpty ? k : "\(path).\(k)", reason: why)
    }
  }

  static func strings(_ v: JSONValue, at path: String) throws(ConfigError) -> [String] {
    if let s = v.string {
      guard !s.isEmpty else { throw ConfigError(key: path, reason: "must not be empty") }
      return [s]
    }
    guard let list = v.array else {
      throw ConfigError(key: path, reason: "must be a string or an array of strings")
    }
    var out: [String] = []
    for (i, item) in list.enumerated() {
      guard let s = item.string, !s.isEmpty else {
        throw ConfigError(key: "\(path)[\(i)]", reason: "must be a non-empty string")
      }
      out.append(s)
    }
    return out
  }

  static func requiredString(_ o: JSONObject, _ key: String, at path: String) throws(ConfigError)
    -> String
  {
    guard let v = o[key] else { throw ConfigError(key: "\(path).\(key)", reason: "is required") }
    guard let s = v.string, !s.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw ConfigError(key: "\(path).\(key)", reason: "must be a non-empty string")
    }
    return s
  }

  static func matcher(_ o: JSONObject, at path: String, allowEmpty: Bool = false)
    throws(ConfigError)
    -> ClusterMatcher
  {
    var m = ClusterMatcher()
    if let v = o["contains"] { m.contains = try strings(v, at: "\(path).contains") }
    if let v = o["error_types"] { m.errorTypes = try strings(v, at: "\(path).error_types") }
    if let v = o["fingerprints"] { m.fingerprints = try strings(v, at: "\(path).fingerprints") }
    if let v = o["regex"] {
      for (i, p) in try strings(v, at: "\(path).regex").enumerated() {
        switch ClusterMatcher.compile(p) {
        case .success(let r): m.regexes.append((p, r))
        case .failure:
          let key = v.array == nil ? "\(path).regex" : "\(path).regex[\(i)]"
          throw ConfigError(key: key, reason: "'\(p)' is not a valid regular expression")
        }
      }
    }
    if m.isEmpty && !allowEmpty {
      throw ConfigError(
        key: path,
        reason: "needs at least one of \(matcherKeys.joined(separator: ", ")) to select clusters")
    }
    return m
  }

  static func keywordRule(_ v: JSONValue, at path: String) throws(ConfigError) -> KeywordRule {
    guard let o = v.object else { throw ConfigError(key: path, reason: "must be a rule object") }
    try checkKeys(o, allowed: ruleKeys, at: path)
    let name = try requiredString(o, "name", at: path)
    let pText = try requiredString(o, "priority", at: path)
    guard let priority = Priority(name: pText) else {
      throw ConfigError(key: "\(path).priority", reason: "must be P0, P1, P2 or P3, got '\(pText)'")
    }
    var minSeverity = Severity.warning
    if o["min_severity"] != nil {
      let s = try requiredString(o, "min_severity", at: path)
      guard let sev = Severity(name: s) else {
        throw ConfigError(
          key: "\(path).min_severity",
          reason:
            "'\(s)' is not a Cloud Logging severity (DEFAULT, DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT, EMERGENCY)"
        )
      }
      guard sev >= .warning else {
        throw ConfigError(
          key: "\(path).min_severity",
          reason:
            "must be WARNING or above: INFO/DEBUG/NOTICE/DEFAULT-only clusters never get a priority"
        )
      }
      minSeverity = sev
    }
    let label =
      o["label"] != nil ? try requiredString(o, "label", at: path) : "matches rule '\(name)'"
    var startup = false
    if let s = o["startup"] {
      guard let b = s.bool else {
        throw ConfigError(key: "\(path).startup", reason: "must be true or false")
      }
      startup = b
    }
    return KeywordRule(
      name: name, priority: priority, matcher: try matcher(o, at: path), minSeverity: minSeverity,
      label: label, says: try requiredString(o, "says", at: path), startupSign: startup)
  }

  static func mutes(_ v: JSONValue, at path: String) throws(ConfigError) -> [Mute] {
    guard let list = v.array else { throw ConfigError(key: path, reason: "must be an array") }
    var out: [Mute] = []
    for (i, item) in list.enumerated() {
      let at = "\(path)[\(i)]"
      guard let o = item.object else { throw ConfigError(key: at, reason: "must be an object") }
      try checkKeys(o, allowed: matcherKeys + ["until", "reason"], at: at)
      let until = try requiredString(o, "until", at: at)
      let expires: Timestamp
      if let day = Timestamp(date: until) {
        expires = day.adding(seconds: 86_400)  // a date mutes through the end of that day (UTC)
      } else if let t = Timestamp(rfc3339: until) {
        expires = t
      } else {
        throw ConfigError(
          key: "\(at).until",
          reason: "must be a date (2025-10-01) or an RFC 3339 time, got '\(until)'")
      }
      out.append(
        Mute(
          matcher: try matcher(o, at: at), expires: expires, until: until,
          reason: try requiredString(o, "reason", at: at), key: at))
    }
    return out
  }

  static func thresholds(_ v: JSONValue) throws(ConfigError) -> Thresholds {
    guard let o = v.object else {
      throw ConfigError(key: "thresholds", reason: "must be an object")
    }
    try checkKeys(o, allowed: thresholdKeys, at: "thresholds")
    var t = Thresholds()
    func number(_ key: String, _ valid: (Double) -> Bool, _ rule: String) throws(ConfigError)
      -> Double?
    {
      guard let raw = o[key] else { return nil }
      guard let x = raw.double, x.isFinite, valid(x), raw.string == nil else {
        throw ConfigError(
          key: "thresholds.\(key)",
          reason: "must be a number \(rule), got \(JSONWriter.string(raw))")
      }
      return x
    }
    func whole(_ key: String, _ range: ClosedRange<Int>) throws(ConfigError) -> Int? {
      guard let raw = o[key] else { return nil }
      guard raw.string == nil, let d = raw.double, d == d.rounded(), let n = raw.int,
        range.contains(n)
      else {
        throw ConfigError(
          key: "thresholds.\(key)",
          reason:
            "must be a whole number in \(range.lowerBound)...\(range.upperBound), got \(JSONWriter.string(raw))"
        )
      }
      return n
    }
    if let x = try number("rate_per_hour", { $0 > 0 && $0 <= 1e9 }, "in (0, 1e9]") {
      t.ratePerHour = x
    }
    if let x = try number("noisy_warnings_per_hour", { $0 > 0 && $0 <= 1e9 }, "in (0, 1e9]") {
      t.noisyWarningsPerHour = x
    }
    if let x = try number("burst_share", { $0 > 0 && $0 <= 1 }, "in (0, 1]") { t.burstShare = x }
    if let x = try whole("burst_min_events", 1...1_000_000_000) { t.burstMinEvents = x }
    if let x = try number(
      "regression_after_hours", { $0 > 0 && $0 <= 87_600 }, "in (0, 87600] (ten years)")
    {
      t.regressionAfterHours = x
    }
    if let x = try whole("recent_runs", 1...1000) { t.recentRuns = x }
    if let x = try number("rising_factor", { $0 > 1 && $0 <= 1000 }, "in (1, 1000]") {
      t.risingFactor = x
    }
    if let x = try number("falling_factor", { $0 > 0 && $0 < 1 }, "in (0, 1)") {
      t.fallingFactor = x
    }
    if let x = try whole("trend_min_events", 0...1_000_000_000) { t.trendMinEvents = x }
    if let x = try number("symptom_seconds", { $0 >= 0 && $0 <= 86_400 }, "in [0, 86400]") {
      t.symptomSeconds = x
    }
    if let x = try number("min_window_hours", { $0 >= 0.01 && $0 <= 8760 }, "in [0.01, 8760]") {
      t.minWindowHours = x
    }
    if let x = try number("forget_after_days", { $0 >= 1 && $0 <= 36_500 }, "in [1, 36500]") {
      t.forgetAfterDays = x
    }
    return t
  }
}

extension ConfigLoader {
  /// The closest of `names` to `word` (edit distance at most a third of its length, at least 2),
  /// for "did you mean" hints.
  static func closestWord(_ word: String, among names: [String]) -> String? {
    var best: (String, Int)?
    for n in names {
      let d = editDistance(Array(word.utf8), Array(n.utf8))
      if d <= max(2, n.count / 3), best.map({ d < $0.1 }) ?? true { best = (n, d) }
    }
    return best?.0
  }

  static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    if a.isEmpty { return b.count }
    var prev = Array(0...b.count)
    for i in 1...a.count {
      var cur = [i] + Array(repeating: 0, count: b.count)
      for j in 0..<b.count {
        cur[j + 1] = Swift.min(prev[j + 1] + 1, cur[j] + 1, prev[j] + (a[i - 1] == b[j] ? 0 : 1))
      }
      prev = cur
    }
    return prev[b.count]
  }
}
