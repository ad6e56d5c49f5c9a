// The page's handle on the import worker ends the worker once a commit leaves it holding nothing,
// but not while a file dropped during the commit is still being read into it: that file would be
// held by a worker that is gone.
import { afterEach, describe, expect, it } from 'vitest';
import { ImportClient } from '../../src/import/client';
import type { CommitRequest, FileSummary } from '../../src/import/protocol';

/** A stand-in for the import worker: it records what it is sent, and answers when told to. */
class FakeWorker {
  static made: FakeWorker[] = [];
  readonly sent: { rid: number; body?: { op: string } }[] = [];
  terminated = false;
  private readonly onMessage: ((e: { data: unknown }) => void)[] = [];
  constructor() {
    FakeWorker.made.push(this);
  }
  addEventListener(type: string, fn: (e: { data: unknown }) => void): void {
    if (type === 'message') this.onMessage.push(fn);
  }
  postMessage(m: { rid: number; body?: { op: string } }): void {
    this.sent.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Answers the request of this operation still waiting. */
  answer(op: string, value: unknown): void {
    const m = this.sent.find((s) => s.body?.op === op && !this.answered.has(s.rid));
    if (!m) throw new Error(`no ${op} waiting`);
    this.answered.add(m.rid);
    for (const fn of this.onMessage) fn({ data: { rid: m.rid, ok: true, value } });
  }
  private readonly answered = new Set<number>();
}

const summary = (id: string) => ({ id }) as FileSummary;
const tick = () => new Promise((r) => setTimeout(r, 0));
const realWorker = globalThis.Worker;

afterEach(() => {
  globalThis.Worker = realWorker;
  FakeWorker.made = [];
});

describe('the import client', () => {
  it('ends the worker after a commit that leaves it holding nothing, but keeps it for a file being read meanwhile', async () => {
    globalThis.Worker = FakeWorker as unknown as typeof Worker;
    const client = new ImportClient();
    const first = client.read(new File(['a'], 'a.csv'));
    const worker = FakeWorker.made[0];
    if (!worker) throw new Error('no worker was started');
    worker.answer('read', summary('a'));
    await first;

    const commit = client.commit({ files: [{ id: 'a' }] } as unknown as CommitRequest);
    // A second file dropped while the first is written, read after the commit is done.
    const second = client.read(new File(['b'], 'b.csv'));
    worker.answer('commit', [1]);
    await commit;
    worker.answer('read', summary('b'));
    await second;
    await tick();
    expect(worker.terminated).toBe(false);

    // Its preview goes to the worker that holds it.
    void client.preview({ files: [{ id: 'b', kind: 'measures', roles: [] }], dataset: { id: 'd', name: 'D' } });
    expect(FakeWorker.made).toHaveLength(1);
    expect(worker.sent.at(-1)?.body?.op).toBe('preview');

    // Once that file is written too, the worker is ended.
    const again = client.commit({ files: [{ id: 'b' }] } as unknown as CommitRequest);
    worker.answer('preview', []);
    worker.answer('commit', [2]);
    await again;
    expect(worker.terminated).toBe(true);
  });
});
