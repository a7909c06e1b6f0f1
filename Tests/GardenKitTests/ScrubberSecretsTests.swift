import GardenKit
import XCTest

/// Canaries are assembled at run time from pieces so that no complete token shape sits in the
/// source (secret scanners on the repository stay quiet) and none of them ends in EXAMPLE.
enum Canary {
  static let alnum36 = "Zq3Xv9Lm2Rt8Wp4Ks7Hd1Fg6Jb5Nc0Ya2Ue9"
  static let github = "gh" + "p_" + alnum36
  static let githubServer = "gh" + "s_" + alnum36
  static let githubFineGrained =
    "github" + "_pat_" + "11ABCDEFG0123456789abc" + "_" + String(repeating: "xY7", count: 20)
  static let gitlab = "gl" + "pat-" + "aB3dE5gH7jK9mN1pQ3sT"
  static let awsAccess = "AK" + "IA" + "QWERTYUI2345ABCD"
  static let awsTemporary = "AS" + "IA" + "ZXCVBNM234567QWE"
  static let awsSecretValue = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "q9Zt3Lm2Rt"
  static let googleKey = "AI" + "za" + "SyD4x9Lm2Rt8Wp4Ks7Hd1Fg6Jb5Nc0Ya2Ue"
  static let googleOAuth = "ya" + "29." + "a0AfH6SMBx9Lm2Rt8Wp4Ks7Hd1Fg6Jb5Nc0Ya2Ue9"
  static let googleRefresh = "1" + "//" + "0gLm2Rt8Wp4Ks7Hd1Fg6Jb5Nc0Ya2"
  static let googleClientSecret = "GOC" + "SPX-" + "Lm2Rt8Wp4Ks7Hd1Fg6Jb5Nc0Ya2U"
  static let slack = "xo" + "xb-" + "1234567890123-1234567890123-Lm2Rt8Wp4Ks7Hd1Fg6Jb5Nc0"
  static let slackHook =
    "hooks.slack.com/services/" + "T00000000/B00000000/" + "Lm2Rt8Wp4Ks7Hd1Fg6Jb5Nc0"
  static let stripe = "sk" + "_live_" + "4eC39HqLyjWDarjtT1zdp7dc"
  static let stripeRestricted = "rk" + "_test_" + "4eC39HqLyjWDarjtT1zdp7dc"
  static let stripePublishable = "pk" + "_live_" + "4eC39HqLyjWDarjtT1zdp7dc"
  static let sendgrid =
    "SG" + "." + "aB3dE5gH7jK9mN1pQ3sT5v" + "." + String(repeating: "Lm2Rt8Wp4", count: 5)
  static let npm = "np" + "m_" + alnum36
  static let openAI = "sk" + "-proj-" + "Lm2Rt8Wp4Ks7Hd1Fg6Jb5Nc0Ya2Ue9"
  static let anthropic = "sk" + "-ant-api03-" + "Lm2Rt8Wp4Ks7Hd1Fg6Jb5Nc0Ya2Ue9Zq3Xv9"
  static let vault = "hv" + "s." + String(repeating: "Lm2Rt8Wp4Ks7Hd1Fg6Jb5Nc0Ya2Ue9", count: 4)
  static let jwt =
    "ey" + "JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" + ".ey"
    + "JzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvZSJ9"
    + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
  static let pemBody =
    "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\nLm2Rt8Wp4Ks7Hd1Fg6Jb5Nc0Ya2Ue9Zq3Xv9+/=="
  static let pem =
    "-----BEGIN " + "PRIVATE KEY-----\n" + pemBody + "\n-----END " + "PRIVATE KEY-----"
}

final class ScrubberSecretsTests: XCTestCase {
  let scrubber = Scrubber()

  func scrub(_ s: String) -> String { scrubber.scrub(s) }

  func testGitHubTokens() {
    XCTAssertEqual(
      scrub("push failed with \(Canary.github) for repo"),
      "push failed with <github-token> for repo")
    XCTAssertEqual(scrub("GITHUB_TOKEN=\(Canary.githubServer)"), "GITHUB_TOKEN=<github-token>")
    XCTAssertEqual(scrub("auth \(Canary.githubFineGrained)."), "auth <github-token>.")
    XCTAssertEqual(
      scrub("clone https://x-access-token:\(Canary.githubServer)@github.com/o/r"),
      "clone https://x-access-token:<github-token>@github.com/o/r")
    // A 40-hex commit SHA and a short ghp_ word are not tokens.
    let sha = "checkout 3f786850e387550fdab836ed7e6dc881de23001b done; ghp_short"
    XCTAssertEqual(scrub(sha), sha)
  }

