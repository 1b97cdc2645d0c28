// A small graphql-transport-ws client (the protocol of the graphql-ws library, written by hand):
// connection_init with {"token"} (browsers cannot set headers on a WebSocket), one subscription
// per socket, ping/pong, and reconnection that resumes from the last cursor the caller kept.
const url = new URL('/graphql', location.href);
url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';

/**
 * subscribe({query, variables: () => vars, token, onNext(data), onError(errors), onStatus(status)})
 * `variables` is a function so that each reconnect asks for the latest cursor. Returns {close()}.
 * Status: "connecting", "live", "reconnecting", "closed".
 */
export function subscribe({ query, variables = () => ({}), token = null, onNext, onError = () => {}, onStatus = () => {} }) {
  let socket = null;
  let closed = false;
  let retry = 0;
  let timer = null;

  function open() {
    onStatus(retry === 0 ? 'connecting' : 'reconnecting');
    socket = new WebSocket(url.href, 'graphql-transport-ws');
    socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init', payload: token ? { token } : {} }));
    socket.onmessage = (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch { return; }
      switch (message.type) {
        case 'connection_ack':
          retry = 0;
          socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables: variables() } }));
          onStatus('live');
          break;
        case 'ping':
          socket.send(JSON.stringify({ type: 'pong' }));
          break;
        case 'next':
          if (message.payload?.errors?.length) onError(message.payload.errors);
          if (message.payload?.data) onNext(message.payload.data);
          break;
        case 'error':
          onError(message.payload ?? []);
          break;
        case 'complete':
          socket.close(1000);
          break;
        default:
          break;
      }
    };
    socket.onclose = (event) => {
      // Closed by the caller: it has moved on (e.g. to a new subscription showing its own status).
      if (closed) return;
      // 4403: the token was refused; retrying with the same token cannot help.
      if (event.code === 4403 || event.code === 4401) {
        onError([{ message: event.reason, extensions: { code: 'UNAUTHENTICATED' } }]);
        onStatus('closed');
        return;
      }
      retry++;
      onStatus('reconnecting');
      timer = setTimeout(open, Math.min(30000, 500 * 2 ** Math.min(retry, 6)));
    };
  }

  open();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      if (socket && socket.readyState <= 1) socket.close(1000);
    },
  };
}
