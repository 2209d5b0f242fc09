// The inspector asks the service only for the key pages the list shows (100 rows a page), so a 100 k-key
// list costs one or two requests, and highlights the selected key's states the last step changed.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { KeyPageQuery, OutputView } from '../../../src-main/common/views'
import { setClient } from '../../../src-renderer/src/client'
import { useInspectorStore } from '../../../src-renderer/src/stores/inspector'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { fakeClient, status, type FakeClient } from '../fake-client'

let client: FakeClient
const TOTAL = 100_000

beforeEach(async () => {
  setActivePinia(createPinia())
  client = fakeClient({
    'session.keys': (_id, q) => {
      const { offset, limit } = q as KeyPageQuery
      const items = Array.from({ length: Math.min(limit, TOTAL - offset) }, (_, i) => ({
        operatorId: 'op', key: `k${offset + i}`, keyStr: `"k${offset + i}"`, keyGroup: 0, firstStep: 1, lastTouchedStep: 1, records: 1, stateEntries: 1, timers: 0,
      }))
      return { total: TOTAL, offset, items }
    },
    'session.keyState': () => ({ operatorId: 'op', key: 'k5', keyStr: '"k5"', keyGroup: 1, states: [], timers: [] }),
    'session.timers': () => ({ total: 0, offset: 0, items: [] }),
    'session.outputs': () => ({ total: 0, offset: 0, items: [] }),
    'session.outputTail': () => ({ total: 0, offset: 0, items: [], step: 1 }),
  })
  setClient(client)
  const s = useSessionStore()
  s.sessionId = 's1'
  s.status = status(1)
})

describe('inspector store', () => {
  it('loads only the pages covering the visible rows', async () => {
    const ins = useInspectorStore()
    await ins.ensureRows(0, 30)
    await ins.ensureRows(99_950, 99_990)
    const keyCalls = client.calls.filter((c) => c.name === 'session.keys').map((c) => (c.args[1] as KeyPageQuery).offset)
    expect(keyCalls).toEqual([0, 99_900])
    expect(ins.keyTotal).toBe(TOTAL)
    expect(ins.keyAt(99_989)?.keyStr).toBe('"k99989"')
    expect(ins.keyAt(50_000)).toBeUndefined()
  })

  it('reloads the rows the list shows after a step, even when it is scrolled far from the top', async () => {
    const ins = useInspectorStore()
    await ins.ensureRows(99_950, 99_990)
    await ins.refresh()
    expect(ins.keyAt(99_989)?.keyStr).toBe('"k99989"')
  })

  it('keeps the answer of a page asked for before a refresh out of the refreshed list', async () => {
    const held: Array<() => void> = []
    const answer = client.answers['session.keys']!
    client.answers['session.keys'] = (id, q) => new Promise((ok) => held.push(() => ok(answer(id, q))))
    const ins = useInspectorStore()
    const scrolled = ins.ensureRows(99_950, 99_990)
    const refreshed = ins.refresh()
    while (held.length) held.shift()!()
    await Promise.all([scrolled, refreshed])
    // The refresh asked again for the page in flight, so the rows are there and came from the refresh.
    expect(ins.keyAt(99_989)?.keyStr).toBe('"k99989"')
    expect(client.calls.filter((c) => c.name === 'session.keys')).toHaveLength(2)
  })

  it('sends search and sort to the service rather than filtering locally', async () => {
    const ins = useInspectorStore()
    ins.search = 'k42'
    ins.sort = 'records'
    await ins.refresh()
    expect(client.calls.find((c) => c.name === 'session.keys')!.args[1]).toMatchObject({ search: 'k42', sort: 'records', descending: true })
  })

  it('marks the selected key\'s states that the last step changed', async () => {
    const ins = useInspectorStore()
    const s = useSessionStore()
    s.steps = [{ step: 4, kind: 'record', outputs: [], touchedKeys: ['"k5"'], watermark: 0, processingTime: 0,
      changes: [{ operatorId: 'op', stateName: 'count', keyStr: '"k5"', key: 'k5', before: 1, after: 2 },
        { operatorId: 'op', stateName: 'other', keyStr: '"k6"', key: 'k6', before: 1, after: 2 }] }]
    await ins.selectKey('op', '"k5"')
    expect([...ins.selectedKeyChanges]).toEqual(['count'])
  })

  it('shows the clicked key even when the previous key\'s state answers after it', async () => {
    const held: Array<{ key: string; answer: () => void }> = []
    client.answers['session.keyState'] = (_id, _op, keyStr) => new Promise((ok) => held.push({
      key: keyStr as string, answer: () => ok({ operatorId: 'op', key: '', keyStr, keyGroup: 1, states: [], timers: [] }),
    }))
    const ins = useInspectorStore()
    const older = ins.selectKey('op', '"k1"')
    const clicked = ins.selectKey('op', '"k2"')
    // The service answers the clicked key first, the older read last.
    held.find((h) => h.key === '"k2"')!.answer()
    await clicked
    held.find((h) => h.key === '"k1"')!.answer()
    await older
    expect(ins.keyState?.keyStr).toBe('"k2"')
  })

  it('shows the outputs of the key filter set last even when an unfiltered read answers after it', async () => {
    const held: Array<{ filtered: boolean; answer: () => void }> = []
    client.answers['session.outputTail'] = (_id, _limit, filter) => new Promise((ok) => held.push({
      filtered: filter !== undefined,
      answer: () => ok({ total: filter ? 1 : 5, offset: 0, items: [], step: 5 }),
    }))
    const ins = useInspectorStore()
    const unfiltered = ins.refreshOutputs()
    ins.outputKeyFilter = '"k2"'
    const filtered = ins.refreshOutputs()
    // Answer the filtered read first, the unfiltered one last.
    await vi.waitFor(() => expect(held.some((h) => h.filtered)).toBe(true))
    held.splice(held.findIndex((h) => h.filtered), 1)[0]!.answer()
    await filtered
    while (held.length) { held.shift()!.answer(); await new Promise((r) => setTimeout(r, 0)) }
    await unfiltered
    expect(ins.outputs.total).toBe(1)
  })

  it('shows the newest outputs with the count they belong to when the run moved on between the count and the rows', async () => {
    // As the service answers while a run goes on: between chunks of the run, so the log has grown by the next answer.
    // The first read saw 200,000 outputs, the next 249,999 (the run went on, or was put back after a watchdog stop),
    // and the log said "249,999 outputs (showing the last 300)" over the rows #199,700–#199,999.
    const totals = [200_000, 249_999]
    const nextTotal = (): number => totals.length > 1 ? totals.shift()! : totals[0]!
    const rows = (from: number, to: number): OutputView[] => Array.from({ length: Math.max(0, to - from) }, (_, i) => ({
      seq: from + i, step: from + i + 1, operatorId: 'op', operatorName: 'counter', tag: null, key: 'k', keyStr: '"k"', value: from + i, timestamp: null, isJobOutput: true,
    }))
    client.answers['session.outputs'] = (_id, offset, limit) => {
      const total = nextTotal()
      return { total, offset, items: rows(offset as number, Math.min(total, (offset as number) + (limit as number))) }
    }
    client.answers['session.outputTail'] = (_id, limit) => {
      const total = nextTotal()
      const offset = Math.max(0, total - (limit as number))
      return { total, offset, items: rows(offset, total), step: total }
    }
    const ins = useInspectorStore()
    await ins.refreshOutputs()
    expect(ins.outputs.total).toBe(ins.outputs.offset + ins.outputs.items.length)
    expect(ins.outputs.items.length).toBe(300)
    expect(ins.outputs.items.at(-1)?.seq).toBe(ins.outputs.total - 1)
  })
})

