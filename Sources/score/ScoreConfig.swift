// Everything a user can change with --config, resolved: the effective keyword rules (built-ins
// minus disabled ones, replaced or extended by the user's), critical components, impact sentences,
// mutes and expected noise with their expiry, active-development markers, symptom signs and
// thresholds. ConfigLoader builds it from the JSON file; `ScoreConfig()` is the default.

import GardenKit

/// A mute or an expected-noise entry: which clusters, until when, and why.
struct Mute {
  var matcher: ClusterMatcher
  /// First instant at which the entry no longer applies.
  var expires: Timestamp
  /// The `until` text as written, for reasons.
  var until: String
  var reason: String
  /// Where it is in the config (`mutes[0]`), for warnings.
  var key: String
}

/// An active-development marker.
struct ActiveDevMarker {
  var matcher: ClusterMatcher
  var reason: String
}

/// The resolved configuration.
struct ScoreConfig {
  var keywordRules: [KeywordRule] = BuiltInRules.keywordRules
  /// Built-in code rules turned off by `disable_rules`.
  var disabledCodeRules: Set<String> = []
  var criticalComponents: [String] = []
  /// Component → impact sentence, in config order.
  var impact: [(component: String, sentence: String)] = []
  var mutes: [Mute] = []
  var expected: [Mute] = []
  var activeDev: [ActiveDevMarker] = []
  var symptomMatcher: ClusterMatcher = BuiltInRules.symptomMatcher
  /// HTTP statuses at or above this in a cluster's samples make it a symptom candidate.
  var symptomHTTPStatusMin = 500
  var thresholds = Thresholds()

  /// The code rules that raise a priority after the keyword rules, in order.
  var codeRules: [CodeRule] {
    let all: [CodeRule] = [ImportAtStartRule(), CriticalComponentRule(), RisingErrorRule()]
    return all.filter { !disabledCodeRules.contains($0.name) }
  }
}
