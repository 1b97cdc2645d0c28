// Runs every graphql-http server audit (the GraphQL-over-HTTP conformance suite) against the URL given on
// the command line and prints one JSON summary on stdout. The C# test decides what fails the build.
//
//   node audit.mjs http://127.0.0.1:5000/graphql
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql url>');
  process.exit(2);
}

const results = [];
for (const { id, name, fn } of serverAudits({ url, fetchFn: fetch })) {
  try {
    const result = await fn();
    results.push({
      id,
      name,
      status: result.status,
      ...(result.status === 'ok' ? {} : { reason: result.reason, httpStatus: result.response?.status }),
    });
  } catch (error) {
    // serverAudits only throws for fatal problems (the server unreachable, say): count it as a failure.
    results.push({ id, name, status: 'error', reason: `fatal: ${error?.message ?? error}` });
  }
}

const count = (status) => results.filter((r) => r.status === status).length;
console.log(JSON.stringify({
  url,
  total: results.length,
  ok: count('ok'),
  warn: count('warn'),
  notice: count('notice'),
  error: count('error'),
  results,
}, null, 2));
