import GardenKit

StageMain.run(spec: IssuesSpec.spec) { args, diagnostics in
  try IssuesStage(args: args, diagnostics: diagnostics).run()
}
