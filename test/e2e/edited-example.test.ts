import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, tact } from './helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tact-edited-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Copy the example project and apply one edit to one flow file. */
function editedExample(name: string, file: string, edit: (text: string) => string): string {
  const target = path.join(dir, name);
  cpSync(path.join(ROOT, 'flows'), target, { recursive: true });
  const f = path.join(target, file);
  const before = readFileSync(f, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(f, after);
  return target;
}

describe('an edited example project', () => {
  it('fails with human-exit when one ask step loses its human exit, and prints the path from the entry', async () => {
    // At retail/ask_email, asking for a person now leads to a message that ends the chat unresolved.
    const project = editedExample('lost-exit', 'retail.flow.yaml', (t) =>
      t
        .replace(
          '    collect: email\n    next: check\n',
          '    collect: email\n    routes:\n      - intent: human\n        goto: no_agents\n    next: check\n',
        )
        .concat(
          '\n  no_agents:\n    say: Our returns team is offline right now. Please come back tomorrow.\n    end: unresolved\n',
        ),
    );
    const r = await tact(['lint', project]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(
      /error +a customer at `ask_email` who asks for a person is sent to `no_agents`.* human-exit/,
    );
    expect(r.stdout).toContain(
      'path: main/greet → main/menu → retail/start → retail/ask_order → retail/ask_reason → retail/privacy → retail/ask_email',
    );
  });

  it('fails with data-disclosure when the privacy message is dropped, with the path that skips it', async () => {
    const project = editedExample('no-disclosure', 'retail.flow.yaml', (t) =>
      t.replace('    discloses: [email]\n', ''),
    );
    const r = await tact(['lint', project, '--format', 'json']);
    expect(r.exitCode).toBe(1);
    const f = JSON.parse(r.stdout).findings.find((x: { ruleId: string }) => x.ruleId === 'data-disclosure');
    expect(f.path.map((p: { step: string }) => p.step).at(-1)).toBe('retail/ask_email');
  });

  it('fails with tone-sentiment when an upset customer gets a cheerful answer, quoting it', async () => {
    const project = editedExample('cheerful', 'main.flow.yaml', (t) =>
      t.replace(
        "say: I'm really sorry you're having a bad time. I can get you a person right now, or we can sort it out here.",
        'say: Awesome!! Let me help you with that! 🎉',
      ),
    );
    const r = await tact(['lint', project, '--format', 'compact']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/main\.flow\.yaml:\d+:\d+: error tone-sentiment upbeat \("Awesome!!"/);
  });
});
