// All E2E scenarios, in the order they run: the user's debugging path first, then the rest.
import { chaosScenarios } from './scenarios-chaos.mjs'
import { debuggingScenarios } from './scenarios-debugging.mjs'
import { editRerunScenarios } from './scenarios-edit-rerun.mjs'
import { editorFitScenarios } from './scenarios-editor-fit.mjs'
import { keyboardScenarios } from './scenarios-keyboard.mjs'
import { longValueScenarios } from './scenarios-long-values.mjs'
import { narrowScenarios } from './scenarios-narrow.mjs'
import { panelScenarios } from './scenarios-panels.mjs'
import { pythonEditorScenarios } from './scenarios-python-editor.mjs'
import { pythonPasteScenarios } from './scenarios-python-paste.mjs'
import { pythonScenarios } from './scenarios-python.mjs'
import { consoleScenarios } from './scenarios-console.mjs'
import { robustnessScenarios } from './scenarios-robustness.mjs'
import { timeTravelScenarios } from './scenarios-time-travel.mjs'
import { traceScenarios } from './scenarios-trace.mjs'
import { uxScenarios } from './scenarios-ux.mjs'
import { watchLateScenarios, watchScenarios } from './scenarios-watch.mjs'
import { watchdogScenarios } from './scenarios-watchdog.mjs'
import { watchThisScenarios } from './scenarios-watch-this.mjs'
import { outputLogScenarios } from './scenarios-output-log.mjs'
import { jobFieldsScenarios } from './scenarios-job-fields.mjs'
import { notUtf8Scenarios } from './scenarios-not-utf8.mjs'
import { dbg36Scenarios } from './scenarios-dbg36.mjs'
import { py36Scenarios } from './scenarios-py36.mjs'
import { app36Scenarios } from './scenarios-app36.mjs'
import { sp37Scenarios } from './scenarios-sp37.mjs'
import { sp38Scenarios } from './scenarios-sp38.mjs'
import { sec38Scenarios } from './scenarios-sec38.mjs'
import { ui38Scenarios } from './scenarios-ui38.mjs'
import { user39Scenarios } from './scenarios-user39.mjs'

// The console check stays last of the original list, after the chaos scenarios; scenarios added later go after it.
// The Python job scenarios leave a .py job in the editor, so they run after those that edit the TypeScript seed.
export const scenarios = [...debuggingScenarios, ...timeTravelScenarios, ...traceScenarios, ...editRerunScenarios, ...pythonEditorScenarios,
  ...robustnessScenarios.slice(0, -1), ...chaosScenarios, ...uxScenarios, ...panelScenarios, ...narrowScenarios, ...longValueScenarios, ...keyboardScenarios, ...pythonScenarios, ...consoleScenarios, ...robustnessScenarios.slice(-1),
  ...watchScenarios, ...editorFitScenarios, ...watchdogScenarios, ...watchThisScenarios, ...watchLateScenarios, ...pythonPasteScenarios, ...outputLogScenarios, ...jobFieldsScenarios, ...notUtf8Scenarios, ...dbg36Scenarios, ...app36Scenarios, ...sp37Scenarios, ...sp38Scenarios, ...sec38Scenarios, ...ui38Scenarios, ...py36Scenarios, ...user39Scenarios]
