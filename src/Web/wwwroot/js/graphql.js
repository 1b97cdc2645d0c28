// The GraphQL API over HTTP, as any third-party client uses it (GraphQL-over-HTTP: POST JSON).
export class GraphQLError extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join('; '));
    this.errors = errors;
    this.code = errors[0]?.extensions?.code ?? 'INTERNAL_ERROR';
    this.extensions = errors[0]?.extensions ?? {};
  }
}

export const endpoint = new URL('/graphql', location.href).href;

/** Runs a query or mutation; throws GraphQLError with the first error's code when there are errors. */
export async function gql(query, variables = {}, token = null) {
  const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new GraphQLError([{ message: 'The ledger cannot be reached.', extensions: { code: 'UNAVAILABLE' } }]);
  }
  let json;
  try { json = await response.json(); } catch {
    throw new GraphQLError([{ message: `HTTP ${response.status}`, extensions: { code: 'INTERNAL_ERROR' } }]);
  }
  if (json.errors?.length) throw new GraphQLError(json.errors);
  return json.data;
}
