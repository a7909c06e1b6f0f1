// The long part of `garden-score --help`: every rule, the config format with an example, the history
// format and the score formula. Rule term lists are printed from BuiltInRules itself, so the help
// cannot drift from what the code matches.

import GardenKit

enum HelpText {
  static var discussion: String {
    var t = """
      Reads the NDJSON stream of garden-cluster (FILE arguments or stdin) and adds to every `cluster`
      record: priority (P0-P3, or null), score (0-100), category, health, trend, reasons (one plain
      sentence per rule that fired and per number printed), symptom_of, impact and muted. Output:
      every record that is not a cluster (meta, event) unchanged and in order, then the clusters
      sorted by priority (P0 first, no priority last), score (high first), count (high first) and
      fingerprint, then this stage's meta record (counts, per-priority counts, health, history).

      PRIORITY RULES, applied in this order:
        1. A cluster whose worst event is INFO, DEBUG, NOTICE or DEFAULT gets no priority (null);
           it only feeds health ("working").
        2. Signs. Every keyword rule below (and in --config) fires when the cluster is at least as
           severe as its min severity and its title, template, error or sample messages contain
           one of its terms (case-insensitive), match one of its regexes or have one of its error
           types. The import rule fires on ImportError/ModuleNotFoundError/SyntaxError: P0 when
           raised while the app loads (a SyntaxError; a `<module>` frame; gunicorn worker boot,
           create_app, lifespan, startup in the text), P1 when an import fails later. When any
           sign fired, the most urgent one is the priority.
        3. Otherwise the severity baseline: CRITICAL/ALERT/EMERGENCY without a sign -> P1;
           ERROR -> P2; WARNING -> P2 at or above noisy_warnings_per_hour (default 10/h), else P3.
        4. Raisers (ERROR and above): a component listed in critical_components (rule
           critical-component) or a rising trend against the history (rule rising-errors) -> at
           least P1.
        5. Frequency: at or above rate_per_hour (default 100/h) the priority is lifted one level,
           never above P1 (P0 comes only from signs). Rates are events / window hours, where the
           window is parse's meta window (else first to last seen) and at least min_window_hours.
        6. Symptoms: a cluster that matches a symptom sign (container exit, worker boot failure,
           "Application startup failed. Exiting", 5xx responses, truncated responses) and
           happens on the same revisions and in the same time buckets (or within
           symptom_seconds) as a cluster with a startup sign gets symptom_of = that cluster's
           fingerprint, a reason, and a priority at least one level below its cause.
        7. Expected noise (config "expected", until its expiry): muted, priority capped at P3,
           health "working". Mutes (config "mutes", until their expiry): muted, priority kept.
           An expired entry no longer applies; the cluster's reasons and the meta warnings say so.
      A burst (at least burst_share of the events, and burst_min_events, in one histogram bucket)
      is named in the reasons.

      BUILT-IN KEYWORD RULES (name, priority, min severity: terms):

      """
    for r in BuiltInRules.keywordRules {
      var terms = r.matcher.contains.map { "\"\($0)\"" }
      terms += r.matcher.regexes.map { "/\($0.source)/" }
      terms += r.matcher.errorTypes.map { "type \($0)" }
      t += "  \(r.name), \(r.priority.name), \(r.minSeverity.name)+: \"\(r.label): \(r.says)\"\n"
      t += wrap(terms, indent: 6) + "\n"
    }
    t += """

      Reason sentences read "<SEVERITY> <label>: <meaning> (<n> events on <r> revisions; matched
      <term>)", e.g. "CRITICAL at startup: the service cannot start (12 events on 2 revisions;
      matched 'service validation failed')".

      CATEGORY: active-dev when a config active_dev entry matches; regression when the history
      knows the fingerprint (or one of its signatures as an alias) and it had been absent for at
      least regression_after_hours before this run's first_seen; known when the history saw it
      before; new otherwise (and always without --history). garden-issues may refine it.
      TREND against the last recent_runs runs of the history (absent runs count 0): new (not in
      them), rising (rate >= rising_factor x average and >= trend_min_events more events),
      falling (the mirror image, falling_factor), steady otherwise.
      HEALTH per service, logger and origin module: failing (a P0/P1 cluster), at-risk (P2),
      working (only P3, expected noise or INFO-level clusters), with evidence naming the clusters.
      Each cluster gets its own status in "health"; the meta record lists components sorted by
      status (failing first), kind and name.

      SCORE (orders clusters within a priority), integer parts, clamped to 0-100:
        severity (CRITICAL+ 40, ERROR 30, WARNING 15, else 0) + volume min(25, round(10 log10(1+count)))
        + rate min(15, round(15 x rate / rate_per_hour)) + trend (rising 10, new 5, steady 0,
        falling -5) + spread min(10, 5 x (revisions - 1)) - 20 if a symptom - 20 if muted.

      NOW AND WINDOW: "now" is --now, else the latest last_seen in the input (never the wall
      clock, so output is reproducible); it decides mute expiry. The window comes from the meta
      "window" of garden-parse, else from the clusters' first and last seen.

      CONFIG (--config FILE, JSON; unknown keys are errors, keys starting with "_" are comments;
      an invalid file stops with status 65 and names the key):
        rules               [{name, priority P0-P3, says, label?, min_severity? (WARNING+),
                              contains?, regex?, error_types?, fingerprints?, startup? (bool)}]
                            added to the built-ins; the same name replaces a built-in
        disable_rules       names of built-in rules to turn off (also import-at-start,
                            critical-component, rising-errors)
        critical_components ["llm_manager", "app.db"]: word sequences matched against services,
                            loggers, modules, files and the message template
        impact              {"llm_manager": "sentence"}: copied to the cluster's "impact" when the
                            component matches
        mutes, expected     [{contains?|regex?|error_types?|fingerprints?, until, reason}]; until is
                            a date (muted through that day, UTC) or an RFC 3339 time
        active_dev          [{contains?|regex?|error_types?|fingerprints?, reason}]
        symptoms            {contains?, regex?, http_status_min? (default 500)}: added symptom signs
        thresholds          rate_per_hour 100, noisy_warnings_per_hour 10, burst_share 0.5,
                            burst_min_events 5, regression_after_hours 24, recent_runs 24,
                            rising_factor 2, falling_factor 0.5, trend_min_events 5,
                            symptom_seconds 60, min_window_hours 1, forget_after_days 90
      Example:
        {"critical_components": ["llm_manager"],
         "impact": {"llm_manager": "Chat cannot answer: the model connection is missing."},
         "rules": [{"name": "payments", "priority": "P1", "contains": ["payment declined"],
                    "min_severity": "ERROR", "says": "customers cannot pay"}],
         "mutes": [{"contains": "SERVICE_ID contained whitespace", "until": "2025-10-01",
                    "reason": "fix scheduled in #398"}],
         "thresholds": {"rate_per_hour": 200}}

      HISTORY (--history FILE, JSON, created with its folder when missing; a corrupt file is an
      error, status 65, unless --reset-history; a file of a newer version asks for an upgrade):
      {"version":1, "last_run":N, "runs":[{"run","now","hours"}],
      "fingerprints":{FP:{"title","aliases","first_seen","last_seen","runs_seen","last_run",
      "recent":[{"run","count"}]}}}. A run takes an exclusive lock on FILE.lock, re-reads the file,
      merges its clusters (folding entries known by an alias into the current fingerprint), and
      replaces the file atomically (temporary file in the same folder, fsync, rename). Runs on
      partial input (an upstream stage did not finish, or its meta record says complete: false,
      as after a truncated export) do not update it. Fingerprints unseen for forget_after_days
      are dropped.
      """
    return t
  }

  /// Wraps a comma-separated list at 100 columns, breaking only between items.
  static func wrap(_ items: [String], indent: Int) -> String {
    let pad = String(repeating: " ", count: indent)
    var lines: [String] = []
    var line = pad
    for (i, item) in items.enumerated() {
      let piece = item + (i < items.count - 1 ? "," : "")
      if line.count > indent, line.count + piece.count + 1 > 100 {
        lines.append(line)
        line = pad
      }
      line += (line.count > indent ? " " : "") + piece
    }
    if line.count > indent { lines.append(line) }
    return lines.joined(separator: "\n")
  }
}
