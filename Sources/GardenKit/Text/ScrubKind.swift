// The kinds of sensitive data the scrubber recognises, and the placeholder each one leaves behind.
// Detection itself lives in ScrubScanner; this file only names things.

/// One kind of secret or personal datum. `rawValue` is the placeholder name: the scrubber writes
/// `<` + rawValue + `>` in place of the datum, e.g. `<github-token>`, so a reader still knows what
/// was there and two values of the same kind give the same template.
public enum ScrubKind: String, CaseIterable, Comparable, Sendable {
  // Credentials with a recognisable shape (prefix or structure).
  /// GitHub tokens: `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`.
  case githubToken = "github-token"
  /// GitLab tokens: `glpat-`, `gldt-`, `glrt-`, `glptt-`.
  case gitlabToken = "gitlab-token"
  /// AWS access key ids: `AKIA`, `ASIA`, `ABIA`, `ACCA`, `A3T?` followed by 16 base32 characters.
  case awsAccessKey = "aws-access-key"
  /// AWS secret access keys, recognised only as the value of a key such as `aws_secret_access_key`.
  case awsSecretKey = "aws-secret-key"
  /// Google API keys: `AIza` followed by 35 characters.
  case googleAPIKey = "google-api-key"
  /// Google OAuth access (`ya29.`) and refresh (`1//`) tokens.
  case googleOAuthToken = "google-oauth-token"
  /// Google OAuth client secrets: `GOCSPX-`.
  case googleClientSecret = "google-client-secret"
  /// PEM private keys (RSA, EC, OpenSSH, PGP, PKCS#8 as in GCP service-account JSON), with or
  /// without their END line.
  case privateKey = "private-key"
  /// JSON Web Tokens: two base64url segments starting `ey` and an optional signature.
  case jwt = "jwt"
  /// Slack tokens: `xoxb-`, `xoxp-`, `xoxa-`, `xoxr-`, `xoxs-`, `xoxo-`, `xoxe-`, `xapp-`.
  case slackToken = "slack-token"
  /// Slack incoming-webhook paths: `hooks.slack.com/services/…` (also workflows, triggers).
  case slackWebhook = "slack-webhook"
  /// Stripe secret and restricted keys (`sk_live_`, `rk_test_`, …) and webhook secrets (`whsec_`).
  /// Publishable keys (`pk_…`) are public by design and are kept.
  case stripeKey = "stripe-key"
  /// SendGrid API keys: `SG.<22>.<43>`.
  case sendgridKey = "sendgrid-key"
  /// npm access tokens: `npm_`.
  case npmToken = "npm-token"
  /// PyPI upload tokens: `pypi-AgEIcHlwaS5vcmc…`.
  case pypiToken = "pypi-token"
  /// OpenAI keys: `sk-proj-`, `sk-svcacct-`, `sk-admin-`, and legacy `sk-` + 20+ mixed characters.
  case openAIKey = "openai-key"
  /// Anthropic keys: `sk-ant-`.
  case anthropicKey = "anthropic-key"
  /// HashiCorp Vault tokens: `hvs.`, `hvb.`.
  case vaultToken = "vault-token"

  // Credentials recognised by their context.
  /// The credential after `Bearer` (in an `Authorization` header or on its own).
  case bearerToken = "bearer-token"
  /// The credential after `Authorization: Basic`.
  case basicAuth = "basic-auth"
  /// Values of password-like keys (`password=`, `"passwd": "…"`, `DB_PWD:`) and the password part
  /// of a URL's user-info (`postgres://app:<password>@db`).
  case password = "password"
  /// Values of secret-like keys (`client_secret`, `api_key`, `X-Api-Key:`, `private_key`,
  /// `credentials`, `signature`, `X-Goog-Signature`, `sig`).
  case secret = "secret"
  /// Values of token-like keys (`token`, `access_token`, `refresh_token`, `session_id`, `auth`,
  /// `Authorization: <scheme-less value>`) and OAuth `code`/`key` query parameters.
  case token = "token"
  /// The whole value of a `Cookie:` or `Set-Cookie:` header.
  case cookie = "cookie"

  // Personal data.
  /// Payment card numbers: 13–19 digits (optionally grouped by spaces or dashes) with a known
  /// issuer prefix and a valid Luhn check digit.
  case card = "card"
  /// Email addresses, also with `%40` for `@`.
  case email = "email"
  /// IPv4 addresses (a port after them is kept).
  case ipv4 = "ipv4"
  /// IPv6 addresses, compressed or full, with an optional zone or embedded IPv4 tail.
  case ipv6 = "ipv6"
  /// Phone numbers: E.164 (`+14155550123`, `+44 20 7946 0958`), North-American
  /// `(415) 555-0123` / `415-555-0123` / `415.555.0123`, and values of `phone`/`tel`/`mobile` keys.
  case phone = "phone"

  /// The text written in place of a datum of this kind, e.g. `<email>`.
  public var placeholder: String { "<" + rawValue + ">" }

  /// True for credentials (and card numbers): kinds that must never be posted anywhere.
  /// Addresses and phone numbers are personal data but not secrets.
  public var isSecret: Bool {
    switch self {
    case .email, .ipv4, .ipv6, .phone: false
    default: true
    }
  }

  /// `placeholder` as UTF-8, for the scrubber's output loop.
  var placeholderUTF8: String.UTF8View { placeholder.utf8 }

  /// All kinds in declaration order; a kind's index here is its bit in a kind mask.
  static let ordered = allCases

  /// This kind's bit in a kind mask (fewer than 64 kinds).
  var bit: UInt64 { UInt64(1) << UInt64(Self.ordered.firstIndex(of: self) ?? 63) }

  /// Orders kinds by placeholder name, so lists of kinds print deterministically.
  public static func < (lhs: ScrubKind, rhs: ScrubKind) -> Bool { lhs.rawValue < rhs.rawValue }
}
