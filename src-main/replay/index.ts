// The replay module's public surface: open, scan and index recordings.
export { openRecording, DEFAULT_BATCH, MAX_LISTED_BAD_LINES } from './recording-reader'
export type {
  RecordingItem, RecordingPosition, RecordingReader, OpenRecordingOptions, RecordingFormat,
} from './recording-types'
export { RecordingError, type RecordingErrorCode } from './recording-error'
export { scanRecording, buildLineIndex, recordTimestamp } from './scan-recording'
export type { RecordingScan, ScanProgress, ScanOptions } from './scan-recording'
