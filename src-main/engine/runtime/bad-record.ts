// A record the run finds bad after the reader let it through: its assigned timestamp cannot be one
// (time/timestamp-range.ts). Thrown by the assigner, caught where the driver takes the record from the
// recording, and handed to the reader as a bad line of that record's line (skipped or BAD_LINE).
export class BadRecordError extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = 'BadRecordError'
  }
}
