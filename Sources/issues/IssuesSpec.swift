// The command line of garden-issues: options, examples and exit statuses (rendered by --help).
import GardenKit

enum IssuesSpec {
  static let spec = StageSpec(
    program: "garden-issues",
    abstract:
      "match scored clusters to GitHub issues: update, reopen, create or none (dry run unless --apply)",
    synopsis: "(--issues-file FILE | --repo OWNER/NAME) [OPTIONS] [FILE ...]",
    discussion: """
      Reads the NDJSON stream of garden-score (clusters with priority) and writes it back with an
      `issue` decision on every cluster, then its own meta record. Existing issues come from
      --issues-file (gh issue list --json … or gh api output) or from the repository through gh,
      open and closed alike. Our issues carry a hidden marker with the fingerprint and its aliases;
      issues written by people are matched by similarity and acted on only when the match is strong.
      Without --apply nothing is written: the plan is printed on stderr. docs/issues.md has details.
      """,
    options: [
      OptionSpec(
        "issues-file", value: "FILE",
        help: "Existing issues as JSON (gh issue list --json or gh api REST form)."),
      OptionSpec(
        "repo", value: "OWNER/NAME",
        help: "Repository to list (and with --apply, write) through gh."),
      OptionSpec("gh", value: "PATH", help: "The gh executable.", default: "gh on PATH"),
      OptionSpec(
        "list-limit", value: "N",
        help:
          "--limit for gh issue list (a listing that reaches it is incomplete); with --issues-file, the limit the file was listed with.",
        default: "5000; 30 assumed for a file"),
      OptionSpec(
        "label", value: "NAME",
        help: "Label of the issues this tool files; markers are trusted only on issues with it.",
        default: "log-gardener"),
      OptionSpec(
        "muted-label", value: "NAME", help: "An issue with this label is never acted on.",
        default: "log-gardener:muted, wontfix", repeatable: true),
      OptionSpec(
        "min-priority", value: "P",
        help: "Lowest priority acted on (P0…P9); P3 noise is reported in the worklog, not filed.",
        default: "P2"),
      OptionSpec(
        "signature-threshold", value: "X",
        help: "Tier 1: template word Jaccard needed to take our issue with the same key.",
        default: "0.7"),
      OptionSpec(
        "match-threshold", value: "X",
        help: "Tier 2: similarity at which a person's issue is updated.", default: "0.65"),
      OptionSpec(
        "related-threshold", value: "X",
        help: "Tier 2: similarity at which an issue is listed as related.", default: "0.35"),
      OptionSpec(
        "reopen-grace", value: "SECONDS",
        help: "Events this soon after an issue was closed do not reopen it.", default: "600"),
      OptionSpec("apply", help: "Perform the decisions with gh (needs --repo and --ledger)."),
      OptionSpec(
        "ledger", value: "FILE",
        help: "JSON record of writes done; a lock is taken on FILE.lock with --apply."),
      OptionSpec(
        "lock-timeout", value: "SECONDS",
        help: "How long to wait for another run's lock before exiting 75.", default: "60"),
      OptionSpec("max-creates", value: "N", help: "Most issues created per run.", default: "10"),
      OptionSpec(
        "max-comments", value: "N", help: "Most comments (and reopens) per run.", default: "30"),
      OptionSpec("pause-ms", value: "MS", help: "Pause between writes.", default: "1000"),
      OptionSpec(
        "backoff-ms", value: "MS",
        help: "First wait after a rate-limit error (doubles each retry).", default: "60000"),
      OptionSpec("retries", value: "N", help: "Retries of a rate-limited write.", default: "2"),
      OptionSpec("no-preview", help: "Leave out the issue_title / issue_body preview fields."),
      OptionSpec(
        "rejects", value: "FILE",
        help: "Write rejected input lines here, whole and scrubbed, as NDJSON."),
    ],
    examples: [
      (
        "Plan against a saved listing (dry run)",
        "garden-issues --issues-file issues.json scored.ndjson"
      ),
      (
        "Plan against the live repository",
        "garden-score clusters.ndjson | garden-issues --repo acme/llm-backend"
      ),
      (
        "Do it, with state kept between runs",
        "garden-issues --repo acme/llm-backend --apply --ledger state/ledger.json scored.ndjson"
      ),
    ],
    exitStatuses: [
      .ok, .rejected, .partial, .usage, .dataError, .noInput, .software, .ioError, .tempFail,
    ])
}
