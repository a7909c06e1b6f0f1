// The built-in keyword rules: the signs that make a P0 (the service cannot start, the container
// keeps exiting, data loss, security) and the cosmetic ones that make a P3. They are plain data so
// that `--help` can print them and a config file can replace (same `name`) or disable them.
// Terms are matched case-insensitively against the cluster's title, template, error and samples.

import Foundation
import GardenKit

enum BuiltInRules {
  /// Names of the built-in rules that are written in code rather than as keywords; `disable_rules`
  /// accepts them too.
  static let codeRuleNames = ["import-at-start", "critical-component", "rising-errors"]

  /// The built-in keyword rules, in the order they are tried and listed.
  static let keywordRules: [KeywordRule] = [
    KeywordRule(
      name: "startup", priority: .p0,
      matcher: ClusterMatcher(
        contains: [
          "startup failure", "startup failed", "failed to start", "cannot start", "could not start",
          "unable to start", "service validation failed", "configuration validation failed",
          "startup validation failed", "startup phase failed", "phase failed",
          "worker failed to boot", "failed to boot", "error while starting",
        ],
        errorTypes: ["DeterministicStartupError"]),
      minSeverity: .error, label: "at startup", says: "the service cannot start",
      startupSign: true),
    KeywordRule(
      name: "container-exit", priority: .p0,
      matcher: ClusterMatcher(
        contains: [
          "crash loop", "crashloop", "back-off restarting failed container",
          "container failed to start", "failed to start and listen on the port",
        ],
        regexes: [
          #"\bexit\([1-9][0-9]*\)"#, #"\bexited with (exit )?(code|status) [1-9]"#,
        ].compactMap(Self.regex)),
      minSeverity: .warning, label: "container exit",
      says: "the container stops with an error status, so the service restarts or stays down"),
    KeywordRule(
      name: "data-loss", priority: .p0,
      matcher: ClusterMatcher(contains: [
        "data loss", "data may have been lost", "data was lost", "data has been lost", "lost data",
        "data corruption", "corrupted data",
      ]),
      minSeverity: .error, label: "data loss", says: "data may be lost or corrupted"),
    KeywordRule(
      name: "security", priority: .p0,
      matcher: ClusterMatcher(contains: [
        "auth bypass", "authentication bypass", "authorization bypass", "bypassing authentication",
        "bypassing authorization", "leaked credential", "credential leak", "credentials leaked",
        "leaked secret", "secret leaked", "exposed secret", "exposed credential",
        "privilege escalation",
      ]),
      minSeverity: .warning, label: "security",
      says: "access control can be bypassed or credentials are exposed"),
    KeywordRule(
      name: "out-of-memory", priority: .p1,
      matcher: ClusterMatcher(contains: [
        "out of memory", "memory limit of", "memory limit exceeded", "outofmemoryerror",
        "memoryerror", "oomkilled", "terminated on signal 9",
      ]),
      minSeverity: .warning, label: "out of memory",
      says: "an instance was killed, so the requests it was serving failed"),
    KeywordRule(
      name: "cosmetic", priority: .p3,
      matcher: ClusterMatcher(
        contains: [
          "favicon", "apple-touch-icon", "robots.txt", "deprecationwarning", "is deprecated",
          "deprecated and will be removed", "will be deprecated",
        ],
        errorTypes: ["DeprecationWarning", "PendingDeprecationWarning", "FutureWarning"]),
      minSeverity: .warning, label: "cosmetic", says: "low impact, nothing is broken for users"),
  ]

  /// Default symptom signs: platform lines that follow a failed start rather than cause it.
  static let symptomMatcher = ClusterMatcher(
    contains: [
      "container called exit", "application startup failed. exiting", "worker failed to boot",
      "worker exiting", "shutting down: master", "truncated response body",
      "the request failed because either the http response was malformed",
      "no available instance", "service unavailable", "instance could not start",
    ],
    regexes: [
      #"\bexit\([1-9][0-9]*\)"#, #"\bexited with (exit )?(code|status) [1-9]"#, #"→ 5\d\d\b"#,
    ]
    .compactMap(Self.regex))

  static func regex(_ p: String) -> (source: String, regex: NSRegularExpression)? {
    (try? NSRegularExpression(pattern: p, options: [.caseInsensitive])).map { (p, $0) }
  }
}
