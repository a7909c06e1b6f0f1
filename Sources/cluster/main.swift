import GardenKit

StageMain.run(spec: ClusterStage.spec) { args, diagnostics in
  try ClusterStage(args: args, diagnostics: diagnostics).run()
}
