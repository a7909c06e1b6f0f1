import GardenKit
// Placeholder until the stage lands in this walking skeleton.
