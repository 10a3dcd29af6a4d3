import { afterEach, describe, expect, test } from 'vitest';
import { forgetJournal, journalChange, replayDraftJournal, settleChange } from './draft-journal.ts';
import { freshDb, queueItems, surveyItem } from './outbox.test-kit.ts';
import { saveDraft } from './store.ts';

const ID = '6f1c2a4e-1111-4222-8333-944455556666';
const change = (room: string, at = 1_000) => ({
  id: ID,
  kind: 'survey' as const,
  form: { communityCode: 'DEMO01', room, answers: { q3: 'B' } },
  communityCode: 'DEMO01',
  collectedBy: 'canvasser1',
  at,
});

afterEach(() => localStorage.clear());

describe('the draft journal', () => {
  test('a change the page closed on before IndexedDB had it is written when the app next starts, once', async () => {
    const db = freshDb();
    journalChange(change('502'));
    expect(await replayDraftJournal(db)).toBe(1);
    expect(await db.items.get(ID)).toMatchObject({
      state: 'draft',
      form: { room: '502', answers: { q3: 'B' } },
      collectedBy: 'canvasser1',
    });
    expect(await replayDraftJournal(db)).toBe(0);
  });

  test('a settled change is forgotten, but not when a newer one was recorded meanwhile', async () => {
    const first = journalChange(change('501'));
    journalChange(change('502', 2_000));
    settleChange(ID, first);
    const db = freshDb();
    expect(await replayDraftJournal(db)).toBe(1);
    expect((await db.items.get(ID))?.form).toMatchObject({ room: '502' });
  });

  test('never writes over a questionnaire already submitted', async () => {
    const db = freshDb();
    const [id = ''] = await queueItems(db, [surveyItem()]);
    const before = await db.items.get(id);
    journalChange({ ...change('999'), id });
    await replayDraftJournal(db);
    expect(await db.items.get(id)).toEqual(before);
    expect(Object.keys(localStorage)).toEqual([]);
  });

  test('an older change left in the journal does not overwrite a newer draft IndexedDB holds', async () => {
    const db = freshDb();
    journalChange(change('501', 1_000));
    // The next change did not fit in localStorage (full), but IndexedDB took it.
    const { id, kind, form, communityCode, collectedBy } = change('502');
    await saveDraft(db, { id, kind, form, communityCode, collectedBy }, 2_000);
    expect(await replayDraftJournal(db)).toBe(0);
    expect((await db.items.get(ID))?.form).toMatchObject({ room: '502' });
    expect(Object.keys(localStorage)).toEqual([]);
  });

  test('a draft the canvasser discarded is not revived by the next start', async () => {
    journalChange(change('502'));
    forgetJournal(ID);
    const db = freshDb();
    expect(await replayDraftJournal(db)).toBe(0);
    expect(await db.items.get(ID)).toBeUndefined();
  });
});
