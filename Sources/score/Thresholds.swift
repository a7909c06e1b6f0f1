// Every tunable number of the stage, with its unit and default. The config file's `thresholds`
// object overrides them by their snake_case names (listed in `--help` and docs/score.md).

/// Tunable numbers. Each has a unit and a valid range checked when the config is read.
struct Thresholds: Sendable {
  /// Events per hour at or above which a priority is lifted one level (never above P1). > 0.
  var ratePerHour = 100.0
  /// Events per hour at or above which a WARNING-only cluster counts as noisy (P2, not P3). > 0.
  var noisyWarningsPerHour = 10.0
  /// Share of a cluster's events in one histogram bucket that makes a burst. 0 < x ≤ 1.
  var burstShare = 0.5
  /// Fewest events for a burst to be named. ≥ 1.
  var burstMinEvents = 5
  /// Hours a fingerprint must have been absent before it counts as a regression when back. > 0.
  var regressionAfterHours = 24.0
  /// Runs kept in the history for trends (the per-fingerprint count list is capped to these). 1…1000.
  var recentRuns = 24
  /// Rate now ÷ recent average at or above which the trend is rising. > 1.
  var risingFactor = 2.0
  /// Rate now ÷ recent average at or below which the trend is falling. 0 < x < 1.
  var fallingFactor = 0.5
  /// Fewest events of difference against the recent average for rising or falling. ≥ 0.
  var trendMinEvents = 5
  /// Seconds around a startup failure within which a container exit or 5xx counts as its symptom. ≥ 0.
  var symptomSeconds = 60.0
  /// Shortest window, in hours, that rates are computed over (a 5-minute window of 20 events is
  /// 20/h, not 240/h). > 0.
  var minWindowHours = 1.0
  /// Days after its last sighting that a fingerprint is dropped from the history. > 0.
  var forgetAfterDays = 90.0
}
