// Copied unchanged (but for this line) from the project's shared perf/hand-sessionize.js: the no-framework reference loop the bench measures the engine against.
// usage: node hand-sessionize.js FILE.jsonl [e2e|loop] [lazy|eager]  -> the no-framework sessionization limit (30-min gap, 5 s bounded out-of-orderness)
'use strict';
const fs = require('fs');
const file = process.argv[2], scope = process.argv[3] || 'e2e', timers = process.argv[4] || 'lazy';
const GAP = 30 * 60e3, OOO = 5000;

// ---- binary min-heap of (time, key) timers, parallel arrays ----
const hT = [], hK = [];
function hpush(t, k) {
  let i = hT.length; hT.push(t); hK.push(k);
  while (i > 0) { const p = (i - 1) >> 1; if (hT[p] <= t) break; hT[i] = hT[p]; hK[i] = hK[p]; i = p; }
  hT[i] = t; hK[i] = k;
}
function hpop() { // removes root; caller reads hT[0]/hK[0] first
  const t = hT.pop(), k = hK.pop(), n = hT.length; if (n === 0) return;
  let i = 0;
  for (;;) { let c = 2 * i + 1; if (c >= n) break; if (c + 1 < n && hT[c + 1] < hT[c]) c++; if (hT[c] >= t) break; hT[i] = hT[c]; hK[i] = hK[c]; i = c; }
  hT[i] = t; hK[i] = k;
}
// ---- keyed state: Map<user_id, {start,last,count}> ----
const state = new Map();
let sessions = 0, sessEvents = 0, late = 0, maxHeap = 0, maxKeys = 0, wm = -Infinity, maxTs = -Infinity;
function emit(k, s) { sessions++; sessEvents += s.count; /* sink: session record {user,start,end,count} */ }
function fire(upTo) {
  while (hT.length && hT[0] <= upTo) {
    const t = hT[0], k = hK[0]; hpop();
    const s = state.get(k); if (s === undefined) continue;
    const due = s.last + GAP;
    if (due > t) { if (timers === 'lazy') hpush(due, k); continue; }   // lazy: re-arm; eager: stale entry
    emit(k, s); state.delete(k);
  }
}
function onEvent(e) {
  const ts = e.ts, k = e.user_id;
  if (ts > maxTs) { maxTs = ts; const w = maxTs - OOO - 1; if (w > wm) { wm = w; if (hT.length && hT[0] <= wm) fire(wm); } }
  let s = state.get(k);
  if (s !== undefined && ts > s.last + GAP) { emit(k, s); s.start = s.last = ts; s.count = 1; if (timers === 'eager') hpush(ts + GAP, k); return; }
  if (s === undefined) {
    if (ts + GAP <= wm) { late++; return; }
    s = { start: ts, last: ts, count: 1 }; state.set(k, s); hpush(ts + GAP, k);
    if (hT.length > maxHeap) maxHeap = hT.length; if (state.size > maxKeys) maxKeys = state.size;
    return;
  }
  s.count++;
  if (ts < s.start) s.start = ts;
  if (ts > s.last) { s.last = ts; if (timers === 'eager') { hpush(ts + GAP, k); if (hT.length > maxHeap) maxHeap = hT.length; } }
}
function readLines(cb) { // fs.readSync, 4 MiB buffer, one utf8 decode per chunk, indexOf split, JSON.parse
  const fd = fs.openSync(file, 'r'); const B = Buffer.allocUnsafe(4 << 20); let have = 0, n;
  while ((n = fs.readSync(fd, B, have, B.length - have, null)) > 0) {
    const end = have + n, last = B.lastIndexOf(10, end - 1);
    if (last < 0) { have = end; continue; }
    const s = B.toString('utf8', 0, last); let start = 0, p;
    while ((p = s.indexOf('\n', start)) !== -1) { cb(JSON.parse(s.slice(start, p))); start = p + 1; }
    cb(JSON.parse(s.slice(start)));
    B.copy(B, 0, last + 1, end); have = end - last - 1;
  }
  if (have) cb(JSON.parse(B.toString('utf8', 0, have)));
  fs.closeSync(fd);
}
let events = 0, t0;
if (scope === 'loop') {               // pre-parse into memory; time only the keyed loop
  const evs = []; readLines((e) => evs.push(e));
  if (global.gc) global.gc();
  t0 = process.hrtime.bigint();
  for (let i = 0; i < evs.length; i++) onEvent(evs[i]);
  events = evs.length;
} else {
  t0 = process.hrtime.bigint();
  readLines((e) => { events++; onEvent(e); });
}
fire(Infinity);                        // end of input = final watermark
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
if (sessEvents + late !== events) throw new Error('lost events');
console.log(JSON.stringify({ bench: 'session', scope, timers, events, secs: +secs.toFixed(3), eventsPerSec: Math.round(events / secs),
  sessions, late, maxActiveKeys: maxKeys, maxHeap, cpuSec: +((process.cpuUsage().user + process.cpuUsage().system) / 1e6).toFixed(2), maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
