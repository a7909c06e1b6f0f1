// garden-render: the worklog of a run. Everything is in RenderStage.
import GardenKit

StageMain.run(spec: RenderStage.spec) { args, diagnostics in
  try RenderStage.run(args, diagnostics)
}
