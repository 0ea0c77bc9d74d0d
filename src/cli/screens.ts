// The terminal screens (src/ui/: ink and react), loaded only when a screen is drawn, so piped runs
// and CI never start React. The CLI bundle (scripts/bundle.js) leaves them outside itself, as ES
// modules: ink waits at its top level, which a CommonJS require cannot, and the bundle runs as a
// script (bin/tact.js) where only the launcher can import an ES module. So the launcher hands its
// own import in (`globalThis.tactImport`, with paths relative to the bundle); unbundled, this
// module imports them itself, relative to its own folder.
import type * as Ink from 'ink';
import type * as React from 'react';

interface Screens {
  chat: typeof import('../ui/chat.js');
  init: typeof import('../ui/init.js');
  simulate: typeof import('../ui/simulate.js');
}

type Importer = (specifier: string) => Promise<unknown>;

/** ink, react and one screen's components. */
export async function loadScreen<K extends keyof Screens>(
  name: K,
): Promise<{ ink: typeof Ink; react: typeof React; screen: Screens[K] }> {
  const load: Importer = (globalThis as { tactImport?: Importer }).tactImport ?? ((s) => import(s));
  const [ink, react, screen] = await Promise.all([load('ink'), load('react'), load(`../ui/${name}.js`)]);
  return { ink: ink as typeof Ink, react: react as typeof React, screen: screen as Screens[K] };
}
