// The fail-closed check run on a final issue title or body just before it is posted.

/// Reports credentials still present in a text, for the last check before anything is posted
/// to GitHub: a non-empty result means "do not post". Uses the scrubber's detectors restricted
/// to secret kinds (`ScrubKind.isSecret`: credentials and card numbers). Emails, addresses and
/// phone numbers are not reported: a rendered body may mention `git@github.com` legitimately,
/// and they were scrubbed upstream anyway. Placeholders such as `<github-token>` are not findings.
public enum SecretScan {
  private static let scrubber = Scrubber(rules: .secretsOnly)

  /// Placeholder names (`"github-token"`, `"private-key"`) of the secret kinds found in `text`,
  /// each once, sorted. Never the secret values themselves, so the result is safe to log.
  public static func findings(in text: String) -> [String] {
    scrubber.kinds(in: text).map(\.rawValue)
  }
}
