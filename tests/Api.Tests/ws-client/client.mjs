// The real graphql-ws client against a DDL ledger's live feeds, driven by a C# test over stdin/stdout:
// subscribe to prescriptionUpdates with a bearer token, print the first FIRST events, disconnect and
// print the last cursor; on a "resume" line, reconnect with that cursor and print SECOND more events.
//
//   node client.mjs ws://127.0.0.1:5000/graphql <token> FIRST SECOND
//
// Output: one JSON object per line: {"event": {...}}, {"state": "paused", "cursor": "..."}, {"state": "done"}.
import readline from 'node:readline';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, token, first, second] = process.argv.slice(2);
if (!url || !token || !first || !second) {
  console.error('usage: node client.mjs <ws url> <token> <first> <second>');
  process.exit(2);
}

const query = `subscription($after: String) {
  prescriptionUpdates(after: $after) { chain seq hash prev type author recordedAt cursor replayed }
}`;
const print = (value) => process.stdout.write(JSON.stringify(value) + '\n');

// Reads `count` events from a fresh connection (resuming after `after` when given); returns the last cursor.
async function take(after, count) {
  const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { token }, retryAttempts: 0, lazy: true });
  let cursor = null;
  let received = 0;
  try {
    for await (const result of client.iterate({ query, variables: { after } })) {
      if (result.errors) {
        throw new Error(`subscription error: ${JSON.stringify(result.errors)}`);
      }
      const event = result.data.prescriptionUpdates;
      print({ event });
      cursor = event.cursor;
      if (++received === count) {
        break; // ends the iteration: the client sends complete and, being lazy, closes the socket
      }
    }
  } finally {
    await client.dispose();
  }
  return cursor;
}

const lines = readline.createInterface({ input: process.stdin });
const nextLine = () => new Promise((resolve) => lines.once('line', resolve));

try {
  const cursor = await take(null, Number(first));
  print({ state: 'paused', cursor });
  await nextLine();
  await take(cursor, Number(second));
  print({ state: 'done' });
} catch (error) {
  console.error(error?.stack ?? String(error));
  process.exitCode = 1;
} finally {
  lines.close();
}
