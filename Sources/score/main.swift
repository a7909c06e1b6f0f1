// garden-score: priority, category, health and trend for each cluster. See ScoreStage.
import GardenKit

StageMain.run(spec: ScoreStage.spec) { args, diagnostics in
  try ScoreStage.run(args, diagnostics)
}