  func testGitLabToken() {
    XCTAssertEqual(scrub("token \(Canary.gitlab) rejected"), "token <gitlab-token> rejected")
    XCTAssertEqual(scrub("glpat-short"), "glpat-short")
  }

  func testAWSAccessKey() {
    XCTAssertEqual(
      scrub("key id \(Canary.awsAccess) and \(Canary.awsTemporary)"),
      "key id <aws-access-key> and <aws-access-key>")
    // Wrong length or base32-impossible digits: not a key id.
    let near = "AKIA1234 AKIAQWERTYUI2345ABCDE AKIAQWERTYUI0189ABCD"
    XCTAssertEqual(scrub(near), near)
  }

  func testAWSSecretKeyNeedsItsKeyName() {
    XCTAssertEqual(
      scrub("aws_secret_access_key = \(Canary.awsSecretValue)"),
      "aws_secret_access_key = <aws-secret-key>")
    XCTAssertEqual(
      scrub("AWS_SECRET_ACCESS_KEY=\"\(Canary.awsSecretValue)\""),
      "AWS_SECRET_ACCESS_KEY=\"<aws-secret-key>\"")
    let bare = "object \(Canary.awsSecretValue) uploaded"
    XCTAssertEqual(scrub(bare), bare)
  }

  func testGoogleCredentials() {
    XCTAssertEqual(
      scrub("GET /maps?key=\(Canary.googleKey) 403"), "GET /maps?key=<google-api-key> 403")
    XCTAssertEqual(scrub("token \(Canary.googleOAuth)."), "token <google-oauth-token>.")
    XCTAssertEqual(scrub("refresh=\(Canary.googleRefresh)"), "refresh=<google-oauth-token>")
    XCTAssertEqual(scrub("secret \(Canary.googleClientSecret)"), "secret <google-client-secret>")
    let near = "AIzaShort ya29.x 1//short"
    XCTAssertEqual(scrub(near), near)
  }

