// Opening another job over unsaved edits (the Examples menu, Open) discarded them without a word; they are set aside,
// and the notice that says so restores them (VS Code keeps an edited file's changes when another is opened).
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { setClient } from '../../../src-renderer/src/client'
import { useEditorStore } from '../../../src-renderer/src/stores/editor'
import { useMessagesStore } from '../../../src-renderer/src/stores/messages'
import { fakeClient } from '../fake-client'

beforeEach(() => {
  setActivePinia(createPinia())
  setClient(fakeClient({ 'files.read': (p) => ({ path: p as string, source: `// ${p as string}` }) }))
  useEditorStore().load('/p/examples/seed.py', 'original')
})

describe('opening another job over unsaved edits', () => {
  it('sets the edits aside with a notice whose Restore brings them back, unsaved', async () => {
    const editor = useEditorStore()
    editor.edit('my fix')
    await editor.open('/p/examples/seed.ts')
    expect(editor.path).toBe('/p/examples/seed.ts')
    const notice = useMessagesStore().toasts.find((t) => t.action)!
    expect(notice.text).toBe('Opened seed.ts. Your unsaved edits to seed.py were set aside.')
    expect(notice.action!.label).toBe('Restore seed.py')
    useMessagesStore().runAction(notice.id)
    expect([editor.path, editor.source, editor.dirty]).toEqual(['/p/examples/seed.py', 'my fix', true])
    expect(editor.savedSource).toBe('original')
    // Once: the notification is gone and its Messages row keeps the text only.
    expect(useMessagesStore().toasts.some((t) => t.id === notice.id)).toBe(false)
    expect(useMessagesStore().history.find((m) => m.id === notice.id)!.action).toBeUndefined()
  })

  it('restoring over other unsaved edits sets those aside in turn', async () => {
    const editor = useEditorStore()
    editor.edit('my fix')
    await editor.open('/p/examples/seed.ts')
    const first = useMessagesStore().toasts.find((t) => t.action)!
    editor.edit('ts edit')
    useMessagesStore().runAction(first.id)
    expect(editor.source).toBe('my fix')
    const second = useMessagesStore().toasts.find((t) => t.action)!
    expect(second.action!.label).toBe('Restore seed.ts')
    useMessagesStore().runAction(second.id)
    expect([editor.path, editor.source, editor.savedSource]).toEqual(['/p/examples/seed.ts', 'ts edit', '// /p/examples/seed.ts'])
  })

  it('says nothing when there were no unsaved edits', async () => {
    await useEditorStore().open('/p/examples/seed.ts')
    expect(useMessagesStore().toasts).toEqual([])
  })
})
