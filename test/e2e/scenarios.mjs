// All E2E scenarios, in the order they run: the user's debugging path first, then the rest.
import { debuggingScenarios } from './scenarios-debugging.mjs'
import { robustnessScenarios } from './scenarios-robustness.mjs'
import { timeTravelScenarios } from './scenarios-time-travel.mjs'

export const scenarios = [...debuggingScenarios, ...timeTravelScenarios, ...robustnessScenarios]
