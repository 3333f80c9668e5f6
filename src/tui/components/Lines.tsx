/**
 * Draws view-model lines (see model/lines.ts): one `<Text>` per line, one nested `<Text>` per span.
 */
import { Box, Text } from 'ink';
import type { Line } from '../model/lines.ts';

export function Lines({ lines }: { lines: readonly Line[] }) {
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end">
          {l.length === 0
            ? ' '
            : l.map((s, j) => (
                <Text key={j} color={s.color} bold={s.bold} dimColor={s.dim} inverse={s.inverse}>
                  {s.text}
                </Text>
              ))}
        </Text>
      ))}
    </Box>
  );
}
