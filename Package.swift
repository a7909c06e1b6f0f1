// swift-tools-version:6.0
// Log Gardener: a pipeline of small Unix filters that turn Cloud Logging exports into a worklog.
// One shared library (GardenKit) and five stage executables, garden-<stage>.
import PackageDescription

let stages = ["parse", "cluster", "score", "issues", "render"]

func moduleName(_ stage: String) -> String { "Garden" + stage.prefix(1).uppercased() + stage.dropFirst() }

let package = Package(
  name: "log-gardener",
  products: stages.map { .executable(name: "garden-\($0)", targets: [moduleName($0)]) }
    + [.library(name: "GardenKit", targets: ["GardenKit"])],
  targets: [
    .target(name: "GardenKit", path: "Sources/GardenKit")
  ]
    + stages.map {
      .executableTarget(name: moduleName($0), dependencies: ["GardenKit"], path: "Sources/\($0)")
    }
    + [
      .testTarget(name: "GardenKitTests", dependencies: ["GardenKit"], path: "Tests/GardenKitTests"),
      .testTarget(
        name: "ParseTests", dependencies: ["GardenParse", "GardenKit"], path: "Tests/ParseTests", exclude: ["Golden"]),
      .testTarget(name: "ClusterTests", dependencies: ["GardenCluster", "GardenKit"], path: "Tests/ClusterTests"),
      .testTarget(
        name: "ScoreTests", dependencies: ["GardenScore", "GardenKit"], path: "Tests/ScoreTests", exclude: ["Fixtures"]),
      .testTarget(name: "IssuesTests", dependencies: ["GardenIssues", "GardenKit"], path: "Tests/IssuesTests"),
      .testTarget(
        name: "RenderTests", dependencies: ["GardenRender", "GardenKit"], path: "Tests/RenderTests", exclude: ["Fixtures"]),
      .testTarget(name: "EndToEndTests", dependencies: ["GardenKit"], path: "Tests/EndToEndTests"),
    ],
  // Swift 5 language mode: the stages are single-threaded filters, and strict concurrency checking of
  // C globals such as stderr would add noise without catching real races here.
  swiftLanguageModes: [.v5]
)