  func testPrivateKeyBlocks() {
    XCTAssertEqual(scrub("loaded key: \(Canary.pem) ok"), "loaded key: <private-key> ok")
    // Service-account JSON with escaped newlines.
    let json =
      #"{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADAN\nBgkqhkiG9w0==\n-----END PRIVATE KEY-----\n", "client_email": "x"}"#
    XCTAssertEqual(
      scrub(json),
      #"{"type": "service_account", "private_key": "<private-key>\n", "client_email": "x"}"#)
    // Cut off before END: everything from BEGIN to the end of the body goes.
    XCTAssertEqual(
      scrub("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7Lm2Rt8Wp4Ks7"), "<private-key>")
    // Certificates and public keys are not secret.
    let cert =
      "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa\n-----END CERTIFICATE-----"
    XCTAssertEqual(scrub(cert), cert)
  }

  func testJWT() {
    XCTAssertEqual(scrub("id_token=\(Canary.jwt)&x=1"), "id_token=<jwt>&x=1")
    XCTAssertEqual(scrub("jwt \(Canary.jwt) expired"), "jwt <jwt> expired")
    let near = "eyJhbGciOiJIUzI1NiJ9 alone, and eyeballs.eyebrows.eyelids"
    XCTAssertEqual(scrub(near), near)
  }

  func testSlackTokensAndWebhooks() {
    XCTAssertEqual(scrub("bot \(Canary.slack) posted"), "bot <slack-token> posted")
    XCTAssertEqual(
      scrub("POST https://\(Canary.slackHook) 404"), "POST https://<slack-webhook> 404")
    XCTAssertEqual(scrub("xoxb-123"), "xoxb-123")
  }

  func testStripeKeys() {
    XCTAssertEqual(
      scrub("stripe \(Canary.stripe) \(Canary.stripeRestricted)"),
      "stripe <stripe-key> <stripe-key>")
    // Publishable keys are public by design.
    XCTAssertEqual(scrub("pk \(Canary.stripePublishable)"), "pk \(Canary.stripePublishable)")
  }

  func testOtherVendorTokens() {
    XCTAssertEqual(scrub("\(Canary.sendgrid) \(Canary.npm)"), "<sendgrid-key> <npm-token>")
    XCTAssertEqual(
      scrub("\(Canary.openAI) \(Canary.anthropic) \(Canary.vault)"),
      "<openai-key> <anthropic-key> <vault-token>")
    let near = "sk-learn-model-selection-helper sk-proj SG.x npm_install"
    XCTAssertEqual(scrub(near), near)
  }

  func testAuthorizationHeaders() {
    XCTAssertEqual(
      scrub("Authorization: Bearer abc.DEF-123_xyz~+/="), "Authorization: Bearer <bearer-token>")
    XCTAssertEqual(
      scrub("authorization: Basic dXNlcjpwYXNzd29yZA=="), "authorization: Basic <basic-auth>")
    XCTAssertEqual(
      scrub(#"{"Authorization":"Bearer \#(Canary.jwt)"}"#), #"{"Authorization":"Bearer <jwt>"}"#)
    XCTAssertEqual(
      scrub("curl -H 'Authorization: token \(Canary.github)'"),
      "curl -H 'Authorization: token <github-token>'")
    XCTAssertEqual(
      scrub("sent bearer 9f8e7d6c5b4a3210 upstream"), "sent bearer <bearer-token> upstream")
    XCTAssertEqual(
      scrub("Authorization: Digest username=\"u\", response=\"6629fae4\""),
      "Authorization: Digest <secret>")
    // The scheme name alone, or prose about bearer tokens, is not a credential.
    let near = "token_type=Bearer; missing Bearer token in request"
    XCTAssertEqual(scrub(near), near)
  }

  func testURLPasswordsKeepUserAndHost() {
    XCTAssertEqual(
      scrub("connect postgres://app:s3cr3t!@db.internal:5432/orders"),
      "connect postgres://app:<password>@db.internal:5432/orders")
    XCTAssertEqual(scrub("redis://:hunter2@cache:6379"), "redis://:<password>@cache:6379")
    // User without password stays: ssh://git@host is an address, not a credential.
    XCTAssertEqual(
      scrub("fetch ssh://git@github.com/o/r.git"), "fetch ssh://git@github.com/o/r.git")
  }

  func testKeyValueSecrets() {
    XCTAssertEqual(scrub("login password=hunter2 user=bob"), "login password=<password> user=bob")
    XCTAssertEqual(
      scrub(#"{"password": "p@ss word", "user": "bob"}"#),
      #"{"password": "<password>", "user": "bob"}"#)
    XCTAssertEqual(
      scrub("DB_PASSWD: 'x9!kk' PGPASSWORD=abc"), "DB_PASSWD: '<password>' PGPASSWORD=<password>")
    XCTAssertEqual(
      scrub("client_secret=Zq3Xv9Lm2R api_key: Lm2Rt8Wp4K"),
      "client_secret=<secret> api_key: <secret>")
    XCTAssertEqual(scrub("X-Api-Key: abcdef123456"), "X-Api-Key: <secret>")
    XCTAssertEqual(scrub("githubToken => 'abcdefgh12345'"), "githubToken => '<token>'")
    XCTAssertEqual(
      scrub(#"msg={\"access_token\":\"abcd1234efgh\"}"#), #"msg={\"access_token\":\"<token>\"}"#)
    XCTAssertEqual(scrub("Set-Cookie: session=abc123; Path=/; HttpOnly"), "Set-Cookie: <cookie>")
  }

  /// Basic-auth options of curl and the like, and `pass` as a quoted key (a Python dict or JSON).
  func testUserOptionPasswordsAndQuotedPassKeys() {
    XCTAssertEqual(
      scrub("curl -u admin:S3cretPw9 https://api.example"),
      "curl -u admin:<password> https://api.example")
    XCTAssertEqual(
      scrub("wget --user=deploy:hunter2x --quiet"), "wget --user=deploy:<password> --quiet")
    XCTAssertEqual(scrub("curl --user admin:pw9 -X POST"), "curl --user admin:<password> -X POST")
    XCTAssertEqual(scrub("cfg {'pass': 'S3cretPw9'}"), "cfg {'pass': '<password>'}")
    XCTAssertEqual(scrub(#"{"pass": "S3cretPw9"}"#), #"{"pass": "<password>"}"#)
    // Not passwords: user and group ids, the same name twice, a count, prose, a time.
    for line in [
      "docker run -u 1000:1000 image", "docker run --user app:app image", "'pass': 5",
      "pass=3 of 5", "the run-u step took 12:30", "at 12:30:00 -u x",
    ] {
      XCTAssertEqual(scrub(line), line, line)
    }
  }

  /// A password given as the argument after `--password` (a command line in a log), when it looks
  /// like one; the option's name in prose and placeholders stay.
  func testPasswordOptionArguments() {
    XCTAssertEqual(
      scrub("mysql --password S3cretPw9 -h db"), "mysql --password <password> -h db")
    XCTAssertEqual(scrub("tool --PASSWORD Tr0ub4dor&3 x"), "tool --PASSWORD <password> x")
    XCTAssertEqual(scrub("login --passwd hunter2"), "login --passwd <password>")
    for line in [
      "error: --password is required", "mysql --password --user root",
      "x --password-file /etc/p", "run --password $DB_PASS", "a--password S3cret9",
    ] {
      XCTAssertEqual(scrub(line), line, line)
    }
  }

  func testKeyValueNearMisses() {
    let near = [
      "token_count=5 max_tokens: 4096 tokenizer=bert-base-uncased",
      "secret_name=db-creds partition_key=user:42 cache key=abc",
      "Failed password for root from port 22",
      "refresh token: expired; password: incorrect",
      "password=${DB_PASSWORD} secret={{ vault }} token=%s api_key=null password=****",
      "if token == other_token and password != ''",
      "wtoken = AppWindowToken{9f4ef63 token=Token{a64f992}} auth=AuthProvider(x)",
    ]
    for line in near { XCTAssertEqual(scrub(line), line, line) }
  }

  func testQueryStringSecrets() {
    XCTAssertEqual(
      scrub("GET /cb?code=4/0AfJohXn8abc&state=xyz&token=abcdefgh123 200"),
      "GET /cb?code=<token>&state=xyz&token=<token> 200")
    XCTAssertEqual(
      scrub(
        "https://storage.googleapis.com/b/o?X-Goog-Credential=sa%2F2024&X-Goog-Signature=9f8e7d6c5b4a"
      ),
      "https://storage.googleapis.com/b/o?X-Goog-Credential=<secret>&X-Goog-Signature=<secret>")
    XCTAssertEqual(scrub("/search?key=abc12345&page=2"), "/search?key=<token>&page=2")
    XCTAssertEqual(scrub("/search?q=key&page=2"), "/search?q=key&page=2")
  }

  func testSecretScanReportsKindsOnly() {
    let body =
      "see \(Canary.github) and \(Canary.awsAccess); mail bob@example.com; card 4111 1111 1111 1111"
    XCTAssertEqual(SecretScan.findings(in: body), ["aws-access-key", "card", "github-token"])
    XCTAssertEqual(SecretScan.findings(in: Scrubber().scrub(body)), [])
    XCTAssertEqual(
      SecretScan.findings(in: "git@github.com, 10.0.0.1, +14155550123, <password>"), [])
    XCTAssertEqual(SecretScan.findings(in: "key:\n" + Canary.pem), ["private-key"])
  }

  func testRulesSelectKinds() {
    let onlyEmail = Scrubber(rules: ScrubRules(kinds: [.email]))
    XCTAssertEqual(onlyEmail.scrub("a@b.io \(Canary.github)"), "<email> \(Canary.github)")
    let strict = Scrubber(rules: ScrubRules(keepsLocalAddresses: false))
    XCTAssertEqual(strict.scrub("127.0.0.1 ::1"), "<ipv4> <ipv6>")
    XCTAssertEqual(scrubber.scrub("127.0.0.1 ::1 0.0.0.0:80"), "127.0.0.1 ::1 0.0.0.0:80")
  }
}

final class ScrubberKeyedValueTests: XCTestCase {
  let scrubber = Scrubber()

  func testKeyNamingASecretHidesTheWholeValue() {
    XCTAssertEqual(scrubber.scrub("hunter2", key: "password"), "<password>")
    XCTAssertEqual(scrubber.scrub("Tr0ub4dor&3 x", key: "DB_PASSWORD"), "<password>")
    XCTAssertEqual(scrubber.scrub("abcd1234efgh", key: "X-Auth-Token"), "<token>")
    XCTAssertEqual(scrubber.scrub("k-123456789", key: "stripe.apiKey"), "<secret>")
    XCTAssertEqual(scrubber.scrub("sid=1", key: "Cookie"), "<cookie>")
    XCTAssertEqual(scrubber.scrub("Tr0ub4dor&3", key: "db_pass"), "<password>")
  }

  func testCompoundPassKeysInText() {
    XCTAssertEqual(
      scrubber.scrub("connect DB_PASS=Tr0ub4dor3 now"), "connect DB_PASS=<password> now")
    XCTAssertEqual(scrubber.scrub("pass=3 of 5"), "pass=3 of 5", "a bare 'pass' is not a password")
  }

  func testOtherKeysAndPlaceholdersKeepTheirValue() {
    XCTAssertEqual(scrubber.scrub("12345678", key: "token_count"), "12345678")
    XCTAssertEqual(scrubber.scrub("svc-api", key: "secret_name"), "svc-api")
    XCTAssertEqual(scrubber.scrub("${DB_PASS}", key: "password"), "${DB_PASS}")
    XCTAssertEqual(scrubber.scrub("****", key: "password"), "****")
    XCTAssertEqual(scrubber.scrub("", key: "password"), "")
    XCTAssertEqual(scrubber.scrub("short", key: "token"), "short", "too short for a token")
    XCTAssertEqual(scrubber.scrub("mail bob@example.com", key: "note"), "mail <email>")
  }
}