describe('inspector store while a refresh is in flight', () => {
  it('keeps showing the rows it had until the refreshed ones answer (the list did not blank to "…" after every step)', async () => {
    const ins = useInspectorStore()
    await ins.ensureRows(0, 30)
    const held: Array<() => void> = []
    const answer = client.answers['session.keys']!
    client.answers['session.keys'] = (id, q) => new Promise((ok) => held.push(() => ok(answer(id, q))))
    const refreshed = ins.refresh()
    await vi.waitFor(() => expect(held).toHaveLength(1))
    // A key pressed now (Down from the selected row) needs the rows: they are still there.
    expect(ins.keyAt(5)?.keyStr).toBe('"k5"')
    expect(ins.keyTotal).toBe(TOTAL)
    held.shift()!()
    await refreshed
    expect(ins.keyAt(5)?.keyStr).toBe('"k5"')
  })

  it('says the list is busy from the moment a refresh is asked for until its rows answer', async () => {
    const ins = useInspectorStore()
    const held: Array<() => void> = []
    const answer = client.answers['session.keys']!
    client.answers['session.keys'] = (id, q) => new Promise((ok) => held.push(() => ok(answer(id, q))))
    expect(ins.listBusy).toBe(false)
    // The step that moved the session marks the list stale at once (the refresh itself starts a moment later).
    ins.markStale()
    expect(ins.listBusy).toBe(true)
    const refreshed = ins.refresh()
    await vi.waitFor(() => expect(held).toHaveLength(1))
    expect(ins.listBusy).toBe(true)
    held.shift()!()
    await refreshed
    expect(ins.listBusy).toBe(false)
  })
})

describe('inspector store during a run', () => {
  it('keeps the key count of a refresh answered after the next step asked for another (not "0 keys")', async () => {
    const held: Array<() => void> = []
    client.answers['session.keys'] = (_id, q) => new Promise((ok) => held.push(() => ok({
      total: 911, offset: (q as KeyPageQuery).offset, items: [],
    })))
    const ins = useInspectorStore()
    const first = ins.refresh()
    await Promise.resolve()
    // The worker is busy with the next chunk: the next step's refresh is asked for before the first answers.
    const second = ins.refresh()
    held.shift()!()
    await vi.waitFor(() => expect(ins.keyTotal).toBe(911))
    while (held.length) held.shift()!()
    await Promise.all([first, second])
    expect(ins.keyTotal).toBe(911)
  })
})
