/**
 * The workbench: a theory list, and for the open theory a page of panels (overview, parameters,
 * run with a live plot, derivations, validation), a status line and the keys in a footer. State
 * changes go through the pure `handleKey`/`reduce`; long work through `startEffect`.
 */
import { Box, Text, useApp, useInput, useStdin, useStdout } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AnyTheory } from '../../core/theory.ts';
import { followFocus, windowLines, type Line } from '../model/lines.ts';
import {
  derivationLines,
  footerKeys,
  helpLines,
  listLines,
  overviewLines,
  paramLines,
  runLines,
  statusLine,
  tabLine,
  validationLines,
} from '../model/screens.ts';
import { clampScroll, current, handleKey, initialState, reduce, splitKeys, type KeyPress, type UiState, type WorkEvent } from '../model/state.ts';
import { startEffect, type TuiServices, type WorkHandle } from '../session.ts';
import { Lines } from './Lines.tsx';

export interface AppProps {
  theories: readonly AnyTheory[];
  services: TuiServices;
  /** Open this theory at start. */
  initialTheory?: string;
  /** Terminal size; defaults to the output stream's (or 100×40 when it has none). */
  columns?: number;
  rows?: number;
}

/**
 * Header, tabs, scroll hint, status and the two footer lines take seven rows, and one row stays
 * free: a frame as tall as the terminal makes Ink clear the whole screen on every redraw.
 */
const CHROME_ROWS = 8;

function body(state: UiState, theories: readonly AnyTheory[], width: number, height: number, outDir: string): { lines: Line[]; offset: number } {
  if (state.help) return { lines: helpLines(outDir), offset: 0 };
  if (state.screen === 'list') {
    const lines = listLines(theories, state.listCursor, width);
    return { lines, offset: followFocus(0, 2 + state.listCursor * 2, height) };
  }
  const theory = theories.find((t) => t.id === state.theoryId)!;
  const t = current(state)!;
  switch (state.tab) {
    case 'overview':
      return { lines: overviewLines(theory, t, width), offset: t.scroll };
    case 'params': {
      const p = paramLines(theory, t, state.editing, width);
      return { lines: p.lines, offset: followFocus(0, p.focus, Math.max(1, height - 6)) };
    }
    case 'run':
      return { lines: runLines(theory, t, width, Math.max(5, height - 9)), offset: t.scroll };
    case 'derive':
      return { lines: derivationLines(theory, t, width), offset: t.scroll };
    case 'validate':
      return { lines: validationLines(theory, t, width), offset: t.scroll };
  }
}

export function App({ theories, services, initialTheory, columns, rows }: AppProps) {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const { stdout } = useStdout();
  const width = Math.max(40, (columns ?? stdout.columns ?? 100) - 1);
  const height = Math.max(12, rows ?? stdout.rows ?? 40);
  const [state, setState] = useState<UiState>(() => initialState(theories, initialTheory));
  const stateRef = useRef(state);
  stateRef.current = state;
  const work = useRef<WorkHandle | undefined>(undefined);
  const maxScroll = useRef(0);

  const dispatch = useCallback((event: WorkEvent) => {
    setState((s) => reduce(s, event));
    if (event.type === 'done' || event.type === 'failed' || event.type === 'cancelled') work.current = undefined;
  }, []);

  const onKeystroke = useCallback(
    (input: string, key: KeyPress) => {
      const before = stateRef.current;
      const handled = handleKey(before, theories, input, key);
      const next = clampScroll(handled.state, maxScroll.current);
      const effect = handled.effect;
      stateRef.current = next;
      setState(next);
      if (!effect) return;
      if (effect.type === 'quit') {
        work.current?.cancel();
        exit();
        return;
      }
      if (effect.type === 'cancel') {
        work.current?.cancel();
        return;
      }
      const theory = theories.find((t) => t.id === next.theoryId);
      if (!theory) return;
      const handle = startEffect(effect, next, theory, services, dispatch);
      if (handle) work.current = handle;
    },
    [theories, services, dispatch, exit],
  );
  const onKey = useCallback(
    (input: string, key: KeyPress) => {
      for (const [i, k] of splitKeys(input, key)) onKeystroke(i, k);
    },
    [onKeystroke],
  );

  // Ink's useInput needs raw mode; without it (no TTY) the app still renders, but takes no keys.
  useInput(onKey, { isActive: isRawModeSupported === true });
  useEffect(() => () => work.current?.cancel(), []);

  const bodyHeight = height - CHROME_ROWS;
  const view = useMemo(() => body(state, theories, width, bodyHeight, services.outDir), [state, theories, width, bodyHeight, services.outDir]);
  const win = windowLines(view.lines, view.offset, bodyHeight);
  maxScroll.current = Math.max(0, view.lines.length - bodyHeight);
  const theory = theories.find((t) => t.id === state.theoryId);
  const title = state.screen === 'theory' && theory ? `${theory.title} (${theory.id})` : 'theory browser';

  return (
    <Box flexDirection="column" width={width}>
      <Text>
        <Text bold color="cyan">
          Plateau
        </Text>
        <Text> · {title}</Text>
      </Text>
      {state.screen === 'theory' && !state.help ? <Lines lines={[tabLine(state)]} /> : <Text> </Text>}
      <Box flexDirection="column" height={bodyHeight}>
        <Lines lines={win.lines} />
      </Box>
      <Text dimColor>{win.above || win.below ? `${win.above ? `↑ ${win.above} more` : ''}${win.above && win.below ? ' · ' : ''}${win.below ? `↓ ${win.below} more` : ''}` : ' '}</Text>
      <Lines lines={[statusLine(state, width)]} />
      {footerKeys(state).map((keys) => (
        <Text key={keys} dimColor wrap="truncate-end">
          {keys}
        </Text>
      ))}
    </Box>
  );
}
